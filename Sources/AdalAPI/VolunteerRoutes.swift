import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// `/v1/volunteers`: list, search, read, register, change.
struct VolunteerRoutes {
    let context: AdalContext
    let gate: Gate

    /// A volunteer as the API shows it. In lists the national ID is masked and contact details are
    /// left out; one volunteer read in full is recorded in the audit log.
    struct View: Encodable {
        let id: UUID
        let fullName: String
        let nationalIdKind: NationalIDKind?
        let nationalId: String?
        let birthDate: CivilDate?
        let phone: String?
        let email: String?
        let language: Language
        let region: String
        let office: String?
        let kind: VolunteerKind
        let areas: [VolunteerArea]
        let organisation: String?
        let status: VolunteerStatus
        let joinedOn: CivilDate
        let hours: String
        let createdAt: Date
        /// With a search (`q=`): how the name matched it.
        var match: NameSearchMatch?
        /// One volunteer, to those who may see identities: who else may be this person.
        var possibleDuplicates: [PossibleDuplicate]?

        init(_ volunteer: Volunteer, identity: Bool, contacts: Bool) {
            id = volunteer.id
            fullName = volunteer.fullName
            nationalIdKind = volunteer.nationalIDKind
            nationalId = volunteer.nationalID.map { identity ? $0 : Masking.nationalID($0) }
            birthDate = identity ? volunteer.birthDate : nil
            phone = contacts ? volunteer.phone : nil
            email = contacts ? volunteer.email : nil
            language = volunteer.language
            region = volunteer.regionCode
            office = volunteer.officeCode
            kind = volunteer.kind
            areas = volunteer.areas
            organisation = volunteer.organisation
            status = volunteer.status
            joinedOn = volunteer.joinedOn
            hours = volunteer.hours
            createdAt = volunteer.createdAt
        }
    }

    static let createFields: Set<String> = [
        "last_name", "first_name", "middle_name", "national_id", "country", "region", "office", "birth_date", "phone",
        "email", "kind", "areas", "organisation", "language", "consent_version", "joined_on",
    ]
    static let changeFields: Set<String> = ["status", "areas", "office", "phone", "email", "language"]

    func add(to router: Router<AdalRequestContext>) {
        router.get("/v1/volunteers") { request, _ -> Response in
            let (_, scoped) = try await gate.admit(request, .readVolunteers)
            var query = try Query(request, allowed: ["region", "status", "kind", "q", "after", "limit"])
            let status = query.value("status", as: VolunteerStatus.self)
            let kind = query.value("kind", as: VolunteerKind.self)
            let after = query.uuid("after")
            let limit = query.limit()
            try query.finish()
            let found: [Volunteer]
            var items: [View]
            if let text = query.string("q") {
                let matching = try await Volunteers(scoped).searchMatching(text, limit: limit)
                found = matching.map(\.volunteer)
                items = matching.map { volunteer, match in
                    var view = View(volunteer, identity: false, contacts: false)
                    view.match = match
                    return view
                }
            } else {
                found = try await Volunteers(scoped).list(regionCode: query.string("region"), status: status, kind: kind,
                                                          after: after, limit: limit)
                items = found.map { View($0, identity: false, contacts: false) }
            }
            let next = query.string("q") == nil && found.count == limit ? found.last?.id.uuidString : nil
            return JSONBody.response(Page(items: items, nextAfter: next))
        }

        // Registrations refused as registered elsewhere, for the admins whose regions cover both sides.
        router.get("/v1/conflicts") { request, _ -> Response in
            let (_, scoped) = try await gate.admit(request, .decideConflicts)
            var query = try Query(request, allowed: ["limit"])
            let limit = query.limit()
            try query.finish()
            return JSONBody.response(Page(items: try await RegistrationConflicts(scoped).list(limit: limit), nextAfter: nil))
        }

        router.get("/v1/volunteers/{id}") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .readVolunteers)
            let identity = principal.may(.readVolunteerIdentity)
            let volunteer = try await Volunteers(scoped).disclose(id: try requestContext.parameters.require("id"),
                                                                  actor: principal.actor, nationalID: identity)
            var view = View(volunteer, identity: identity, contacts: true)
            if identity { view.possibleDuplicates = try await Volunteers(scoped).possibleDuplicates(of: volunteer) }
            return JSONBody.response(view, headers: [.eTag: volunteer.entityTag])
        }

        router.post("/v1/volunteers") { request, _ -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeVolunteers)
            var request = request
            return try await Idempotency(context: context).run(&request, owner: principal.actor) { request in
                var input = try await JSONInput(&request, fields: Self.createFields)
                let region = input.requiredString("region")
                let form = VolunteerRegistrationForm(
                    lastName: input.requiredString("last_name"), firstName: input.requiredString("first_name"),
                    middleName: input.string("middle_name"), nationalID: input.requiredString("national_id"),
                    country: input.string("country") ?? String(region.prefix(2)), regionCode: region,
                    officeCode: input.string("office"), birthDate: input.string("birth_date"), phone: input.string("phone"),
                    email: input.string("email"), kind: input.requiredString("kind"), areas: input.strings("areas") ?? [],
                    organisation: input.string("organisation"), language: input.string("language"),
                    consentVersion: input.string("consent_version"), joinedOn: input.string("joined_on"))
                try input.finish()
                let volunteer = try await Volunteers(scoped).register(form, actor: principal.actor)
                let id = volunteer.id.uuidString
                var view = View(volunteer, identity: true, contacts: true)
                view.possibleDuplicates = try await Volunteers(scoped).possibleDuplicates(of: volunteer)
                return JSONBody.reply(view, status: .created,
                                      headers: [.location: "/v1/volunteers/\(id)", .eTag: volunteer.entityTag])
            }
        }

        router.patch("/v1/volunteers/{id}") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeVolunteers)
            guard let tag = request.headers[.ifMatch] else {
                throw Problem(.preconditionRequired, "send If-Match with the ETag of the volunteer as you read it")
            }
            var request = request
            var input = try await JSONInput(&request, fields: Self.changeFields)
            let form = VolunteerChangeForm(status: input.string("status"), areas: input.strings("areas"),
                                           officeCode: input.nullableString("office"), phone: input.nullableString("phone"),
                                           email: input.nullableString("email"), language: input.string("language"))
            try input.finish()
            let volunteer = try await Volunteers(scoped).update(id: try requestContext.parameters.require("id"), form,
                                                                ifMatch: tag, actor: principal.actor)
            return JSONBody.response(View(volunteer, identity: true, contacts: true), headers: [.eTag: volunteer.entityTag])
        }
    }
}
