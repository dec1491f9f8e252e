import AdalDomain
import AdalStore
import Crypto
import Foundation
import PostgresNIO

/// What registrars do with applications to volunteer: receive, review, decide.
public struct Applications: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    /// Working days an office has to answer an appeal, per country.
    public static let answerTerm: [Country: Int] = [.kz: 15, .uz: 15, .az: 15]
    public static let maximumExtension = 15

    /// Stores drafts not stored yet, with their attachments; returns the new ones' ids by external reference.
    public func store(_ prepared: [ApplicationRepository.NewApplication], actor: String, importRunID: Int64?,
                      on connection: PostgresConnection) async throws -> [String: UUID] {
        let ids = try await context.applications.insertNew(prepared, actor: actor, importRunID: importRunID, on: connection)
        for application in prepared {
            guard let id = ids[application.draft.externalRef] else { continue }
            for attachment in application.draft.attachments {
                try await context.applications.addAttachment(
                    applicationID: id, regionID: application.regionID, attachment,
                    sha256: Array(SHA256.hash(data: attachment.content)), on: connection)
            }
        }
        return ids
    }

    /// What a registrar types for an application made at the office.
    public struct OfficeForm: Sendable {
        public var lastName: String
        public var firstName: String
        public var middleName: String?
        public var nationalID: String?
        public var birthDate: String?
        public var phone: String?
        public var email: String?
        public var address: String?
        public var organisation: String?
        public var areas: [String]
        public var motivation: String?
        public var regionCode: String
        public var officeCode: String?

        public init(lastName: String, firstName: String, middleName: String? = nil, nationalID: String? = nil,
                    birthDate: String? = nil, phone: String? = nil, email: String? = nil, address: String? = nil,
                    organisation: String? = nil, areas: [String] = [], motivation: String? = nil, regionCode: String,
                    officeCode: String? = nil) {
            self.lastName = lastName
            self.firstName = firstName
            self.middleName = middleName
            self.nationalID = nationalID
            self.birthDate = birthDate
            self.phone = phone
            self.email = email
            self.address = address
            self.organisation = organisation
            self.areas = areas
            self.motivation = motivation
            self.regionCode = regionCode
            self.officeCode = officeCode
        }
    }

    /// Takes in an application at the office. Unlike imports, a registrar is present to fix typos,
    /// so bad fields are refused, not stored as problems.
    public func add(_ form: OfficeForm, actor: String, channel: ApplicationChannel = .office,
                    now: Date = Date()) async throws -> ApplicationRecord {
        var errors = FieldErrorCollector()
        let name = errors.check { try PersonName(last: form.lastName, first: form.firstName, middle: form.middleName) }
        var areas: [VolunteerArea] = []
        for raw in form.areas.flatMap({ $0.split(separator: ",").map(String.init) }) where !raw.isEmpty {
            if let area = errors.check({ try VolunteerArea.parse(raw, field: "areas") }) { areas.append(area) }
        }
        var birthDate: CivilDate?
        if let raw = form.birthDate.nonBlank {
            birthDate = CivilDate(raw)
            if birthDate == nil { errors.add("birth_date", "must be a date yyyy-MM-dd") }
        }
        try errors.throwIfAny()
        let resolver = Resolver(context)
        let record = try await context.act(actor: actor) { change in
            let connection = change.connection
            guard let region = try await resolver.region(form.regionCode, on: connection) else {
                throw ValidationFailure([FieldError("region", "no region has the code '\(form.regionCode)'")])
            }
            guard context.scope.contains(regionID: region.id) else {
                throw ValidationFailure([FieldError("region", "\(region.code) is outside the regions you work in")])
            }
            var draft = ApplicationDraft(channel: channel, externalRef: "\(channel.rawValue)-" + UUID().uuidString.lowercased(),
                                         receivedAt: now, regionCode: region.code, rawSource: "")
            draft.lastName = name!.last
            draft.firstName = name!.first
            draft.middleName = name!.middle
            draft.nationalID = form.nationalID
            draft.birthDate = birthDate
            draft.phone = form.phone
            draft.email = form.email
            draft.address = form.address.nonBlank
            draft.organisation = form.organisation.nonBlank
            draft.areas = areas
            draft.motivation = form.motivation.nonBlank
            draft.officeCode = form.officeCode.nonBlank
            draft.checkApplicant(country: region.country, fields: .form)
            let refusals = draft.storageRefusals()
            if !refusals.isEmpty { throw ValidationFailure(refusals) }
            if !draft.problems.isEmpty { throw ValidationFailure(draft.problems) }
            draft.rawSource = AuditJSON.encode([
                "last_name": draft.lastName, "first_name": draft.firstName, "middle_name": draft.middleName,
                "national_id": draft.nationalID, "phone": draft.phone, "email": draft.email, "region": region.code,
            ])
            if let code = draft.officeCode {
                _ = try await context.office(code: code, serving: (region.id, region.code), on: connection)
            }
            let prepared = try await resolver.prepare(draft, region: region, on: connection)
            if let problem = prepared.draft.problems.first { throw ValidationFailure([FieldError("office", problem.reason)]) }
            let ids = try await store([prepared], actor: actor, importRunID: nil, on: connection)
            return try await context.applications.get(id: ids[draft.externalRef]!, on: connection)!
        }
        return record
    }

    /// Takes in an application sent from the public web form: no account, so the transaction is
    /// limited to the region the applicant chose, and the applicant's consent is required.
    public func submitFromWeb(_ form: OfficeForm, consent: Bool, now: Date = Date()) async throws -> ApplicationRecord {
        guard consent else {
            throw ValidationFailure([FieldError("consent", "the applicant must consent to the processing of personal data")])
        }
        let region = try await context.database.withConnection { connection in
            try await Resolver(context).region(form.regionCode, on: connection)
        }
        guard let region else {
            throw ValidationFailure([FieldError("region", "no region has the code '\(form.regionCode)'")])
        }
        let scope = RegionScope(allRegions: false, regionIDs: [region.id], regionCodes: [region.code])
        return try await Applications(context.scoped(to: scope, entering: .publicForm(regionID: region.id)))
            .add(form, actor: "web", channel: .web, now: now)
    }

    public func show(_ id: String) async throws -> ApplicationRecord {
        let uuid = try Self.parseID(id)
        let found = try await context.database.withConnection { connection in
            try await context.applications.get(id: uuid, on: connection)
        }
        guard let found, context.scope.contains(regionCode: found.regionCode) else {
            throw AdalError.notFound(entity: "application", key: id)
        }
        return found
    }

    public typealias Filter = ApplicationRepository.Filter

    public func list(_ filter: Filter, regionCode: String?, search: String? = nil) async throws -> [ApplicationRecord] {
        let search = try SearchText(search)
        return try await context.database.withConnection { connection in
            var filter = filter
            filter.within = context.scope.limit
            filter.search = search?.filter
            if let regionCode { filter.regionID = try await context.region(code: regionCode, on: connection).id }
            return try await context.applications.list(filter, on: connection)
        }
    }

    /// Moves an application through its workflow, writing history and audit in one transaction.
    /// `note` is the reason for reject and withdraw (required) and the request for request-info.
    public func act(_ action: ApplicationAction, on id: String, note: String?, acceptance: Acceptance = .init(),
                    actor: String) async throws -> ApplicationRecord {
        let uuid = try Self.parseID(id)
        if (action == .reject || action == .withdraw || action == .requestInfo) && note.nonBlank == nil {
            throw ValidationFailure([FieldError(action == .requestInfo ? "note" : "reason", "is required to \(action.rawValue)")])
        }
        let record = try await context.recordingConflicts(source: "application", actor: actor) {
            try await context.act(actor: actor) { change in
                let connection = change.connection
                guard let current = try await context.applications.lock(id: uuid, on: connection),
                      context.scope.contains(regionID: current.regionID) else {
                    throw AdalError.notFound(entity: "application", key: id)
                }
                let next = try ApplicationWorkflow.apply(action, to: current.status)
                var volunteerID: UUID?
                if action == .accept {
                    volunteerID = try await makeVolunteer(uuid, acceptance: acceptance, actor: actor, on: connection)
                }
                try await context.applications.transition(id: uuid, regionID: current.regionID, from: current.status, to: next,
                                                          actor: actor, note: note.nonBlank, volunteerID: volunteerID,
                                                          on: connection)
                if action == .accept {
                    try await context.reminders.enqueueWelcome(applicationID: uuid, on: connection)
                }
                try await context.audit.append(AuditEntryDraft(
                    actor: actor, action: "application.\(action.rawValue)", entity: "application", entityID: uuid.uuidString.lowercased(),
                    regionID: current.regionID, before: AuditJSON.encode(["status": current.status.rawValue]),
                    after: AuditJSON.encode(["status": next.rawValue, "note": note.nonBlank ?? ""])), on: connection)
                return try await context.applications.get(id: uuid, on: connection)!
            }
        }
        return record
    }

    public func assign(_ id: String, to reviewer: String, actor: String) async throws -> ApplicationRecord {
        let uuid = try Self.parseID(id)
        guard let reviewer = Optional(reviewer).nonBlank else { throw ValidationFailure([FieldError("reviewer", "is required")]) }
        let record = try await context.act(actor: actor) { change in
            let connection = change.connection
            let current = try await lockOpen(uuid, key: id, closed: "is closed", on: connection)
            let account = try await context.staffAssignee(reviewer, field: "reviewer", may: .writeApplications,
                                                          regionID: current.regionID, on: connection)
            try await context.applications.assign(id: uuid, regionID: current.regionID, reviewer: account.email, actor: actor,
                                                  on: connection)
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "application.assign", entity: "application", entityID: uuid.uuidString.lowercased(),
                regionID: current.regionID, before: nil, after: AuditJSON.encode(["reviewer": account.email])), on: connection)
            return try await context.applications.get(id: uuid, on: connection)!
        }
        return record
    }

    /// The application locked for a change: not found outside the scope (like one that does not
    /// exist), refused on `status` when it is closed (`closed` says what that prevents).
    private func lockOpen(_ uuid: UUID, key: String, closed: String,
                          on connection: PostgresConnection) async throws -> ApplicationRepository.Current {
        guard let current = try await context.applications.lock(id: uuid, on: connection),
              context.scope.contains(regionID: current.regionID) else {
            throw AdalError.notFound(entity: "application", key: key)
        }
        guard current.status.isOpen else {
            throw ValidationFailure([FieldError("status", "a \(current.status.rawValue) application \(closed)")])
        }
        return current
    }

    /// Extends the deadline once, by at most 15 working days, with a reason.
    public func extend(_ id: String, days: Int, reason: String?, actor: String) async throws -> ApplicationRecord {
        let uuid = try Self.parseID(id)
        var errors = FieldErrorCollector()
        if !(1...Self.maximumExtension).contains(days) { errors.add("days", "must be 1–\(Self.maximumExtension) working days") }
        if reason.nonBlank == nil { errors.add("reason", "is required to extend") }
        try errors.throwIfAny()
        let record = try await context.act(actor: actor) { change in
            let connection = change.connection
            let current = try await lockOpen(uuid, key: id, closed: "has no deadline to extend", on: connection)
            if let already = current.extensionDays {
                throw ValidationFailure([FieldError("days", "the deadline was already extended once (by \(already) working days)")])
            }
            let calendar = try await context.calendars.calendar(for: current.country, on: connection)
            let newDue = calendar.adding(workingDays: days, to: current.dueOn)
            try await context.applications.extend(id: uuid, regionID: current.regionID, days: days, newDue: newDue,
                                                  reason: reason!.trimmingCharacters(in: .whitespaces), actor: actor, on: connection)
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "application.extend", entity: "application", entityID: uuid.uuidString.lowercased(),
                regionID: current.regionID, before: AuditJSON.encode(["due_on": current.dueOn.description]),
                after: AuditJSON.encode(["due_on": newDue.description, "reason": reason!])), on: connection)
            return try await context.applications.get(id: uuid, on: connection)!
        }
        return record
    }

    static func parseID(_ id: String) throws -> UUID {
        guard let uuid = UUID(uuidString: id) else {
            throw ValidationFailure([FieldError("id", "'\(id)' is not an application id (a UUID)")])
        }
        return uuid
    }
}
