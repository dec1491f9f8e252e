/// Rating councils by a methodology of weighted criteria. A count (meetings held, hearings held,
/// volunteers involved) scores its share of the target prorated to the period, at most 100; a
/// share (quorum kept in meetings held, tasks done by their due date) is its own score — no task
/// due scores 100 (nothing was late). The total is the weighted mean. A council that held no
/// meeting in the period is not scored at all: it is shown as having no meetings and ranks last.
public enum CouncilRating {
    public struct Criterion: Sendable {
        public let key: String
        public let title: String
        public let weight: Double
        public let targetPerYear: Double?

        public init(key: String, title: String, weight: Double, targetPerYear: Double?) {
            self.key = key
            self.title = title
            self.weight = weight
            self.targetPerYear = targetPerYear
        }
    }

    public struct Figures: Sendable, Equatable {
        public let meetings, quorate, tasksDue, tasksOnTime, hearings, volunteers: Int

        public init(meetings: Int, quorate: Int, tasksDue: Int, tasksOnTime: Int, hearings: Int, volunteers: Int) {
            (self.meetings, self.quorate, self.tasksDue, self.tasksOnTime, self.hearings, self.volunteers) =
                (meetings, quorate, tasksDue, tasksOnTime, hearings, volunteers)
        }
    }

    /// A criterion's score from 0 to 100, for a period of `years` (days / 365).
    public static func score(_ criterion: Criterion, _ figures: Figures, years: Double) -> Double {
        func against(_ count: Int) -> Double {
            guard let target = criterion.targetPerYear, target > 0, years > 0 else { return 0 }
            return min(100, 100 * Double(count) / (target * years))
        }
        switch criterion.key {
        case "meetings_held": return against(figures.meetings)
        case "hearings_held": return against(figures.hearings)
        case "volunteers_involved": return against(figures.volunteers)
        case "quorum_kept": return figures.meetings == 0 ? 0 : 100 * Double(figures.quorate) / Double(figures.meetings)
        case "tasks_on_time": return figures.tasksDue == 0 ? 100 : 100 * Double(figures.tasksOnTime) / Double(figures.tasksDue)
        default: return 0
        }
    }

    /// The weighted mean of the scores.
    public static func total(_ scores: [Double], weights: [Double]) -> Double {
        let weight = weights.reduce(0, +)
        guard weight > 0 else { return 0 }
        return zip(scores, weights).map { $0 * $1 }.reduce(0, +) / weight
    }

    /// Ranks by total, highest first; equal totals (to 0.1) share a rank, and the next rank skips.
    /// A council with no total (no meeting held in the period) ranks after every council with one,
    /// all such sharing the last rank.
    public static func ranks(_ totals: [Double?]) -> [Int] {
        let rounded = totals.map { $0.map { ($0 * 10).rounded() } }
        let scored = rounded.compactMap { $0 }
        return rounded.map { mine in
            guard let mine else { return 1 + scored.count }
            return 1 + scored.filter { $0 > mine }.count
        }
    }
}
