/// A chart label broken between words: lines of at most `perLine` characters, at most `maxLines`
/// of them, the last shortened with … at a word boundary when the text does not fit. A single word
/// longer than a line is cut (nothing else can be done with it).
enum ChartLabel {
    static func lines(_ text: String, perLine: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var words = text.split(separator: " ").map(String.init)[...]
        while let word = words.first {
            let candidate = current.isEmpty ? word : current + " " + word
            if candidate.count <= perLine {
                current = candidate
                words = words.dropFirst()
            } else if current.isEmpty {
                current = String(word.prefix(perLine - 1)) + "…"
                words = words.dropFirst()
            } else {
                lines.append(current)
                current = ""
                if lines.count == maxLines { break }
            }
        }
        if !current.isEmpty, lines.count < maxLines { lines.append(current) }
        if !words.isEmpty, var last = lines.popLast() {
            // The rest does not fit: the last line ends in … after its last whole word that leaves room.
            while last.count + 1 > perLine, let space = last.lastIndex(of: " ") { last = String(last[..<space]) }
            lines.append(last + "…")
        }
        return lines
    }

    /// The text in one line of at most `length` characters, shortened at a word boundary.
    static func shortened(_ text: String, to length: Int) -> String {
        lines(text, perLine: length, maxLines: 1).first ?? ""
    }
}

/// The y axis of a chart of counts: whole-number ticks from zero, a round step (1, 2, 5, 10, 20,
/// 50 …), the last tick at or above the largest value — never 2, 2, 1, 1, 0.
enum ChartScale {
    static func ticks(upTo largest: Double, atMost count: Int = 5) -> [Int] {
        let ceiling = max(Int(largest.rounded(.up)), 1)
        var step = 1
        var magnitude = 1
        search: while true {
            for factor in [1, 2, 5] {
                step = factor * magnitude
                if (ceiling + step - 1) / step <= count { break search }
            }
            magnitude *= 10
        }
        let top = (ceiling + step - 1) / step * step
        return Array(stride(from: 0, through: top, by: step))
    }
}
