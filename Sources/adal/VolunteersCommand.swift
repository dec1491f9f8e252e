import AdalCore
import AdalDomain
import ArgumentParser
import Foundation

struct VolunteersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volunteers", abstract: "Register, list, show and search volunteers.",
        subcommands: [Add.self, List.self, Show.self, Search.self, Conflicts.self, Suspend.self, Withdraw.self, Reinstate.self])

    static func table(_ volunteers: [Volunteer]) -> Table {
        Table(columns: ["id", "name", "region", "kind", "areas", "status", "joined"],
              rows: volunteers.map {
                  [ShortID.of($0.id), $0.fullName, $0.regionCode, $0.kind.rawValue,
                   $0.areas.map(\.rawValue).joined(separator: " "), $0.status.rawValue, $0.joinedOn.description]
              })
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a volunteer (stores nothing when any field is invalid).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Family name, as written (any script).") var lastName: String
        @Option(help: "Given name.") var firstName: String
        @Option(help: "Patronymic.") var middleName: String?
        @Option(help: "KZ IIN, UZ PINFL or AZ FIN.") var nationalId: String
        @Option(help: "Country that issued the national ID: KZ, UZ or AZ.") var country: String
        @Option(help: "Region code (ISO 3166-2, e.g. KZ-35; older aliases such as KZ-KAR work).") var region: String
        @Option(help: "Office code.") var office: String?
        @Option(help: "Birth date yyyy-MM-dd (checked against the national ID).") var birthDate: String?
        @Option(help: "Phone; stored in E.164.") var phone: String?
        @Option(help: "E-mail address.") var email: String?
        @Option(help: "individual, student, corporate, pro_bono or ngo.") var kind: String = "individual"
        @Option(help: "Comma-separated: budget_control, anti_corruption_education, legal_aid, public_monitoring, awareness.")
        var areas: String
        @Option(help: "Organisation the volunteer acts for (required for corporate, pro_bono, ngo).") var organisation: String?
        @Option(help: "Preferred language: kk, ru, uz, az or en (default: the state language of the national ID's country).")
        var language: String?
        @Option(help: "Version of the consent text the person signed; required.") var consent: String?
        @Option(help: "Date joined, yyyy-MM-dd (default today).") var joinedOn: String?

        func run() async throws {
            let form = VolunteerRegistrationForm(
                lastName: lastName, firstName: firstName, middleName: middleName, nationalID: nationalId,
                country: country, regionCode: region, officeCode: office, birthDate: birthDate, phone: phone,
                email: email, kind: kind, areas: [areas], organisation: organisation, language: language,
                consentVersion: consent, joinedOn: joinedOn)
            // Checked before the database is opened, so a typo answers at once.
            _ = try VolunteerRegistration.validate(form)
            let actor = common.actingUser
            let (volunteer, duplicates) = try await common.withContext { context in
                let volunteer = try await Volunteers(context).register(form, actor: actor)
                return (volunteer, try await Volunteers(context).possibleDuplicates(of: volunteer))
            }
            Output.print(volunteer, format: output.format) { VolunteersCommand.table([volunteer]) }
            // On standard error, so a JSON answer stays one document.
            for match in duplicates {
                FileHandle.standardError.write(Data("possible duplicate: \(match.kind) \(match.id) \(match.name) (\(match.reasons.joined(separator: ", ")))\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List volunteers, oldest first.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this region and the regions under it.") var region: String?
        @Option(help: "active, paused, withdrawn or suspended.") var status: String?
        @Option(help: "individual, student, corporate, pro_bono or ngo.") var kind: String?
        @Option(help: "Show the volunteers after this one (the last id or short ID of the previous page).") var after: String?
        @Option(help: "At most this many (1–1000).") var limit: Int = 100
        @Option(help: "Only those whose name (in any script) holds this, or with this national ID.") var search: String?

        func run() async throws {
            var errors = FieldErrorCollector()
            let status = self.status.flatMap { raw in errors.check { try VolunteerStatus.parse(raw, field: "status") } }
            let kind = self.kind.flatMap { raw in errors.check { try VolunteerKind.parse(raw, field: "kind") } }
            if !(1...1000).contains(limit) { errors.add("limit", "must be between 1 and 1000") }
            try errors.throwIfAny()
            let (region, limit, after, search) = (self.region, self.limit, self.after, self.search)
            let volunteers = try await common.withContext { context in
                let afterID = try await after.asyncMap { try uuid(await Lookups(context).id($0, in: .volunteers, field: "after"), field: "after") }
                return try await Volunteers(context).list(regionCode: region, status: status, kind: kind, after: afterID,
                                                          limit: limit, search: search)
            }
            Output.print(volunteers, format: output.format) { VolunteersCommand.table(volunteers) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one volunteer.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The volunteer's id.") var id: String

        func run() async throws {
            let id = self.id
            let (volunteer, duplicates) = try await common.withContext(resolving: id, in: .volunteers) { context, id in
                let volunteer = try await Volunteers(context).show(id: id)
                return (volunteer, try await Volunteers(context).possibleDuplicates(of: volunteer))
            }
            Output.print(volunteer, format: output.format) {
                Table(columns: ["field", "value"], rows: [
                    ["id", volunteer.id.uuidString.lowercased()], ["name", volunteer.fullName],
                    ["national id", [volunteer.nationalIDKind?.rawValue, volunteer.nationalID].compactMap { $0 }.joined(separator: " ")],
                    ["birth date", volunteer.birthDate?.description ?? ""], ["phone", volunteer.phone ?? ""],
                    ["email", volunteer.email ?? ""], ["language", volunteer.language.rawValue],
                    ["region", volunteer.regionCode], ["office", volunteer.officeCode ?? ""],
                    ["kind", volunteer.kind.rawValue], ["areas", volunteer.areas.map(\.rawValue).joined(separator: ", ")],
                    ["organisation", volunteer.organisation ?? ""], ["status", volunteer.status.rawValue],
                    ["joined", volunteer.joinedOn.description], ["hours", volunteer.hours],
                ] + duplicates.map { ["possible duplicate", "\($0.kind) \($0.id) \($0.name) (\($0.reasons.joined(separator: ", ")))"] })
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find volunteers by name in any script (Қалымбет = Kalymbet = Qalymbet).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "A name or part of one.") var query: String
        @Option(help: "At most this many.") var limit: Int = 50

        func run() async throws {
            let (query, limit) = (self.query, self.limit)
            let found = try await common.withContext { context in
                try await Volunteers(context).searchMatching(query, limit: limit)
            }
            let volunteers = found.map(\.volunteer)
            Output.print(volunteers, format: output.format) {
                // How each name matched: tokens of the query matched, and on what.
                var table = VolunteersCommand.table(volunteers)
                table.columns.append("matched")
                for (index, item) in found.enumerated() {
                    table.rows[index].append("\(item.match.tokensMatched)/\(item.match.tokens) \(item.match.by)")
                }
                return table
            }
        }
    }

    struct Conflicts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Registrations refused because another region's office keeps the person (registered_elsewhere), newest first.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "At most this many.") var limit: Int = 100

        func run() async throws {
            let limit = self.limit
            let conflicts = try await common.withContext { context in try await RegistrationConflicts(context).list(limit: limit) }
            Output.print(conflicts, format: output.format) {
                Table(columns: ["attempted", "by", "from", "name given", "region", "office", "kept in", "kept by", "person"],
                      rows: conflicts.map { conflict in
                          [ISO8601DateFormatter().string(from: conflict.attemptedAt), conflict.attemptedBy, conflict.source, conflict.fullName,
                           conflict.region, conflict.office ?? "", conflict.otherRegion, conflict.otherOffice ?? "",
                           ShortID.of(conflict.person)]
                      })
            }
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suspend an active or paused volunteer, with a reason.")
        @OptionGroup var change: StatusChangeOptions
        func run() async throws { try await change.perform(.suspend) }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a volunteer has left, with a reason.")
        @OptionGroup var change: StatusChangeOptions
        func run() async throws { try await change.perform(.withdraw) }
    }

    struct Reinstate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a suspended, paused or withdrawn volunteer active again, with a reason.")
        @OptionGroup var change: StatusChangeOptions
        func run() async throws { try await change.perform(.reinstate) }
    }
}

struct StatusChangeOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The volunteer: id, short ID or national ID.") var id: String
    @Option(help: "Why (kept in the audit log).") var reason: String

    func perform(_ change: VolunteerStatusChange) async throws {
        let (id, reason, actor) = (self.id, self.reason, common.actingUser)
        let volunteer = try await common.withContext(resolving: id, in: .volunteers) { context, id in
            try await Volunteers(context).changeStatus(id: id, change, reason: reason, actor: actor)
        }
        Output.print(volunteer, format: output.format) { VolunteersCommand.table([volunteer]) }
    }
}
