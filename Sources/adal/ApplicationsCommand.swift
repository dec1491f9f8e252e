import AdalCore
import AdalDomain
import AdalIntake
import AdalStore
import ArgumentParser
import Foundation

struct ApplicationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "applications", abstract: "Applications to volunteer: intake, review, decisions.",
        subcommands: [Import.self, Add.self, List.self, Show.self, Assign.self, Screen.self, RequestInfo.self,
                      Accept.self, Reject.self, Withdraw.self, Extend.self])

    static func table(_ applications: [ApplicationRecord]) -> Table {
        Table(columns: ["id", "received", "channel", "ref", "region", "name", "status", "due", "reviewer", "problems"],
              rows: applications.map {
                  [ShortID.of($0.id), $0.receivedLocal, $0.channel.rawValue, $0.externalRef, $0.regionCode, $0.fullName,
                   $0.status.rawValue, $0.dueOn.description, $0.reviewer ?? "", "\($0.problems.count)"]
              })
    }

    static func detail(_ a: ApplicationRecord) -> Table {
        var rows: [[String]] = [
            ["id", "\(ShortID.of(a.id)) (\(a.id.uuidString.lowercased()))"], ["channel", "\(a.channel.rawValue) \(a.externalRef)"],
            ["received", "\(a.receivedLocal) \(a.timeZone)"], ["region", a.regionCode],
            ["office", a.officeCode ?? ""], ["name", a.fullName],
            ["national id", [a.nationalID, a.nationalIDValid ? nil : "(not valid)"].compactMap { $0 }.joined(separator: " ")],
            ["birth date", a.birthDate?.description ?? ""], ["phone", a.phone ?? ""], ["email", a.email ?? ""],
            ["status", a.status.rawValue], ["reviewer", a.reviewer ?? ""], ["due", a.dueOn.description],
            ["decision", a.decisionReason ?? ""], ["volunteer", a.volunteerID?.uuidString.lowercased() ?? ""],
        ]
        rows += a.problems.map { ["problem", "\($0.field): \($0.reason)"] }
        rows += a.duplicates.map { ["possible duplicate", "\($0.kind) \($0.id) \($0.name) (\($0.matchedBy))"] }
        rows += a.attachments.map { ["attachment", "\($0.fileName) \($0.contentType) \($0.size) bytes"] }
        rows += a.history.map { ["history", "\(LocalTime.format($0.at, zone: a.timeZone)) \($0.actor) \($0.kind) \($0.fromStatus ?? "")→\($0.toStatus ?? "") \($0.note ?? "")"] }
        return Table(columns: ["field", "value"], rows: rows)
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import applications: `eotinish FILE` (JSON array, JSON Lines or CSV) or `email PATH` (.eml, folder, Maildir).",
            discussion: "Importing the same source again adds nothing. Records that cannot be read are listed and nothing of them is stored.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "eotinish or email") var channel: String
        @Argument(help: "The export file, or the message file, folder or Maildir.") var path: String
        @Option(help: "eotinish: utf-8 (default) or windows-1251.") var encoding: String = "utf-8"
        @Option(help: "email: the office whose mailbox this is (default: the office whose address the messages were sent to).")
        var office: String?

        func run() async throws {
            let (actor, path, office) = (common.actingUser, self.path, self.office)
            let report: ImportReport
            switch channel {
            case "eotinish":
                let charset = try EOtinishFile.charset(label: encoding)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationFailure([FieldError("file", "cannot read \(path)")])
                }
                let source = URL(fileURLWithPath: path).lastPathComponent
                let contents = try EOtinishFile.read(data, name: source, charset: charset)
                let showProgress = isatty(2) == 1
                report = try await common.withContext { context in
                    try await Imports(context).run(source: .eotinish(source), records: .eotinish(contents), actor: actor,
                                                   progress: showProgress ? ProgressBar.start() : nil)
                }
            case "email":
                let files = try Mailbox.files(at: path)
                let source = URL(fileURLWithPath: path).lastPathComponent
                report = try await common.withContext { context in
                    try await Imports(context).run(source: .mailbox(source, office: office), records: .messages(files), actor: actor)
                }
            default:
                throw ValidationError("the channel is 'eotinish' or 'email', not '\(channel)'")
            }
            Output.print(report, format: output.format) {
                Table(columns: ["run", "records", "new", "already present", "follow-ups", "rejected", "refused earlier", "with problems"],
                      rows: [["\(report.runID)", "\(report.records)", "\(report.new)", "\(report.alreadyPresent)",
                              "\(report.followUps)", "\(report.rejected)", "\(report.refusedEarlier)", "\(report.withProblems)"]]
                    + report.rejections.map { ["", "record \($0.record)", "rejected: \($0.reason)", "", "", "", "", ""] })
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take in an application at the office.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option var lastName: String
        @Option var firstName: String
        @Option var middleName: String?
        @Option(help: "IIN, PINFL or FIN of the region's country.") var nationalId: String?
        @Option var birthDate: String?
        @Option var phone: String?
        @Option var email: String?
        @Option var address: String?
        @Option var organisation: String?
        @Option(help: "Areas wanted, comma-separated.") var areas: String = ""
        @Option(help: "Why they want to volunteer.") var motivation: String?
        @Option(help: "Region code.") var region: String
        @Option(help: "Office code.") var office: String?

        func run() async throws {
            let form = Applications.OfficeForm(
                lastName: lastName, firstName: firstName, middleName: middleName, nationalID: nationalId,
                birthDate: birthDate, phone: phone, email: email, address: address, organisation: organisation,
                areas: [areas], motivation: motivation, regionCode: region, officeCode: office)
            let actor = common.actingUser
            let record = try await common.withContext { context in try await Applications(context).add(form, actor: actor) }
            Output.print(record, format: output.format) { ApplicationsCommand.detail(record) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applications by due date.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "received, screening, needs_info, accepted, rejected or withdrawn.") var status: String?
        @Flag(help: "Only open applications past their due date.") var overdue = false
        @Option(help: "Only those due before this date (yyyy-MM-dd).") var dueBefore: String?
        @Option(help: "Only those assigned to this reviewer.") var assignee: String?
        @Option(help: "Only this region and the regions under it.") var region: String?
        @Option(help: "Count overdue as of this date (default today, UTC).") var today: String?
        @Option(help: "Only those whose name (in any script) holds this, or with this reference or national ID.") var search: String?
        @Option(help: "Show the applications after this one (the last id or short ID of the previous page).") var after: String?
        @Option(help: "At most this many (1–1000).") var limit: Int = 100

        func run() async throws {
            var errors = FieldErrorCollector()
            if !(1...1000).contains(limit) { errors.add("limit", "must be between 1 and 1000") }
            let status = self.status.flatMap { raw in errors.check { try ApplicationStatus.parse(raw, field: "status") } }
            let dueBefore = self.dueBefore.flatMap { raw -> CivilDate? in
                guard let date = CivilDate(raw) else { errors.add("due_before", "must be a date yyyy-MM-dd"); return nil }
                return date
            }
            var today = CivilDate(Date(), zone: "UTC")
            if let raw = self.today {
                if let date = CivilDate(raw) { today = date } else { errors.add("today", "must be a date yyyy-MM-dd") }
            }
            try errors.throwIfAny()
            let filter = Applications.Filter(status: status, overdueOn: overdue ? today : nil, dueBefore: dueBefore,
                                             reviewer: assignee, limit: limit)
            let (region, search, after) = (self.region, self.search, self.after)
            let list = try await common.withContext { context in
                var filter = filter
                filter.after = try await after.asyncMap { try uuid(await Lookups(context).id($0, in: .applications, field: "after"), field: "after") }
                return try await Applications(context).list(filter, regionCode: region, search: search)
            }
            Output.print(list, format: output.format) { ApplicationsCommand.table(list) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an application: history, attachments, problems, possible duplicates.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String

        func run() async throws {
            let id = self.id
            let record = try await common.withContext(resolving: id, in: .applications) { context, id in try await Applications(context).show(id) }
            Output.print(record, format: output.format) { ApplicationsCommand.detail(record) }
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign a reviewer.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "The reviewer: the e-mail of an active registrar or admin who works in the application's region.") var to: String

        func run() async throws {
            let (id, to, actor) = (self.id, self.to, common.actingUser)
            let record = try await common.withContext(resolving: id, in: .applications) { context, id in try await Applications(context).assign(id, to: to, actor: actor) }
            Output.print(record, format: output.format) { ApplicationsCommand.detail(record) }
        }
    }

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend the deadline once, by at most 15 working days.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "Working days to add (1–15).") var days: Int
        @Option var reason: String?

        func run() async throws {
            let (id, days, reason, actor) = (self.id, self.days, self.reason, common.actingUser)
            let record = try await common.withContext(resolving: id, in: .applications) { context, id in
                try await Applications(context).extend(id, days: days, reason: reason, actor: actor)
            }
            Output.print(record, format: output.format) { ApplicationsCommand.detail(record) }
        }
    }

    struct Screen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start (or resume) screening.")
        @OptionGroup var transition: TransitionOptions
        func run() async throws { try await transition.perform(.screen, note: transition.note) }
    }

    struct RequestInfo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "request-info", abstract: "Ask the applicant for more information.")
        @OptionGroup var transition: TransitionOptions
        func run() async throws { try await transition.perform(.requestInfo, note: transition.note) }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept: registers the volunteer, or links the existing one.")
        @OptionGroup var transition: TransitionOptions
        @Option(help: "individual, student, corporate, pro_bono or ngo.") var kind: String = "individual"
        @Option(name: .customLong("area"), help: "An area (repeatable); default: the areas applied for.") var areas: [String] = []

        func run() async throws {
            var errors = FieldErrorCollector()
            let kind = errors.check { try VolunteerKind.parse(self.kind, field: "kind") }
            let areas = self.areas.compactMap { raw in errors.check { try VolunteerArea.parse(raw, field: "area") } }
            try errors.throwIfAny()
            try await transition.perform(.accept, note: transition.note, acceptance: .init(kind: kind!, areas: areas))
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject, with a reason.")
        @OptionGroup var transition: TransitionOptions
        @Option var reason: String?
        func run() async throws { try await transition.perform(.reject, note: reason) }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the applicant withdrew, with a reason.")
        @OptionGroup var transition: TransitionOptions
        @Option var reason: String?
        func run() async throws { try await transition.perform(.withdraw, note: reason) }
    }
}

struct TransitionOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The application's id.") var id: String
    @Option(help: "A note for the history.") var note: String?

    func perform(_ action: ApplicationAction, note: String?, acceptance: Applications.Acceptance = .init()) async throws {
        let (id, actor) = (self.id, common.actingUser)
        let record = try await common.withContext(resolving: id, in: .applications) { context, id in
            try await Applications(context).act(action, on: id, note: note, acceptance: acceptance, actor: actor)
        }
        Output.print(record, format: output.format) { ApplicationsCommand.detail(record) }
    }
}

/// Records done, rate and time left on standard error, redrawn in place; only on a terminal.
enum ProgressBar {
    static func start() -> @Sendable (Int, Int) -> Void {
        let started = Date()
        return { done, total in
            let elapsed = max(Date().timeIntervalSince(started), 0.001)
            let rate = Double(done) / elapsed
            let left = rate > 0 ? Double(total - done) / rate : 0
            let width = 30, filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let line = String(format: "\r[%@] %d/%d  %.0f records/s  %.0f s left ", bar, done, total, rate, left)
            FileHandle.standardError.write(Data((line + (done == total ? "\n" : "")).utf8))
        }
    }
}
