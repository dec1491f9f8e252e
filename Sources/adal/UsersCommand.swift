import AdalCore
import AdalDomain
import ArgumentParser
import Foundation

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Staff accounts: add, set passwords, disable, issue API tokens.",
        subcommands: [Add.self, Passwd.self, Disable.self, Token.self, Bootstrap.self, Notify.self])

    struct Bootstrap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the first admin account when there is none; its password is printed once.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let actor = common.actingUser
            let created = try await common.withContext { context in try await StaffAccounts(context).bootstrapAdmin(actor: actor) }
            if let created {
                print("admin account \(created.email) created; password (shown once): \(created.password)")
            } else {
                print("staff accounts exist; no admin created")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a staff account; its first password is printed once.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option var email: String
        @Option var name: String
        @Option(help: "registrar, coordinator, admin or auditor.") var role: String
        @Option(help: "The office the user works in (their scope is its region).") var office: String?
        @Option(help: "The region whose subtree the user sees.") var region: String?
        @Flag(help: "Sees every region.") var allRegions = false

        func run() async throws {
            let role = try StaffRole.parse(self.role, field: "role")
            let (email, name, office, region, all, actor) = (self.email, self.name, self.office, self.region, allRegions, common.actingUser)
            let (user, password) = try await common.withContext { context in
                try await StaffAccounts(context).add(email: email, name: name, role: role, officeCode: office,
                                                     regionCode: region, allRegions: all, actor: actor)
            }
            Output.print(user, format: output.format) {
                Table(columns: ["email", "role", "scope"],
                      rows: [[user.email, user.role.rawValue, user.allRegions ? "all regions" : (user.regionCode ?? "")]])
            }
            FileHandle.standardError.write(Data("password (shown once): \(password)\n".utf8))
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a password: read from standard input with --password-stdin, else generated and printed once.")
        @OptionGroup var common: CommonOptions
        @Argument var email: String
        @Flag(help: "Read the new password from the first line of standard input.") var passwordStdin = false

        func run() async throws {
            let given = passwordStdin ? readLine(strippingNewline: true) : nil
            if passwordStdin && given == nil { throw ValidationFailure([FieldError("password", "standard input is empty")]) }
            let (email, actor) = (self.email, common.actingUser)
            let password = try await common.withContext { context in
                try await StaffAccounts(context).setPassword(email: email, to: given, actor: actor)
            }
            if given == nil { print("password (shown once): \(password)") } else { print("password changed") }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and revoke its sessions and tokens.")
        @OptionGroup var common: CommonOptions
        @Argument var email: String

        func run() async throws {
            let (email, actor) = (self.email, common.actingUser)
            try await common.withContext { context in try await StaffAccounts(context).disable(email: email, actor: actor) }
            print("disabled \(email)")
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a long-lived API token for an integration; shown once.")
        @OptionGroup var common: CommonOptions
        @Argument var email: String
        @Option(help: "What the token is for.") var label: String?

        func run() async throws {
            let (email, label, actor) = (self.email, self.label, common.actingUser)
            let token = try await common.withContext { context in
                try await StaffAccounts(context).issueAPIToken(email: email, label: label, actor: actor)
            }
            print(token)
        }
    }
}

extension UsersCommand {
    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How a staff member is reminded: their language, and the office they head (told of its overdue applications).")
        @OptionGroup var common: CommonOptions
        @Argument var email: String
        @Option(help: "kk, ru, uz, az or en; 'default' for their office's language.") var language: String?
        @Option(help: "The code of the office they head.") var headOf: String?

        func run() async throws {
            let (email, language, headOf, actor) = (self.email, self.language, self.headOf, common.actingUser)
            guard language != nil || headOf != nil else {
                throw ValidationFailure([FieldError("language", "give --language or --head-of")])
            }
            try await common.withContext { context in
                try await StaffAccounts(context).setNotifications(email: email, language: language, headOf: headOf, actor: actor)
            }
            print("\(email): notification settings saved")
        }
    }
}
