import Foundation

/// The hours before an event at which its participants are reminded, as a coordinator writes
/// them: `72,24` or `48, 3`. One to five distinct hours, each from 1 to 720 (30 days).
public enum ReminderOffsets {
    public static func parse(_ text: String, field: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var hours: [Int] = []
        for part in parts {
            guard let value = Int(part.hasSuffix("h") ? String(part.dropLast()) : part), (1...720).contains(value) else {
                throw ValidationFailure([FieldError(field, "'\(part)' is not a number of hours from 1 to 720")])
            }
            if !hours.contains(value) { hours.append(value) }
        }
        guard (1...5).contains(hours.count) else {
            throw ValidationFailure([FieldError(field, "give one to five hours, separated by commas (e.g. 72,24)")])
        }
        return hours.sorted(by: >)
    }
}
