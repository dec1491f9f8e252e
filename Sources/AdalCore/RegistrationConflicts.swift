import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// A national ID another region's office keeps, met inside a registration's transaction. The
/// transaction is rolled back; `recordingConflicts` keeps the attempt and answers for it.
struct RegisteredElsewhere: Error {
    let nationalID: NationalID
    let regionID: Int64
    let officeID: Int64?
    let fullName: String
}

/// Registrations refused because another office keeps the person: kept for the admins whose regions
/// cover both sides, who decide.
public struct RegistrationConflicts: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    public typealias Conflict = PersonRepository.RegistrationConflict

    /// The attempts both of whose regions the context's scope covers, newest first.
    public func list(limit: Int = 100) async throws -> [Conflict] {
        try await context.read { connection in
            try await context.people.registrationConflicts(within: context.scope.limit, limit: limit, on: connection)
        }
    }
}

extension AdalContext {
    /// Runs `body` (a registration of a volunteer, `source` says from what); a person it found kept
    /// by another region's office is recorded (`volunteer.registered_elsewhere`, in a transaction of
    /// its own, as `body`'s was rolled back) and answered with `AdalError.registeredElsewhere`.
    func recordingConflicts<T>(source: String, actor: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let elsewhere as RegisteredElsewhere {
            try await act(actor: actor) { change in
                let id = try await people.recordRegistrationConflict(
                    nationalID: elsewhere.nationalID, regionID: elsewhere.regionID, officeID: elsewhere.officeID,
                    fullName: elsewhere.fullName, source: source, actor: actor, on: change.connection)
                try await change.audit("volunteer.registered_elsewhere", entity: "registration_conflict",
                                       id: id?.uuidString.lowercased() ?? "none", regionID: elsewhere.regionID,
                                       after: AuditJSON.encode(["source": source]))
            }
            throw AdalError.registeredElsewhere
        }
    }
}
