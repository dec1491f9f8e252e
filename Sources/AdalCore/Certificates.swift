import AdalDomain
import AdalReports
import AdalStore
import Foundation
import PostgresNIO

/// Certificates for those who attended, numbered per office and year without gaps or repeats.
public struct Certificates: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    public struct Issued: Codable, Sendable, Equatable {
        public let number: String
        public let personID: UUID
        public let language: Language
        /// Printed beside the number; the public check needs both.
        public let checkCode: String
    }

    /// Issues a certificate to every attended participant who has none yet.
    public func issue(eventID id: String, actor: String) async throws -> [Issued] {
        guard let uuid = UUID(uuidString: id) else { throw AdalError.notFound(entity: "event", key: id) }
        let issued = try await context.act(actor: actor) { change -> [Issued] in
            let connection = change.connection
            guard let state = try await context.events.lock(id: uuid, on: connection),
                  context.scope.contains(regionID: state.regionID) else {
                throw AdalError.notFound(entity: "event", key: id)
            }
            guard state.status == .held else {
                throw ValidationFailure([FieldError("status", "certificates are issued for held events; this one is \(state.status.rawValue)")])
            }
            guard let officeID = state.officeID, let officeCode = state.officeCode else {
                throw ValidationFailure([FieldError("office", "the event has no organising office to number certificates by")])
            }
            let zone = TimeZone(identifier: state.timeZone)!
            let year = (state.heldOn ?? state.startsAt.map { CivilDate($0, zone: zone) } ?? CivilDate(Date(), zone: zone)).year
            let due = try await context.events.attendedWithoutCertificate(eventID: uuid, on: connection)
            guard !due.isEmpty else { return [] }
            let first = try await context.events.takeSerials(officeID: officeID, regionID: state.regionID, year: year,
                                                             count: due.count, on: connection)
            var issued: [Issued] = []
            var random = SystemRandomNumberGenerator()
            for (offset, participant) in due.enumerated() {
                let number = CertificateNumber.make(officeCode: officeCode, year: year, serial: first + offset)
                let code = CertificateCheckCode.make(using: &random)
                try await context.events.insertCertificate(
                    number: number, officeID: officeID, year: year, serial: first + offset, eventID: uuid,
                    participantID: participant.participantID, personID: participant.personID, regionID: state.regionID,
                    language: participant.language, checkCode: code, actor: actor, on: connection)
                issued.append(Issued(number: number, personID: participant.personID, language: participant.language,
                                     checkCode: code))
            }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "event.certificates", entity: "event", entityID: uuid.uuidString.lowercased(),
                regionID: state.regionID, before: nil, after: AuditJSON.encode(["numbers": issued.map(\.number)])),
                on: connection)
            return issued
        }
        return issued
    }

    /// The certificates issued for an event of the context's regions.
    public func issued(eventID id: String) async throws -> [EventRepository.IssuedCertificate] {
        let event = try await Directory(context).event(id)
        return try await context.read { connection in try await context.events.certificates(eventID: event.id, on: connection) }
    }

    /// The certificate as a printable page in its holder's language (or `language`), for staff of its region.
    public func page(_ number: String, language: Language? = nil) async throws -> String {
        let found = try await context.database.withConnection { connection in
            try await context.events.certificateForPrint(number.trimmingCharacters(in: .whitespaces), on: connection)
        }
        guard let found, context.scope.contains(regionID: found.regionID) else {
            throw AdalError.notFound(entity: "certificate", key: number)
        }
        let language = language ?? found.language
        let office = found.officeNames[language.rawValue] ?? found.officeNames["en"] ?? found.record.officeCode
        return Printables.certificate(found.record, office: office, language: language)
    }

    /// Whose the certificate is, for which event and date; nil when no certificate has this number
    /// and check code (one without the other tells nothing).
    public func verify(_ number: String, checkCode: String) async throws -> CertificateRecord? {
        guard let code = CertificateCheckCode.normalised(checkCode) else { return nil }
        return try await context.read { connection in
            try await context.events.lookupCertificate(number.trimmingCharacters(in: .whitespaces), checkCode: code, on: connection)
        }
    }
}
