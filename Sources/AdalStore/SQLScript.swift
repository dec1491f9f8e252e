/// Splits a migration file into statements, since the extended query protocol takes one at a time.
///
/// A `;` ends a statement only outside quotes ('…', "…"), dollar-quoted bodies ($$…$$, $tag$…$tag$)
/// and comments (-- … and /* … */, which nest in PostgreSQL).
public enum SQLScript {
    public static func statements(_ sql: String) -> [String] {
        let chars = Array(sql.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0

        func flush() {
            let text = String(current).trimmingWhitespace()
            if !text.isEmpty && !isOnlyComments(text) { statements.append(text) }
            current = String.UnicodeScalarView()
        }
        func starts(with token: String, at index: Int) -> Bool {
            let scalars = Array(token.unicodeScalars)
            guard index + scalars.count <= chars.count else { return false }
            return Array(chars[index..<index + scalars.count]) == scalars
        }

        while i < chars.count {
            let c = chars[i]
            if c == "-" && starts(with: "--", at: i) {
                while i < chars.count && chars[i] != "\n" { current.append(chars[i]); i += 1 }
            } else if c == "/" && starts(with: "/*", at: i) {
                var depth = 0
                repeat {
                    if starts(with: "/*", at: i) { depth += 1; current.append(contentsOf: "/*".unicodeScalars); i += 2 }
                    else if starts(with: "*/", at: i) { depth -= 1; current.append(contentsOf: "*/".unicodeScalars); i += 2 }
                    else { current.append(chars[i]); i += 1 }
                } while depth > 0 && i < chars.count
            } else if c == "'" || c == "\"" {
                current.append(c); i += 1
                while i < chars.count {
                    current.append(chars[i])
                    if chars[i] == c {
                        // A doubled quote is an escaped quote, not the end.
                        if i + 1 < chars.count && chars[i + 1] == c { current.append(chars[i + 1]); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
            } else if c == "$", let tag = dollarTag(chars, at: i) {
                current.append(contentsOf: tag.unicodeScalars); i += tag.unicodeScalars.count
                while i < chars.count && !starts(with: tag, at: i) { current.append(chars[i]); i += 1 }
                if i < chars.count { current.append(contentsOf: tag.unicodeScalars); i += tag.unicodeScalars.count }
            } else if c == ";" {
                flush()
                i += 1
            } else {
                current.append(c)
                i += 1
            }
        }
        flush()
        return statements
    }

    /// `$$` or `$tag$` starting at `index`, or nil when the `$` is something else (e.g. `$1`).
    static func dollarTag(_ chars: [Unicode.Scalar], at index: Int) -> String? {
        var j = index + 1
        while j < chars.count, chars[j] == "_" || chars[j].properties.isAlphabetic || (j > index + 1 && ("0"..."9").contains(chars[j])) {
            j += 1
        }
        guard j < chars.count, chars[j] == "$" else { return nil }
        var tag = String.UnicodeScalarView()
        tag.append(contentsOf: chars[index...j])
        return String(tag)
    }

    static func isOnlyComments(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { $0.trimmingWhitespace().hasPrefix("--") || $0.trimmingWhitespace().isEmpty }
    }
}
