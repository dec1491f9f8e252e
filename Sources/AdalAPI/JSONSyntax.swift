/// Finds where a JSON text stops being JSON, to tell a client more than "invalid": the line and
/// column of the first byte that cannot continue the text, and what was expected there.
struct JSONSyntax {
    struct Failure: Equatable, CustomStringConvertible {
        let line: Int
        let column: Int
        let expected: String
        var description: String { "\(expected) at line \(line), column \(column)" }
    }

    private let bytes: [UInt8]
    private var index = 0

    static func firstError(in bytes: [UInt8]) -> Failure? {
        var parser = JSONSyntax(bytes: bytes)
        return parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func document() -> Failure? {
        if let failure = value(depth: 0) { return failure }
        skipSpace()
        return index < bytes.count ? failure("end of the text") : nil
    }

    private mutating func value(depth: Int) -> Failure? {
        skipSpace()
        guard depth < 512 else { return failure("less nesting") }
        guard index < bytes.count else { return failure("a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return failure("a value")
        }
    }

    private mutating func object(depth: Int) -> Failure? {
        index += 1
        skipSpace()
        if peek(UInt8(ascii: "}")) { index += 1; return nil }
        while true {
            skipSpace()
            guard peek(UInt8(ascii: "\"")) else { return failure("a field name in double quotes") }
            if let failure = string() { return failure }
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { return failure("':'") }
            index += 1
            if let failure = value(depth: depth + 1) { return failure }
            skipSpace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "}")) { index += 1; return nil }
            return failure("',' or '}'")
        }
    }

    private mutating func array(depth: Int) -> Failure? {
        index += 1
        skipSpace()
        if peek(UInt8(ascii: "]")) { index += 1; return nil }
        while true {
            if let failure = value(depth: depth + 1) { return failure }
            skipSpace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "]")) { index += 1; return nil }
            return failure("',' or ']'")
        }
    }

    private mutating func string() -> Failure? {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return nil }
            if byte < 0x20 { return failure("no control character inside a string") }
            index += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        return failure("the string's closing '\"'")
    }

    private mutating func literal(_ word: String) -> Failure? {
        for expected in word.utf8 {
            guard peek(expected) else { return failure("'\(word)'") }
            index += 1
        }
        return nil
    }

    private mutating func number() -> Failure? {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        let digits = { (parser: inout JSONSyntax) -> Int in
            var count = 0
            while parser.index < parser.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.index]) {
                parser.index += 1
                count += 1
            }
            return count
        }
        if digits(&self) == 0 { return failure("a digit") }
        if peek(UInt8(ascii: ".")) {
            index += 1
            if digits(&self) == 0 { return failure("a digit after '.'") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            if digits(&self) == 0 { return failure("a digit in the exponent") }
        }
        return index > start ? nil : failure("a number")
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func failure(_ expected: String) -> Failure {
        var line = 1, column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return Failure(line: line, column: column, expected: "expected " + expected)
    }
}
