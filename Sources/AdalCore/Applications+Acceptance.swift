import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// Accepting an application: the applicant becomes a volunteer, or is linked to the one they are.
extension Applications {
    /// How an accepted applicant becomes a volunteer.
    public struct Acceptance: Sendable {
        public var kind: VolunteerKind
        public var areas: [VolunteerArea]

        public init(kind: VolunteerKind = .individual, areas: [VolunteerArea] = []) {
            self.kind = kind
            self.areas = areas
        }
    }

    /// Registers the applicant as a volunteer, or links the volunteer their national ID already belongs to.
    func makeVolunteer(_ id: UUID, acceptance: Acceptance, actor: String,
                               on connection: PostgresConnection) async throws -> UUID {
        guard let applicant = try await context.applications.applicant(id: id, on: connection) else {
            throw AdalError.notFound(entity: "application", key: id.uuidString)
        }
        guard applicant.nationalIDValid, applicant.nationalID != nil else {
            throw ValidationFailure([FieldError("national_id", "a valid national ID is needed to accept; ask for it with request-info")])
        }
        let form = VolunteerRegistrationForm(
            lastName: applicant.lastName ?? "", firstName: applicant.firstName ?? "", middleName: applicant.middleName,
            nationalID: applicant.nationalID!, country: applicant.country.rawValue, regionCode: applicant.regionCode,
            officeCode: applicant.officeCode, birthDate: applicant.birthDate?.description, phone: applicant.phone,
            email: applicant.email, kind: acceptance.kind.rawValue,
            areas: (acceptance.areas.isEmpty ? applicant.areas : acceptance.areas).map(\.rawValue),
            organisation: applicant.organisation, language: applicant.country.stateLanguage.rawValue,
            consentVersion: "application:\(applicant.channel.rawValue):\(applicant.externalRef)")
        let registration = try VolunteerRegistration.validate(form)
        if let person = try await context.people.find(nationalID: registration.nationalID, on: connection),
           let keptIn = try await context.people.regionID(of: person, on: connection), context.scope.contains(regionID: keptIn),
           let existing = try await context.volunteers.id(forPerson: person, on: connection) {
            return existing
        }
        return try await Volunteers(context).register(registration, actor: actor, on: connection).id
    }
}
