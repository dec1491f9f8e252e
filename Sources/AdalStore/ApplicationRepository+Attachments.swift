import AdalDomain
import Foundation
import PostgresNIO

extension ApplicationRepository {
    /// An attachment's file: the `number`th (from 1) in the order the application's page lists them.
    public struct AttachmentFile: Sendable {
        public let fileName: String
        public let contentType: String
        public let content: [UInt8]
    }

    public func attachment(applicationID: UUID, number: Int, on connection: PostgresConnection) async throws -> AttachmentFile? {
        guard number >= 1 else { return nil }
        let rows = try await connection.guardedQuery("""
            SELECT file_name, content_type, content FROM application_attachments
            WHERE application_id = \(applicationID) ORDER BY id OFFSET \(number - 1) LIMIT 1
            """, logger: logger)
        for try await (name, type, content) in rows.decode((String, String, ByteBuffer).self) {
            return AttachmentFile(fileName: name, contentType: type, content: Array(buffer: content))
        }
        return nil
    }
}
