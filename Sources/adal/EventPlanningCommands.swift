import AdalCore
import AdalDomain
import AdalIntake
import ArgumentParser
import Foundation

/// `adal events add|postpone|cancel|invite|hold|ics|certificates`.
extension EventsCommand {
    static func summary(_ event: Event) -> Table {
        Table(columns: ["id", "starts (local)", "ends (local)", "zone", "region", "kind", "status", "title"], rows: [[
            event.id.uuidString.lowercased(), event.startsLocal ?? event.heldOn?.description ?? "—", event.endsLocal ?? "",
            event.timeZone, event.regionCode, event.kind.rawValue, event.status.rawValue, event.title,
        ]])
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Schedule an event; times are local to the region (stored as instants).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "public_hearing, council_meeting, commission_meeting, seminar, round_table, videoconference, awareness_meeting or training.")
        var kind: String
        @Option(name: .customLong("event-format"), help: "in_person, online or hybrid.") var eventFormat: String = "in_person"
        @Option var title: String
        @Option var topic: String?
        @Option(help: "Where (required in person and hybrid).") var venue: String?
        @Option(help: "Video link (required online and hybrid).") var link: String?
        @Option(help: "Region code.") var region: String
        @Option(help: "Organising office code.") var office: String?
        @Option(help: "Council code (required for council and commission meetings).") var council: String?
        @Option(help: "Start, local time yyyy-MM-ddTHH:mm.") var starts: String
        @Option(help: "End, local time yyyy-MM-ddTHH:mm.") var ends: String?
        @Option var capacity: Int?
        @Option(help: "An action-plan item, PLAN-CODE number (repeat).") var planItem: [String] = []
        @Option(help: "A partner organisation's name (repeat).") var partner: [String] = []

        func run() async throws {
            let form = EventScheduleForm(kind: kind, format: eventFormat, title: title, topic: topic, venue: venue, link: link,
                                         regionCode: region, officeCode: office, councilCode: council, starts: starts,
                                         ends: ends, capacity: capacity, planItems: planItem, partners: partner)
            let actor = common.actingUser
            let event = try await common.withContext { context in try await Meetings(context).schedule(form, actor: actor) }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }

    struct Postpone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move an event to new local times (or, with none, postpone it until further notice); the old times stay in its history.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "New start, local time yyyy-MM-ddTHH:mm.") var starts: String?
        @Option(help: "New end, local time yyyy-MM-ddTHH:mm.") var ends: String?
        @Option var reason: String

        func run() async throws {
            let (id, starts, ends, reason, actor) = (self.id, self.starts, self.ends, self.reason, common.actingUser)
            let event = try await common.withContext { context in
                try await Meetings(context).postpone(id, starts: starts, ends: ends, reason: reason, actor: actor)
            }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an event; the record stays.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option var reason: String

        func run() async throws {
            let (id, reason, actor) = (self.id, self.reason, common.actingUser)
            let event = try await common.withContext { context in try await Meetings(context).cancel(id, reason: reason, actor: actor) }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Invite a person to an event with a role.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "A known person's id.") var person: String?
        @Option(help: "Or a new person's full name (with --position).") var name: String?
        @Option(help: "The new person's position.") var position: String?
        @Option(help: "The new person's organisation.") var organisation: String?
        @Option(help: "The new person's phone (optional).") var phone: String?
        @Option(help: "The new person's e-mail (optional).") var email: String?
        @Option(help: "moderator, speaker, participant, media, observer or organiser.") var role: String = "participant"

        func validate() throws {
            guard (person == nil) != (name == nil) else { throw ValidationError("give either --person or --name") }
        }

        func run() async throws {
            let (id, person, name, position, role, actor) = (self.id, self.person, self.name, self.position, self.role, common.actingUser)
            let (organisation, phone, email) = (self.organisation, self.phone, self.email)
            let reference: PersonReference = person.map { .known($0) } ?? .new(NewPersonForm(
                name: name ?? "", position: position, organisation: organisation, phone: phone, email: email))
            let event = try await common.withContext { context in
                try await Meetings(context).invite(id, person: reference, role: role, actor: actor)
            }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }

    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an event as held, with who was present.",
            discussion: "A council's meeting needs more than half of the members in office that day (or the council's own share) unless --without-quorum is given with --reason.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "A person present (repeat the option).") var present: [String] = []
        @Flag var withoutQuorum = false
        @Option var reason: String?
        @Option(help: "The minutes, as text.") var minutes: String?

        func run() async throws {
            let (id, present, withoutQuorum, reason, minutes, actor) =
                (self.id, self.present, self.withoutQuorum, self.reason, self.minutes, common.actingUser)
            let report = try await common.withContext { context in
                try await Meetings(context).hold(id, present: present, withoutQuorum: withoutQuorum, reason: reason,
                                                 minutes: minutes, actor: actor)
            }
            Output.print(report, format: output.format) {
                Table(columns: ["event", "members in office", "present", "quorum", "quorum met", "attended"], rows: [[
                    report.eventID.uuidString.lowercased(), "\(report.membersInOffice)", "\(report.present)",
                    "\(report.quorum)", report.quorumMet ? "yes" : "no", "\(report.attended)",
                ]])
            }
        }
    }

    struct ICS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics", abstract: "Print the event as an RFC 5545 calendar (an invitation, or a cancellation).")
        @OptionGroup var common: CommonOptions
        @Argument var id: String

        func run() async throws {
            let id = self.id
            let text = try await common.withContext { context in try await Meetings(context).calendar(id) }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    struct IssueCertificates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "certificates", abstract: "Issue certificates to the attended participants of a held event who have none yet.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String

        func run() async throws {
            let (id, actor) = (self.id, common.actingUser)
            let issued = try await common.withContext { context in try await Certificates(context).issue(eventID: id, actor: actor) }
            Output.print(issued, format: output.format) {
                Table(columns: ["number", "person", "language"],
                      rows: issued.map { [$0.number, $0.personID.uuidString.lowercased(), $0.language.rawValue] })
            }
        }
    }
}

extension CouncilsCommand {
    struct AddMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member to a council: a known person, or a new one by name.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var code: String
        @Option(help: "A known person's id.") var person: String?
        @Option(help: "Or a new person's full name.") var name: String?
        @Option var position: String?
        @Option(help: "chair, deputy_chair, secretary or member.") var role: String = "member"
        @Option(help: "Serves from, yyyy-MM-dd.") var termFrom: String?
        @Option(help: "Serves until, yyyy-MM-dd.") var termTo: String?

        func validate() throws {
            guard (person == nil) != (name == nil) else { throw ValidationError("give either --person or --name") }
        }

        func run() async throws {
            let (code, person, name, position, role, from, to, actor) =
                (self.code, self.person, self.name, self.position, self.role, self.termFrom, self.termTo, common.actingUser)
            let reference: PersonReference = person.map { .known($0) } ?? .new(NewPersonForm(name: name ?? "", position: position))
            let council = try await common.withContext { context in
                try await Meetings(context).addMember(councilCode: code, person: reference, role: role, position: position,
                                                      termFrom: from, termTo: to, actor: actor)
            }
            Output.print(council, format: output.format) {
                Table(columns: ["member", "role", "position"], rows: council.members.map {
                    [$0.fullName, $0.role.rawValue, $0.position ?? ""]
                })
            }
        }
    }
}

struct CertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "certificates", abstract: "Check certificates.",
                                                    subcommands: [Verify.self, Print.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Whose a certificate is, for which event and date.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var number: String

        func run() async throws {
            let number = self.number
            guard let record = try await common.withContext({ context in try await Certificates(context).verify(number) }) else {
                throw AdalError.notFound(entity: "certificate", key: number)
            }
            Output.print(record, format: output.format) {
                Table(columns: ["number", "holder", "event", "date", "office"],
                      rows: [[record.number, record.holder, record.eventTitle, record.eventDate?.description ?? "", record.officeCode]])
            }
        }
    }
}

extension CertificatesCommand {
    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print", abstract: "The certificate as a printable HTML page in its holder's language.")
        @OptionGroup var common: CommonOptions
        @Argument var number: String
        @Option(help: "Another language: kk, ru, uz, az or en.") var lang: String?
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            let language = try lang.map { try Language.parse($0, field: "lang") }
            let number = self.number
            let html = try await common.withContext { context in try await Certificates(context).page(number, language: language) }
            try Output.write(html, to: out)
        }
    }
}

extension EventsCommand {
    struct AttendanceSheet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attendance-sheet", abstract: "A sheet to sign: name, organisation, role and a signature column (HTML or CSV).")
        @OptionGroup var common: CommonOptions
        @Argument var id: String
        @Option(help: "html or csv.") var format: String = "html"
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            guard ["html", "csv"].contains(format) else { throw ValidationError("--format takes html or csv") }
            let id = self.id
            let event = try await common.withContext { context in try await Directory(context).event(id) }
            if format == "html" {
                try Output.write(Printables.attendanceSheet(event), to: out)
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
        @Option var volunteer: String
        @Option(help: "What the volunteer does there, e.g. registration, observer.") var role: String

        func run() async throws {
            let (id, volunteer, role, actor) = (self.id, self.volunteer, self.role, common.actingUser)
            let (event, overlaps) = try await common.withContext { context in
                try await Meetings(context).assignVolunteer(id, volunteerID: volunteer, role: role, actor: actor)
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
        @Option var person: String
        @Option(help: "registered or declined.") var response: String

        func run() async throws {
            let (id, person, response, actor) = (self.id, self.person, self.response, common.actingUser)
            let event = try await common.withContext { context in
                try await Meetings(context).respond(id, personID: person, response: response, actor: actor)
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
            let event = try await common.withContext { context in
                try await Meetings(context).recordAttendance(id, rows: entries, actor: actor)
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
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an event's title, topic, venue, link or capacity (an empty value clears it); calendars get a new SEQUENCE.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option var title: String?
        @Option var topic: String?
        @Option var venue: String?
        @Option var link: String?
        @Option(help: "Seats; 0 clears the limit.") var capacity: Int?

        func run() async throws {
            func clearable(_ value: String?) -> String?? { value.map { (text: String) -> String? in text.isEmpty ? nil : text } }
            let (id, title, actor) = (self.id, self.title, common.actingUser)
            let (topic, venue, link) = (clearable(self.topic), clearable(self.venue), clearable(self.link))
            let capacity: Int?? = self.capacity.map { (value: Int) -> Int? in value == 0 ? nil : value }
            let event = try await common.withContext { context in
                try await Meetings(context).update(id, title: title, topic: topic, venue: venue, link: link, capacity: capacity,
                                                   actor: actor)
            }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }
}

extension CouncilsCommand {
    struct SetQuorum: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-quorum", abstract: "The share of members in office the council's quorum needs (default: more than half).")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Option(help: "A share, more than 0 and at most 1, e.g. 0.67.") var fraction: Double?
        @Flag(help: "Back to more than half.") var majority = false

        func validate() throws {
            guard (fraction == nil) != !majority else { throw ValidationError("give either --fraction or --majority") }
        }

        func run() async throws {
            let (code, fraction, actor) = (self.code, majority ? nil : self.fraction, common.actingUser)
            _ = try await common.withContext { context in
                try await Meetings(context).setQuorum(councilCode: code, fraction: fraction, actor: actor)
            }
            print("council \(code.uppercased()): quorum " + (fraction.map { "\($0) of the members in office" } ?? "more than half of the members in office"))
        }
    }
}
