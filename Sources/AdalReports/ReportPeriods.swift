import AdalDomain

/// How a period's rows over time are grouped so a chart and its table stay readable: by month up
/// to a year, by quarter up to three years, by year beyond — at most a dozen or so points.
public enum ReportGrain: String, Sendable {
    case month, quarter, year

    public static func of(months: Int) -> ReportGrain {
        months <= 12 ? .month : months <= 36 ? .quarter : .year
    }

    public static func of(from: CivilDate, to: CivilDate) -> ReportGrain {
        of(months: (to.year - from.year) * 12 + to.month - from.month + 1)
    }

    /// The section's key and the column's key (the catalog's `report_label_…`).
    public var sectionKey: String { rawValue + "s" }
    public var columnKey: String { rawValue }

    /// Month rows (`yyyy-MM` in the first column, counts after it) summed into this grain's rows,
    /// in order: a quarter is written `2025 I` … `2025 IV` (Roman numerals read the same in every
    /// language of the reports), a year `2025`.
    public func group(_ monthRows: [[ReportCell]]) -> [[ReportCell]] {
        guard self != .month else { return monthRows }
        var order: [String] = []
        var sums: [String: [Double]] = [:]
        for row in monthRows {
            guard let label = row.first?.text, label.count >= 7, let month = Int(label.suffix(2)) else { continue }
            let year = String(label.prefix(4))
            let key = self == .year ? year : year + " " + ["I", "II", "III", "IV"][(month - 1) / 3]
            let values = row.dropFirst().map { $0.number ?? 0 }
            if let sum = sums[key] {
                sums[key] = zip(sum, values).map { $0 + $1 }
            } else {
                order.append(key)
                sums[key] = values
            }
        }
        return order.map { key in [.text(key)] + sums[key]!.map { ReportCell.integer(Int($0)) } }
    }
}
