import AdalCore
import AdalDomain
import ArgumentParser
import Foundation

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Staff accounts: add, list, set passwords and roles, disable and enable, issue API tokens.",
        subcommands: [Add.self, List.self, Passwd.self, Role.self, Disable.self, Enable.self, Token.self, Bootstrap.self, Notify.self])

    static func table(_ users: [StaffUser]) -> Table {
        Table(columns: ["email", "name", "role", "scope", "office", "state"], rows: users.map {
            [$0.email, $0.name, $0.role.rawValue, $0.allRegions ? "all regions" : ($0.regionCode ?? ""), $0.officeCode ?? "",
             $0.disabled ? "disabled" : "active"]
        })
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff accounts.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only those whose e-mail or name holds this.") var search: String?
        @Option(help: "Only this role: registrar, coordinator, admin or auditor.") var role: String?
        @Option(help: "Show the accounts after this e-mail (the last of the previous page).") var after: String?
        @Option(help: "At most this many (1–1000).") var limit: Int = 100

        func run() async throws {
            var errors = FieldErrorCollector()
            let role = self.role.flatMap { raw in errors.check { try StaffRole.parse(raw, field: "role") } }
            if !(1...1000).contains(limit) { errors.add("limit", "must be between 1 and 1000") }
            try errors.throwIfAny()
            let all = try await common.withContext { context in try await StaffAccounts(context).list() }
            let needle = search?.lowercased()
            let users = all.sorted { $0.email < $1.email }.filter { user in
                (role == nil || user.role == role)
                    && (needle == nil || user.email.lowercased().contains(needle!) || user.name.lowercased().contains(needle!))
                    && (after == nil || user.email > after!.lowercased())
            }.prefix(limit)
            Output.print(Array(users), format: output.format) { UsersCommand.table(Array(users)) }
        }
    }

    struct Role: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an account another role, and optionally another scope (its office, region or every region stays otherwise).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var email: String
        @Argument(help: "registrar, coordinator, admin or auditor.") var role: String
        @Option(help: "The office the user works in.") var office: String?
        @Option(help: "The region whose subtree the user sees.") var region: String?
        @Flag(help: "Sees every region.") var allRegions = false

        func run() async throws {
            let role = try StaffRole.parse(self.role, field: "role")
            let (email, office, region, all, actor) = (self.email, self.office, self.region, allRegions, common.actingUser)
            let user = try await common.withContext { context in
                let accounts = StaffAccounts(context)
                var scope = (office: office, region: region, all: all)
                if office == nil && region == nil && !all {
                    guard let current = try await accounts.list().first(where: { $0.email == email.lowercased() }) else {
                        throw ValidationFailure([FieldError("email", "no staff account has the e-mail '\(email)'")])
                    }
                    scope = current.officeCode != nil ? (current.officeCode, nil, false)
                        : current.allRegions ? (nil, nil, true) : (nil, current.regionCode, false)
                }
                return try await accounts.change(email: email, role: role, officeCode: scope.office, regionCode: scope.region,
                                                 allRegions: scope.all, actor: actor)
            }
            Output.print(user, format: output.format) { UsersCommand.table([user]) }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let a disabled account sign in again (its old sessions stay revoked).")
        @OptionGroup var common: CommonOptions
        @Argument var email: String

        func run() async throws {
            let (email, actor) = (self.email, common.actingUser)
            try await common.withContext { context in try await StaffAccounts(context).enable(email: email, actor: actor) }
            print("enabled \(email)")
        }
    }

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
