import AdalCore
import AdalDomain
import AdalIntake
import ArgumentParser
import Foundation

extension CouncilsCommand {
    struct AddMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member to a council: a known person, or a new one by name.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var code: String
        @Option(help: "A known person: id, short ID or national ID.") var person: String?
        @Option(help: "Or a new person's full name.") var name: String?
        @Option var position: String?
        @Option(help: "chair, deputy_chair, secretary or member.") var role: String = "member"
        @Option(help: "Serves from, yyyy-MM-dd.") var termFrom: String?
        @Option(help: "Serves until, yyyy-MM-dd.") var termTo: String?
        @Option(help: "A new person's e-mail address.") var email: String?
        @Option(help: "A new person's phone.") var phone: String?
        @Flag(help: "The office reaches this member itself (no e-mail or phone of theirs is kept).") var reachedByOffice = false

        func validate() throws {
            guard (person == nil) != (name == nil) else { throw ValidationError("give either --person or --name") }
        }

        func run() async throws {
            let (code, person, name, position, role, from, to, actor) =
                (self.code, self.person, self.name, self.position, self.role, self.termFrom, self.termTo, common.actingUser)
            let (email, phone, reachedByOffice) = (self.email, self.phone, self.reachedByOffice)
            let council = try await common.withContext { context in
                var reference = PersonReference.new(NewPersonForm(name: name ?? "", position: position, phone: phone, email: email))
                if let person { reference = .known(try await Lookups(context).id(person, in: .people, field: "person")) }
                return try await Meetings(context).addMember(councilCode: code, person: reference, role: role, position: position,
                                                      termFrom: from, termTo: to, reachedByOffice: reachedByOffice, actor: actor)
            }
            Output.print(council, format: output.format) {
                Table(columns: ["member", "role", "position"], rows: council.members.map {
                    [$0.fullName, $0.role.rawValue, $0.position ?? ""]
                })
            }
        }
    }
}

extension CouncilsCommand {
    struct EndTerm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "end-term", abstract: "End a member's term (their last day; default today).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var code: String
        @Option(help: "The member: id, short ID or national ID.") var person: String
        @Option(name: .customLong("on"), help: "Their last day, yyyy-MM-dd.") var lastDay: String?

        func run() async throws {
            let (code, person, lastDay, actor) = (self.code, self.person, self.lastDay, common.actingUser)
            let council = try await common.withContext(resolving: person, in: .people, field: "person") { context, person in
                try await Meetings(context).endTerm(councilCode: code, personID: person, lastDay: lastDay, actor: actor)
            }
            Output.print(council, format: output.format) {
                Table(columns: ["person", "member", "role", "term from", "term to"], rows: council.members.map {
                    [$0.personID.map(ShortID.of) ?? "", $0.fullName, $0.role.rawValue, $0.termFrom?.description ?? "",
                     $0.termTo?.description ?? ""]
                })
            }
        }
    }

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
