import Foundation
import Hummingbird
import NIOCore

/// A submitted form: `application/x-www-form-urlencoded` fields, or `multipart/form-data` fields
/// and files. Field values are text (bytes that are not UTF-8 are refused naming the field).
struct FormBody: Sendable {
    struct File: Sendable {
        let fileName: String
        let contentType: String
        let bytes: Data
    }

    private(set) var fields: [String: [String]] = [:]
    private(set) var files: [String: File] = [:]

    /// The field's first value, trimmed; nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Every non-blank value of a repeated field (checkboxes).
    func texts(_ name: String) -> [String] {
        (fields[name] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func file(_ name: String) -> File? { files[name] }

    struct Refused: Error, Sendable {
        enum Reason: Sendable { case tooLarge, notUTF8(field: String), malformed, unsupportedType }
        let reason: Reason
    }

    static func read(_ request: inout Request, limit: Int) async throws -> FormBody {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Refused(reason: .tooLarge)
        }
        let bytes = Array(buffer.readableBytesView)
        if type.hasPrefix("application/x-www-form-urlencoded") || type.isEmpty {
            return try urlEncoded(bytes)
        }
        if type.hasPrefix("multipart/form-data"), let boundary = parameter("boundary", in: request.headers[.contentType] ?? "") {
            return try multipart(bytes, boundary: boundary)
        }
        throw Refused(reason: .unsupportedType)
    }

    static func urlEncoded(_ bytes: [UInt8]) throws -> FormBody {
        var form = FormBody()
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decodeComponent(parts[0], field: nil)
            let value = try decodeComponent(parts.count > 1 ? parts[1] : [], field: name)
            form.fields[name, default: []].append(value)
        }
        return form
    }

    /// `+` as a space, `%XX` as its byte; the result must be UTF-8.
    private static func decodeComponent(_ bytes: ArraySlice<UInt8>, field: String?) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw Refused(reason: .notUTF8(field: field ?? "form"))
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A parameter of a header value (`boundary=...`), unquoted.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            return pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
        }
        return nil
    }

    /// The parts between `--boundary` lines, each with its headers; a part with a file name is a file.
    static func multipart(_ bytes: [UInt8], boundary: String) throws -> FormBody {
        var form = FormBody()
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var searchFrom = 0
        while let found = find(delimiter, in: bytes, from: searchFrom) {
            positions.append(found)
            searchFrom = found + delimiter.count
        }
        guard positions.count >= 2 else { throw Refused(reason: .malformed) }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var part = Array(bytes[(start + delimiter.count)..<end])
            // Each part starts after the delimiter's CRLF and ends before the next delimiter's CRLF.
            if part.starts(with: [13, 10]) { part.removeFirst(2) }
            if part.suffix(2) == [13, 10] { part.removeLast(2) }
            guard let split = find([13, 10, 13, 10], in: part, from: 0) else { throw Refused(reason: .malformed) }
            guard let head = String(validating: part[..<split], as: UTF8.self) else { throw Refused(reason: .malformed) }
            let content = Data(part[(split + 4)...])
            var name: String?, fileName: String?, contentType = "application/octet-stream"
            for line in head.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = parameter("name", in: line)
                    fileName = parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            guard let name else { throw Refused(reason: .malformed) }
            if let fileName {
                if !fileName.isEmpty || !content.isEmpty {
                    form.files[name] = File(fileName: fileName, contentType: contentType, bytes: content)
                }
            } else {
                guard let value = String(validating: content, as: UTF8.self) else { throw Refused(reason: .notUTF8(field: name)) }
                form.fields[name, default: []].append(value)
            }
        }
        return form
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        let first = needle[0]
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
