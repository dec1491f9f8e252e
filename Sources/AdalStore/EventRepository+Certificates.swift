import AdalDomain
import Foundation
import PostgresNIO

extension EventRepository {
    /// A certificate issued for an event, as its page lists it.
    public struct IssuedCertificate: Sendable {
        public let number: String
        public let holder: String
        public let issuedAt: Date
    }

    /// The certificates issued for an event, by number.
    public func certificates(eventID: UUID, on connection: PostgresConnection) async throws -> [IssuedCertificate] {
        let rows = try await connection.guardedQuery("""
            SELECT c.number, p.full_name, c.issued_at FROM certificates c JOIN people p ON p.id = c.person_id
            WHERE c.event_id = \(eventID) ORDER BY c.year, c.serial
            """, logger: logger)
        var found: [IssuedCertificate] = []
        for try await (number, holder, at) in rows.decode((String, String, Date).self) {
            found.append(IssuedCertificate(number: number, holder: holder, issuedAt: at))
        }
        return found
    }
}
