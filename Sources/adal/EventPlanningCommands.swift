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
            let event = try await common.withContext(resolving: id, in: .events) { context, id in
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
            let event = try await common.withContext(resolving: id, in: .events) { context, id in try await Meetings(context).cancel(id, reason: reason, actor: actor) }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Invite a person to an event with a role.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "A known person: id, short ID or national ID.") var person: String?
        @Option(help: "Or a new person's full name (with --position).") var name: String?
        @Option(help: "The new person's position.") var position: String?
        @Option(help: "The new person's organisation.") var organisation: String?
        @Option(help: "The new person's phone (optional).") var phone: String?
        @Option(help: "The new person's e-mail (optional).") var email: String?
        @Option(help: "The language the new person reads reminders in: kk, ru, uz, az or en (default: the country's state language).")
        var language: String?
        @Option(help: "moderator, speaker, participant, media, observer or organiser.") var role: String = "participant"

        func validate() throws {
            guard (person == nil) != (name == nil) else { throw ValidationError("give either --person or --name") }
        }

        func run() async throws {
            let (id, person, name, position, role, actor) = (self.id, self.person, self.name, self.position, self.role, common.actingUser)
            let (organisation, phone, email, language) = (self.organisation, self.phone, self.email, self.language)
            let event = try await common.withContext(resolving: id, in: .events) { context, id in
                var reference = PersonReference.new(NewPersonForm(name: name ?? "", position: position, organisation: organisation,
                                                                  phone: phone, email: email, language: language))
                if let person { reference = .known(try await Lookups(context).id(person, in: .people, field: "person")) }
                return try await Meetings(context).invite(id, person: reference, role: role, actor: actor)
            }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }

    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an event as held once it has begun, with who was present (added to the attendance recorded; --absent takes someone off).",
            discussion: "A council's meeting needs more than half of the members in office that day (or the council's own share) unless --without-quorum is given with --reason.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "A person present: id, short ID, national ID, or an invited person's name (repeat the option).")
        var present: [String] = []
        @Option(help: "A person whose attendance recorded earlier is taken back (repeat the option).") var absent: [String] = []
        @Flag var withoutQuorum = false
        @Option var reason: String?
        @Option(help: "The minutes, as text.") var minutes: String?

        func run() async throws {
            let (id, present, absent, withoutQuorum, reason, minutes, actor) =
                (self.id, self.present, self.absent, self.withoutQuorum, self.reason, self.minutes, common.actingUser)
            let report = try await common.withContext(resolving: id, in: .events) { context, id in
                let present = try await Lookups(context).ids(present, in: .people, field: "present")
                let absent = try await Lookups(context).ids(absent, in: .people, field: "absent")
                return try await Meetings(context).hold(id, present: present, absent: absent, withoutQuorum: withoutQuorum, reason: reason,
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
            let text = try await common.withContext(resolving: id, in: .events) { context, id in try await Meetings(context).calendar(id) }
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
            let issued = try await common.withContext(resolving: id, in: .events) { context, id in try await Certificates(context).issue(eventID: id, actor: actor) }
            Output.print(issued, format: output.format) {
                Table(columns: ["number", "person", "language"],
                      rows: issued.map { [$0.number, $0.personID.uuidString.lowercased(), $0.language.rawValue] })
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
            let event = try await common.withContext(resolving: id, in: .events) { context, id in
                try await Meetings(context).update(id, title: title, topic: topic, venue: venue, link: link, capacity: capacity,
                                                   actor: actor)
            }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }
}

extension EventsCommand {
    struct ReminderHours: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reminder-hours",
            abstract: "Set when this event's participants are reminded (hours before the start), or return it to its kind's.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Argument(help: "Hours before the start, e.g. 48,3.") var hours: String?
        @Flag(help: "Use the event kind's hours again.") var kindDefault = false

        func validate() throws {
            if (hours == nil) == !kindDefault {
                throw ValidationError("give the hours (e.g. 48,3) or --kind-default, not both")
            }
        }

        func run() async throws {
            let (id, hours, actor) = (self.id, self.hours, common.actingUser)
            let event = try await common.withContext(resolving: id, in: .events) { context, id in
                try await Meetings(context).setReminderHours(id, hours: hours, actor: actor)
            }
            Output.print(event, format: output.format) { EventsCommand.summary(event) }
        }
    }
}
