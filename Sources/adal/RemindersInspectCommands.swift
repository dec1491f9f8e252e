import AdalCore
import AdalDomain
import AdalJobs
import ArgumentParser
import Foundation

extension RemindersCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One reminder (job) with every delivery attempt.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: Int64

        func run() async throws {
            let id = self.id
            let detail = try await common.withContext { context in try await Reminders(context).detail(id) }
            let time = { (date: Date) in ISO8601DateFormatter().string(from: date) }
            Output.print(detail, format: output.format) {
                var rows = [["id", "\(detail.job.id)"], ["kind", detail.job.kind], ["occasion", detail.job.occasion ?? ""],
                            ["state", detail.job.state], ["run at", time(detail.job.runAt)], ["attempts", "\(detail.job.attempts)"],
                            ["last error", detail.job.lastError ?? ""], ["created", time(detail.createdAt)],
                            ["finished", detail.finishedAt.map(time) ?? ""], ["payload", detail.payload]]
                for (n, delivery) in detail.deliveries.enumerated() {
                    rows.append(["delivery \(n + 1)", "\(time(delivery.at)) \(delivery.channel) \(delivery.status) to \(delivery.recipient): "
                                 + "\(delivery.response ?? "") \(delivery.messageID.map { "<\($0)>" } ?? "")"])
                }
                return Table(columns: ["field", "value"], rows: rows)
            }
        }
    }

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What will be sent for an event, task or application: when, to whom, and the text, rendered now.",
            discussion: "Shows the reminders already queued and those planning would add; nothing is changed.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The event's, task's or application's id.") var id: String

        func run() async throws {
            let id = self.id
            let mail = try common.configuration.mail
            let templates = try await ReminderTemplates(overrides: mail.templatesDirectory)
            let items = try await common.withContext { context in
                try await ReminderPreview(context: context, templates: templates, organizerEmail: mail.from).preview(id)
            }
            switch output.format {
            case .json:
                Output.print(items, format: .json) { Table(columns: [], rows: []) }
            default:
                if items.isEmpty { print("nothing will be sent") }
                for item in items {
                    print("== \(item.runAt.map { ISO8601DateFormatter().string(from: $0) } ?? "now") \(item.kind) → "
                          + "\(item.recipient ?? "-") <\(item.address ?? "-")> by \(item.channel)\(item.language.map { " in \($0)" } ?? "")")
                    if let note = item.note { print("   not sent: \(note)") }
                    if let subject = item.subject { print("Subject: \(subject)\n") }
                    if let text = item.text { print(text + "\n") }
                }
            }
        }
    }

    struct Offsets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hours before an event its participants are reminded, per event kind and format.",
            discussion: "Without arguments, lists what is set; unset kinds use 72,24 in person and 24,2 online.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The event kind, e.g. public_hearing.") var kind: String?
        @Argument(help: "in_person, online or hybrid.") var format: String?
        @Argument(help: "Hours, e.g. 48,3; 'default' clears the setting.") var hours: String?

        func run() async throws {
            let (kind, format, hours, actor) = (self.kind, self.format, self.hours, common.actingUser)
            if let kind {
                guard let format, let hours else {
                    throw ValidationFailure([FieldError("hours", "give the kind, the format and the hours (e.g. public_hearing in_person 48,3)")])
                }
                try await common.withContext { context in
                    try await Reminders(context).setOffsets(kind: kind, format: format, hours: hours, actor: actor)
                }
            }
            let set = try await common.withContext { context in
                try await Reminders(context).offsets()
            }
            Output.print(set, format: output.format) {
                Table(columns: ["kind", "format", "hours before"], rows: set.map { [$0.kind, $0.format, $0.hours.map(String.init).joined(separator: ",")] })
            }
        }
    }

    struct Schedules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The worker's periodic work: how often, when next, how many runs, what the last one did.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let schedules = try await common.withContext { context in
                try await Reminders(context).schedules()
            }
            Output.print(schedules, format: output.format) {
                Table(columns: ["name", "every (s)", "next at", "runs", "last run", "last result"], rows: schedules.map {
                    [$0.name, String(Int($0.everySeconds)), ISO8601DateFormatter().string(from: $0.nextAt), "\($0.runs)",
                     $0.lastRunAt.map { ISO8601DateFormatter().string(from: $0) } ?? "", $0.lastResult ?? ""]
                })
            }
        }
    }
}
