/// Writes rows as a JSON array of objects for `jsonb_to_recordset`, without Foundation's
/// JSONSerialization, which took half of an import's time.
struct JSONRows {
    private var bytes: [UInt8] = [UInt8(ascii: "[")]
    private var firstRow = true
    private var firstField = true

    mutating func beginRow() {
        append(firstRow ? "{" : ",{")
        firstRow = false
        firstField = true
    }

    mutating func endRow() { append("}") }

    mutating func finish() -> String {
        append("]")
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func append(_ ascii: StaticString) {
        ascii.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        appendString(value)
    }

    mutating func field(_ name: String, _ value: Int64?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        append(value ? "true" : "false")
    }

    mutating func field(_ name: String, strings: [String]) {
        key(name)
        append("[")
        for (index, value) in strings.enumerated() {
            if index > 0 { append(",") }
            appendString(value)
        }
        append("]")
    }

    /// An array of objects with string values, e.g. problems `[{"field": …, "reason": …}]`.
    mutating func field(_ name: String, objects: [[(String, String)]]) {
        key(name)
        append("[")
        for (index, object) in objects.enumerated() {
            append(index > 0 ? ",{" : "{")
            for (position, (key, value)) in object.enumerated() {
                if position > 0 { append(",") }
                appendString(key)
                append(":")
                appendString(value)
            }
            append("}")
        }
        append("]")
    }

    private mutating func key(_ name: String) {
        if !firstField { append(",") }
        firstField = false
        appendString(name)
        append(":")
    }

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var plainStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                plainStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case UInt8(ascii: "\n"): append("\\n")
                case UInt8(ascii: "\r"): append("\\r")
                case UInt8(ascii: "\t"): append("\\t")
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    append("\\u00")
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0f)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
