import AdalDomain
import Foundation
import PostgresNIO

/// Helpers for reading the text forms the queries select (`jsonb::text`, `date::text`, enum values).
enum Decode {
    static func names(_ json: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func value<T: RawRepresentable>(_ raw: String, as type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { throw StoreError.unexpected("unknown \(T.self) '\(raw)' in the database") }
        return value
    }

    static func date(_ raw: String?) throws -> CivilDate? {
        guard let raw else { return nil }
        guard let date = CivilDate(raw) else { throw StoreError.unexpected("unreadable date '\(raw)' in the database") }
        return date
    }
}

extension StoreError {
    static func unexpected(_ message: String) -> StoreError {
        StoreError(ClusterError(message))
    }
}
