import AdalCore
import AdalDomain
import AdalReports
import AdalIntake
import ArgumentParser
import Foundation

/// `adal events attendance-sheet|assign-volunteer|respond|attendance`.
extension EventsCommand {
    struct AttendanceSheet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attendance-sheet", abstract: "A sheet to sign: name, organisation, role and a signature column (HTML or CSV).")
        @OptionGroup var common: CommonOptions
        @Argument var id: String
        @Option(help: "html or csv.") var format: String = "html"
        @Option(help: "The sheet's language: kk, ru, uz, az or en (default: the state language of the event's country).")
        var lang: String?
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            guard ["html", "csv"].contains(format) else { throw ValidationError("--format takes html or csv") }
            let language = try lang.map { try Language.parse($0, field: "lang") }
            let id = self.id
            let event = try await common.withContext(resolving: id, in: .events) { context, id in try await Directory(context).event(id) }
            if format == "html" {
                try Output.write(Printables.attendanceSheet(event, language: language ?? Printables.defaultLanguage(regionCode: event.regionCode)),
                                 to: out)
            } else {
                let table = Table(columns: ["name", "organisation", "role", "signature"], rows: event.participants.map {
                    [$0.fullName, $0.organisation ?? $0.position ?? "", $0.role.rawValue, ""]
                })
                try Output.write(table.render(.csv), to: out)
            }
        }
    }
}

extension EventsCommand {
    struct AssignVolunteer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign-volunteer", abstract: "Assign a volunteer to an event with a role; warns when it overlaps another of theirs.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "The volunteer: id, short ID or national ID.") var volunteer: String
        @Option(help: "What the volunteer does there, e.g. registration, observer.") var role: String

        func run() async throws {
            let (id, volunteer, role, actor) = (self.id, self.volunteer, self.role, common.actingUser)
            let (event, overlaps) = try await common.withContext(resolving: id, in: .events) { context, id in
                let volunteer = try await Lookups(context).id(volunteer, in: .volunteers, field: "volunteer")
                return try await Meetings(context).assignVolunteer(id, volunteerID: volunteer, role: role, actor: actor)
            }
            for overlap in overlaps {
                FileHandle.standardError.write(Data("adal: warning: the volunteer is also assigned to \(overlap) at the same time\n".utf8))
            }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }

    struct Respond: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an invited person's answer: registered or declined.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "The invited person: id, short ID, national ID or name.") var person: String
        @Option(help: "registered or declined.") var response: String

        func run() async throws {
            let (id, person, response, actor) = (self.id, self.person, self.response, common.actingUser)
            let event = try await common.withContext(resolving: id, in: .events) { context, id in
                let person = try await Lookups(context).id(person, in: .people, field: "person")
                return try await Meetings(context).respond(id, personID: person, response: response, actor: actor)
            }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }

    struct Attendance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record attendance one by one (--attended, --absent) or from a signed sheet typed in as CSV (--sheet).",
            discussion: "The sheet has a header with a name (or person) column and an attended column (yes/no). Every row must name one participant, or nothing is recorded.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "A participant who attended (id or name; repeat).") var attended: [String] = []
        @Option(help: "A participant who did not (id or name; repeat).") var absent: [String] = []
        @Option(help: "A CSV attendance sheet.") var sheet: String?

        func run() async throws {
            var rows = attended.map { (who: $0, attended: true) } + absent.map { (who: $0, attended: false) }
            if let sheet {
                guard let data = FileManager.default.contents(atPath: sheet) else {
                    throw ValidationFailure([FieldError("sheet", "cannot read \(sheet)")])
                }
                rows += try AttendanceSheetReader.read(String(decoding: data, as: UTF8.self))
            }
            guard !rows.isEmpty else { throw ValidationError("give --attended, --absent or --sheet") }
            let (id, actor, entries) = (self.id, common.actingUser, rows)
            let event = try await common.withContext(resolving: id, in: .events) { context, id in
                // A national ID or a short ID names a person wherever it is; a name is matched among the participants.
                var rows: [(who: String, attended: Bool)] = []
                for row in entries { rows.append((try await Lookups(context).id(row.who, in: .people, field: "person"), row.attended)) }
                return try await Meetings(context).recordAttendance(id, rows: rows, actor: actor)
            }
            Output.print(event, format: output.format) {
                Table(columns: ["participant", "role", "attendance"], rows: event.participants.map {
                    [$0.fullName, $0.role.rawValue, $0.attendance?.rawValue ?? ""]
                })
            }
        }
    }
}

extension EventsCommand {
    struct MinutesCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "minutes",
            abstract: "A held meeting's minutes — decisions, tasks with owners and dates, attendance — as a printable page; --send mails them to its people, each in their language.")
        @OptionGroup var common: CommonOptions
        @Argument var id: String
        @Option(help: "The page's language: kk, ru, uz, az or en (default: the region's state language).") var lang: String?
        @Option(help: "Write the page to this file instead of standard output.") var out: String?
        @Flag(help: "Send the minutes to the meeting's people with an e-mail address (once each; the worker delivers them).")
        var send = false

        func run() async throws {
            let language = try lang.map { try Language.parse($0, field: "lang") }
            let (id, send, actor) = (self.id, self.send, common.actingUser)
            let (page, queued) = try await common.withContext(resolving: id, in: .events) { context, id in
                let meetings = Meetings(context)
                let page = try await meetings.minutesPage(id, language: language)
                return (page, send ? try await meetings.sendMinutes(id, actor: actor) : 0)
            }
            if send {
                FileHandle.standardError.write(Data("minutes queued for \(queued) people (each once; the worker sends them)\n".utf8))
            }
            try Output.write(page, to: out)
        }
    }
}
