import AdalDomain
import Foundation
import PostgresNIO

/// Replies stored before their original: an e-mail that answers a message the office had not
/// received yet becomes an application of its own, and is joined to the original when it comes.
extension ApplicationRepository {
    /// The office's applications made from replies to `messageID` that are still as they arrived
    /// (received, no reviewer: nobody has started on them), oldest first.
    public func earlierReplies(to messageID: String, officeID: Int64, excluding original: UUID,
                               on connection: PostgresConnection) async throws -> [(id: UUID, externalRef: String)] {
        let rows = try await connection.guardedQuery("""
            SELECT id, external_ref FROM applications
            WHERE channel = 'email' AND answers <> '{}' AND \(messageID) = ANY(answers) AND office_id = \(officeID)
              AND id <> \(original) AND status = 'received' AND reviewer IS NULL
            ORDER BY received_at, id
            """, logger: logger)
        var found: [(UUID, String)] = []
        for try await (id, reference) in rows.decode((UUID, String).self) { found.append((id, reference)) }
        return found
    }

    /// Makes the application `reply` a message of `original`: its own message, the messages that
    /// answered it and its attachments move to the original, with a correspondence line in the
    /// original's history; the reply's application (and its `received` line) is removed.
    public func joinReply(_ reply: UUID, into original: UUID, regionID: Int64, actor: String,
                          on connection: PostgresConnection) async throws {
        _ = try await connection.guardedQuery("""
            INSERT INTO application_messages (application_id, region_id, message_id, received_at, sender, subject, body, raw_source)
            SELECT \(original), \(regionID), a.external_ref, a.received_at,
                   nullif(concat_ws(' ', nullif(a.full_name, ''), '<' || a.email || '>'), ''), a.subject, a.motivation, a.raw_source
            FROM applications a WHERE a.id = \(reply)
            ON CONFLICT DO NOTHING
            """, logger: logger)
        _ = try await connection.guardedQuery("""
            DELETE FROM application_messages m WHERE m.application_id = \(reply)
              AND EXISTS (SELECT 1 FROM application_messages o WHERE o.application_id = \(original) AND o.message_id = m.message_id)
            """, logger: logger)
        _ = try await connection.guardedQuery(
            "UPDATE application_messages SET application_id = \(original), region_id = \(regionID) WHERE application_id = \(reply)",
            logger: logger)
        _ = try await connection.guardedQuery(
            "UPDATE application_attachments SET application_id = \(original), region_id = \(regionID) WHERE application_id = \(reply)",
            logger: logger)
        let subject = try await connection.guardedQuery("SELECT subject FROM applications WHERE id = \(reply)", logger: logger)
            .collect().first?.decode(String?.self) ?? nil
        _ = try await connection.guardedQuery("DELETE FROM application_history WHERE application_id = \(reply)", logger: logger)
        _ = try await connection.guardedQuery("DELETE FROM applications WHERE id = \(reply)", logger: logger)
        try await appendHistory(id: original, regionID: regionID, actor: actor, kind: "correspondence", from: nil, to: nil,
                                note: subject, on: connection)
    }
}
