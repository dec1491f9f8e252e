import AdalCore
import AdalDomain
import ArgumentParser
import Foundation

struct RegionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "regions", abstract: "The region tree.",
                                                    subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List regions as a tree, with their time zones and older codes.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this country: KZ, UZ or AZ.") var country: String?
        @Option(help: "Names in kk, ru, uz, az or en.") var lang: String = "en"

        func run() async throws {
            let country = try self.country.map { try Country.parse($0, field: "country") }
            let language = try Language.parse(lang, field: "lang")
            let regions = try await common.withContext { context in try await Directory(context).regions(country: country) }
            let depth: [RegionLevel: Int] = [.country: 0, .region: 1, .district: 2, .ruralDistrict: 3]
            Output.print(regions, format: output.format) {
                Table(columns: ["code", "name", "level", "time zone", "aliases"], rows: regions.map {
                    [$0.code, String(repeating: "  ", count: depth[$0.level] ?? 0) + $0.name(in: language),
                     $0.level.rawValue, $0.timeZone, $0.aliases.joined(separator: " ")]
                })
            }
        }
    }
}

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Hearings, seminars, round tables, meetings.",
                                                    subcommands: [List.self, Show.self, Add.self, Update.self, Postpone.self, Cancel.self, Invite.self, Hold.self, ICS.self, IssueCertificates.self, Agenda.self, Decide.self, AttendanceSheet.self, AssignVolunteer.self, Respond.self, Attendance.self, ReminderHours.self, MinutesCommand.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List events, latest first.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this region and the regions under it.") var region: String?
        @Option(help: "At most this many (1–1000).") var limit: Int = 100
        @Option(help: "Only those whose title holds this, or with this seed reference.") var search: String?
        @Option(help: "Show the events after this one (the last id or short ID of the previous page).") var after: String?

        func run() async throws {
            guard (1...1000).contains(limit) else { throw ValidationFailure([FieldError("limit", "must be between 1 and 1000")]) }
            let (region, limit, search, after) = (self.region, self.limit, self.search, self.after)
            let events = try await common.withContext { context in
                let afterID = try await after.asyncMap { try uuid(await Lookups(context).id($0, in: .events, field: "after"), field: "after") }
                return try await Directory(context).events(regionCode: region, limit: limit, after: afterID, search: search)
            }
            Output.print(events, format: output.format) {
                Table(columns: ["id", "starts (local)", "region", "kind", "format", "status", "title"], rows: events.map {
                    [ShortID.of($0.id), Output.when($0), $0.regionCode,
                     $0.kind.rawValue, $0.format.rawValue, $0.status.rawValue, $0.title]
                })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one event with its participants.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The event's id or seed reference.") var id: String

        func run() async throws {
            let id = self.id
            let event = try await common.withContext(resolving: id, in: .events) { context, id in try await Directory(context).event(id) }
            Output.print(event, format: output.format) {
                var rows: [[String]] = [
                    ["id", "\(ShortID.of(event.id)) (\(event.id.uuidString.lowercased()))"], ["title", event.title], ["kind", event.kind.rawValue], ["format", event.format.rawValue],
                    ["status", event.status.rawValue], ["region", event.regionCode], ["office", event.officeCode ?? ""],
                    ["starts", Output.when(event) + " " + event.timeZone],
                    ["venue", event.venue ?? ""], ["link", event.link ?? ""], ["topic", event.topic ?? ""],
                    ["plan items", event.planItems.joined(separator: ", ")], ["partners", event.partners.joined(separator: "; ")],
                ]
                rows += event.participants.map {
                    ["participant", "\(ShortID.of($0.personID))  \($0.fullName) — \($0.role.rawValue)"
                        + ($0.position.map { ", \($0)" } ?? "") + ($0.attendance.map { " (\($0.rawValue))" } ?? "")]
                }
                return Table(columns: ["field", "value"], rows: rows)
            }
        }
    }
}

struct CouncilsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "councils", abstract: "Anti-corruption councils and commissions.",
                                                    subcommands: [List.self, Show.self, AddMember.self, EndTerm.self, SetQuorum.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List councils.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this region and the regions under it.") var region: String?
        @Option(help: "Names in kk, ru, uz, az or en.") var lang: String = "en"

        func run() async throws {
            let region = self.region
            let language = try Language.parse(lang, field: "lang")
            let councils = try await common.withContext { context in try await Directory(context).councils(regionCode: region) }
            Output.print(councils, format: output.format) {
                Table(columns: ["code", "region", "kind", "name"], rows: councils.map {
                    [$0.code, $0.regionCode, $0.kind.rawValue, $0.names[language.rawValue] ?? $0.names["en"] ?? ""]
                })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one council with its members.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The council's code.") var code: String

        func run() async throws {
            let code = self.code
            let council = try await common.withContext { context in try await Directory(context).council(code) }
            Output.print(council, format: output.format) {
                Table(columns: ["person", "name", "role", "position", "term from", "term to"], rows: council.members.map {
                    [$0.personID.map(ShortID.of) ?? "", $0.fullName, $0.role.rawValue, $0.position ?? "", $0.termFrom?.description ?? "",
                     $0.termTo?.description ?? ""]
                })
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit log's keyed chain and its checkpoints.",
                                                    subcommands: [Verify.self, Seal.self, Checkpoint.self, Digest.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-compute the chain under the audit key; exit 1 naming the first place that does not match.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "A signed checkpoint (adal audit checkpoint): the chain must still reach it and agree with its head.")
        var checkpoint: String?

        func run() async throws {
            let checkpoint = try self.checkpoint.map(AuditTrail.readCheckpoint)
            let report = try await common.withContext { context in try await AuditTrail(context).verify(checkpoint: checkpoint) }
            Output.print(report, format: output.format) {
                Table(columns: ["verdict", "links checked", "unsealed", "checkpoint links", "broken at", "broken entry", "reason"], rows: [[
                    report.verdict, "\(report.linksChecked)", "\(report.unsealedEntries)", report.checkpointLinks.map(String.init) ?? "",
                    report.brokenAtPosition.map(String.init) ?? "", report.brokenEntryID.map(String.init) ?? "", report.reason ?? "",
                ]])
            }
            if let position = report.brokenAtPosition {
                let place = report.brokenEntryID.map { "audit entry \($0) (chain position \(position))" } ?? "chain position \(position)"
                FileHandle.standardError.write(Data("adal: \(place) does not match: \(report.reason ?? "")\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct Seal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Chain every audit entry not chained yet, under the audit key.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let sealed = try await common.withContext { context in try await AuditTrail(context).seal() }
            print("sealed \(sealed) audit entr\(sealed == 1 ? "y" : "ies")")
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal, then write a checkpoint of the chain signed with the audit key, to keep outside the database.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The folder to write it to (default ADAL_AUDIT_CHECKPOINT_DIR).") var dir: String?

        func run() async throws {
            let dir = self.dir
            let (path, checkpoint) = try await common.withContext { context in try await AuditTrail(context).checkpoint(to: dir) }
            print("checkpoint of \(checkpoint.links) links written to \(path)")
        }
    }

    struct Digest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The digest audit entries keep in place of a personal value (national ID, phone, e-mail, address, birth date), to find it in the log.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The value as stored (a phone as +77015550101, an e-mail in lower case).") var value: String

        func run() async throws {
            let value = self.value
            print(try await common.withContext { context in try await AuditTrail(context).digest(value) })
        }
    }
}

