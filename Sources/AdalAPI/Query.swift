import AdalDomain
import Foundation
import Hummingbird

/// Query parameters, read with the same care as bodies: each bad one named with its reason.
struct Query {
    private let parameters: [String: String]
    private var errors = FieldErrorCollector()

    init(_ request: Request, allowed: Set<String>) throws {
        var parameters: [String: String] = [:]
        var unknown: [String] = []
        for (name, value) in request.uri.queryParameters {
            let key = String(name)
            if allowed.contains(key) { parameters[key] = String(value) } else { unknown.append(key) }
        }
        let unstorable = parameters.filter { $0.value.unicodeScalars.contains("\u{0}") }.keys.sorted()
        if !unstorable.isEmpty {
            throw Problem(.unprocessableContent, "query parameters hold a NUL character",
                          errors: unstorable.map { .init(field: $0, reason: "must not contain the NUL character") })
        }
        // Decoding put U+FFFD where the percent-encoded bytes were not UTF-8: refused, never searched for.
        let notText = Self.namesWithInvalidUTF8(request.uri.query ?? "").filter(allowed.contains)
        if !notText.isEmpty {
            throw Problem(.unprocessableContent, "query parameters hold bytes that are not UTF-8",
                          errors: notText.map { .init(field: $0, reason: "holds bytes that are not UTF-8") })
        }
        let long = parameters.filter { $0.value.count > Self.longestValue }.keys.sorted()
        if !long.isEmpty {
            throw Problem(.unprocessableContent, "query parameters are too long",
                          errors: long.map { .init(field: $0, reason: "is longer than \(Self.longestValue) characters") })
        }
        if !unknown.isEmpty {
            throw Problem(.unprocessableContent, "unknown query parameters",
                          errors: unknown.sorted().map { .init(field: $0, reason: "is not a known parameter") })
        }
        self.parameters = parameters
    }

    /// No filter or search needs more.
    static let longestValue = 1_000

    /// The parameters of a raw query string whose percent-decoded value is not UTF-8, by name.
    static func namesWithInvalidUTF8(_ query: String) -> [String] {
        var names: Set<String> = []
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            var bytes: [UInt8] = []
            var utf8 = Array(parts[1].utf8)[...]
            while let byte = utf8.popFirst() {
                if byte == UInt8(ascii: "%"), utf8.count >= 2,
                   let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    utf8 = utf8.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            }
            if String(validating: bytes, as: UTF8.self) == nil { names.insert(String(parts[0].removingPercentEncoding ?? String(parts[0]))) }
        }
        return names.sorted()
    }

    func string(_ name: String) -> String? { parameters[name].flatMap { $0.isEmpty ? nil : $0 } }

    mutating func value<T: CaseIterable & RawRepresentable>(_ name: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let raw = string(name) else { return nil }
        return errors.check { try T.parse(raw, field: name) }
    }

    mutating func uuid(_ name: String) -> UUID? {
        guard let raw = string(name) else { return nil }
        guard let id = UUID(uuidString: raw) else {
            errors.add(name, "must be a UUID")
            return nil
        }
        return id
    }

    mutating func limit(default value: Int = 50, maximum: Int = 200) -> Int {
        guard let raw = string("limit") else { return value }
        guard let number = Int(raw), (1...maximum).contains(number) else {
            errors.add("limit", "must be a whole number from 1 to \(maximum)")
            return value
        }
        return number
    }

    mutating func date(_ name: String) -> CivilDate? {
        guard let raw = string(name) else { return nil }
        guard let date = CivilDate(raw) else {
            errors.add(name, "must be a date yyyy-MM-dd")
            return nil
        }
        return date
    }

    func finish() throws {
        do { try errors.throwIfAny() } catch let failure as ValidationFailure { throw Problem.validation(failure.errors) }
    }
}

/// A page of a list, with the key to ask for the next one.
struct Page<Item: Encodable>: Encodable {
    let items: [Item]
    /// Pass as `after` for the next page; absent on the last.
    let nextAfter: String?
}
