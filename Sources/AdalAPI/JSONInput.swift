import AdalDomain
import Foundation
import Hummingbird
import NIOCore

/// A JSON object a client sent, read strictly: the right content type, at most `limit` bytes,
/// well-formed, an object, and no field the endpoint does not know.
struct JSONInput {
    private let object: [String: Any]
    private var errors = FieldErrorCollector()

    static let defaultLimit = 1 << 20

    init(_ request: inout Request, fields: Set<String>, limit: Int = JSONInput.defaultLimit) async throws {
        try Self.requireContentType(request, "application/json")
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "the body is larger than \(limit) bytes")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(buffer: body), options: [.fragmentsAllowed])
        } catch {
            let bytes = Array(buffer: body)
            if let field = Self.fieldHoldingInvalidUTF8(bytes) {
                throw Problem(.badRequest, "the body is not valid JSON: \(field) holds bytes that are not UTF-8",
                              errors: [.init(field: field, reason: "holds bytes that are not UTF-8")])
            }
            let failure = JSONSyntax.firstError(in: bytes)
            throw Problem(.badRequest, "the body is not valid JSON" + (failure.map { ": \($0)" } ?? ""))
        }
        guard let object = parsed as? [String: Any] else {
            throw Problem(.badRequest, "the body must be a JSON object")
        }
        let unknown = object.keys.filter { !fields.contains($0) }.sorted()
        if !unknown.isEmpty {
            // The fields it does know are named, so a client (and the contract test) can see them.
            let known = fields.sorted().joined(separator: ", ")
            throw Problem(.unprocessableContent, "the body has fields this endpoint does not know; it takes: \(known)",
                          errors: unknown.map { .init(field: $0, reason: "is not a known field") })
        }
        self.object = object
    }

    /// For a body that would be a JSON object but for bytes that are not UTF-8 in a field's text:
    /// that field (the first by name), so the refusal can name it. Nil when the body is not UTF-8
    /// elsewhere too, or holds U+FFFD of its own (the field could not be told).
    static func fieldHoldingInvalidUTF8(_ bytes: [UInt8]) -> String? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        guard !bytes.indices.dropLast(2).contains(where: { Array(bytes[$0..<$0 + 3]) == replacement }) else { return nil }
        let lossy = String(decoding: bytes, as: UTF8.self)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(lossy.utf8))) as? [String: Any] else { return nil }
        func holdsReplacement(_ value: Any) -> Bool {
            switch value {
            case let text as String: return text.unicodeScalars.contains("\u{FFFD}")
            case let list as [Any]: return list.contains(where: holdsReplacement)
            case let object as [String: Any]: return object.values.contains(where: holdsReplacement)
            default: return false
            }
        }
        return object.keys.sorted().first { holdsReplacement(object[$0]!) }
    }

    static func requireContentType(_ request: Request, _ expected: String) throws {
        let type = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard type == expected else {
            throw Problem(.unsupportedMediaType, "the body must be \(expected)" + (type.map { ", not \($0)" } ?? ""))
        }
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    mutating func string(_ key: String) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            errors.add(key, "must be a string")
            return nil
        }
        return storable(text, key)
    }

    /// The text, unless it holds a NUL character, which no text column can store.
    private mutating func storable(_ text: String, _ key: String) -> String? {
        guard !text.unicodeScalars.contains("\u{0}") else {
            errors.add(key, "must not contain the NUL character")
            return nil
        }
        return text
    }

    /// Absent: nil; `null`: `.some(nil)` (clear it); a string: that string.
    mutating func nullableString(_ key: String) -> String?? {
        guard let value = object[key] else { return nil }
        if value is NSNull { return .some(nil) }
        guard let text = value as? String else {
            errors.add(key, "must be a string or null")
            return nil
        }
        return storable(text, key).map { .some($0) } ?? nil
    }

    mutating func requiredString(_ key: String) -> String {
        guard let text = string(key) else {
            if object[key] == nil || object[key] is NSNull { errors.add(key, "is required") }
            return ""
        }
        return text
    }

    mutating func strings(_ key: String) -> [String]? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let list = value as? [Any], let texts = list as? [String] else {
            errors.add(key, "must be an array of strings")
            return nil
        }
        return texts.contains { storable($0, key) == nil } ? nil : texts
    }

    /// An object of strings, such as titles by language.
    mutating func texts(_ key: String) -> [String: String]? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let map = value as? [String: Any], let texts = map as? [String: String] else {
            errors.add(key, "must be an object of strings, e.g. {\"en\": \"…\", \"kk\": \"…\"}")
            return nil
        }
        return texts.values.contains { storable($0, key) == nil } ? nil : texts
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        // JSONSerialization reads true/false as NSNumber; only a real boolean is accepted.
        guard let number = value as? NSNumber, Self.isBoolean(number) else {
            errors.add(key, "must be true or false")
            return nil
        }
        return number.boolValue
    }

    mutating func integer(_ key: String) -> Int? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, !Self.isBoolean(number),
              let exact = Int(exactly: number.doubleValue) else {
            errors.add(key, "must be a whole number")
            return nil
        }
        return exact
    }

    /// Absent: nil; `null`: `.some(nil)`; a whole number: that number.
    mutating func nullableInteger(_ key: String) -> Int?? {
        guard let value = object[key] else { return nil }
        if value is NSNull { return .some(nil) }
        return integer(key).map { .some($0) } ?? nil
    }

    /// Absent: nil; `null`: `.some(nil)`; an array of whole numbers: those numbers.
    mutating func nullableIntegers(_ key: String) -> [Int]?? {
        guard let value = object[key] else { return nil }
        if value is NSNull { return .some(nil) }
        let numbers = (value as? [Any])?.map { item -> Int? in
            guard let number = item as? NSNumber, !Self.isBoolean(number) else { return nil }
            return Int(exactly: number.doubleValue)
        }
        guard let numbers, !numbers.contains(nil) else {
            errors.add(key, "must be an array of whole numbers, or null")
            return nil
        }
        return .some(numbers.compactMap { $0 })
    }

    /// Absent: nil; `null`: `.some(nil)`; a number: that number.
    mutating func nullableNumber(_ key: String) -> Double?? {
        guard let value = object[key] else { return nil }
        if value is NSNull { return .some(nil) }
        guard let number = value as? NSNumber, !Self.isBoolean(number) else {
            errors.add(key, "must be a number or null")
            return nil
        }
        return .some(number.doubleValue)
    }

    private static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    /// Refuses the input when any field had the wrong type.
    func finish() throws {
        try errors.throwIfAny()
    }
}
