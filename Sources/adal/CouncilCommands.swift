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

        func validate() throws {
            guard (person == nil) != (name == nil) else { throw ValidationError("give either --person or --name") }
        }

        func run() async throws {
            let (code, person, name, position, role, from, to, actor) =
                (self.code, self.person, self.name, self.position, self.role, self.termFrom, self.termTo, common.actingUser)
            let council = try await common.withContext { context in
                var reference = PersonReference.new(NewPersonForm(name: name ?? "", position: position))
                if let person { reference = .known(try await Lookups(context).id(person, in: .people, field: "person")) }
                return try await Meetings(context).addMember(councilCode: code, person: reference, role: role, position: position,
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
