import AdalAPI
import AdalCore
import AdalDomain
import AdalJobs
import AdalStore
import ArgumentParser
import Foundation

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "The configuration: check what the environment gives.",
        subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration, secrets masked; exit 1 naming every missing or malformed setting.",
            discussion: """
                Checks what the given roles need (default: all of them): api (adal serve), worker (adal worker),
                migrate (adal db migrate and seed, backups). Secrets may come from NAME_FILE; the file is named.
                """)

        enum Role: String, ExpressibleByArgument, CaseIterable {
            case all, api, worker, migrate
        }

        @Option(help: "all, api, worker or migrate.") var role: Role = .all
        @OptionGroup var output: FormatOption

        struct Row: Encodable {
            let setting: String
            let value: String
            let from: String
        }

        func run() async throws {
            let resolved = SecretFiles.process
            let environment = resolved.environment.filter { !$0.value.isEmpty }
            let roles: Set<Role> = role == .all ? [.api, .worker, .migrate] : [role]
            var problems = resolved.problems
            var rows: [Row] = []
            for setting in Setting.all where !roles.isDisjoint(with: setting.roles) {
                let value = environment[setting.name]
                if let value {
                    if let reason = await setting.problem(value, environment) { problems.append(FieldError(setting.name, reason)) }
                } else if !roles.isDisjoint(with: setting.requiredFor) {
                    problems.append(FieldError(setting.name, "is not set: \(setting.meaning)"))
                }
                rows.append(Row(setting: setting.name, value: value.map { setting.shown($0) } ?? "(\(setting.defaultText))",
                                from: value == nil ? "default" : resolved.files[setting.name].map { "file \($0)" } ?? "environment"))
            }
            // The API connects as adal_api only: its own URL, or the owner's with adal_api put in.
            if roles.contains(.api) && environment["ADAL_API_DATABASE_URL"] == nil && environment["DATABASE_URL"] == nil {
                problems.append(FieldError("ADAL_API_DATABASE_URL", "is not set, nor is DATABASE_URL: adal serve has no database"))
            }
            for (setting, relative) in [("ADAL_MIGRATIONS_DIR", "Database/migrations"), ("ADAL_SEEDS_DIR", "seeds")]
            where environment[setting] == nil && rows.contains(where: { $0.setting == setting }) && ResourceLocator.find(relative) == nil {
                problems.append(FieldError(setting, "is not set, and no \(relative) folder is next to the binary or the working directory"))
            }
            Output.print(rows, format: output.format) {
                Table(columns: ["setting", "value", "from"], rows: rows.map { [$0.setting, $0.value, $0.from] })
            }
            guard problems.isEmpty else {
                for problem in problems { FileHandle.standardError.write(Data("adal: config: \(problem)\n".utf8)) }
                throw ExitCode(1)
            }
        }
    }
}

/// One setting as `adal config check` knows it: who reads it, whether it must be given, how it is
/// shown, and the check the component that reads it makes.
struct Setting: Sendable {
    enum Shown: Sendable { case plain, url, secret, address }

    let name: String
    let roles: Set<ConfigCommand.Check.Role>
    /// The roles that cannot do without it.
    let requiredFor: Set<ConfigCommand.Check.Role>
    let shown: Shown
    let defaultText: String
    let meaning: String
    let check: @Sendable (String, [String: String]) async throws -> Void

    func problem(_ value: String, _ environment: [String: String]) async -> String? {
        do {
            try await check(value, environment)
            return nil
        } catch let failure as ValidationFailure {
            return failure.errors.map(\.reason).joined(separator: "; ")
        } catch let error as FieldError {
            return error.reason
        } catch let error as AdalError {
            // The component's message names the setting already; keep only its reason.
            let text = "\(error)"
            return text.hasPrefix(name + ": ") ? String(text.dropFirst(name.count + 2)) : text
        } catch {
            return "\(error)"
        }
    }

    /// The value as it may be printed: no password, secret or token.
    func shown(_ value: String) -> String {
        switch shown {
        case .plain: return value
        case .secret: return "**** (\(value.count) characters)"
        case .url:
            guard var parts = URLComponents(string: value) else { return "****" }
            if parts.password != nil { parts.password = "****" }
            return parts.string ?? "****"
        case .address:
            guard let parts = URLComponents(string: value), let scheme = parts.scheme, let host = parts.host else { return "****" }
            return "\(scheme)://\(host)/****"
        }
    }

    static func apiSetting(_ name: String, _ defaultText: String, _ meaning: String) -> Setting {
        Setting(name: name, roles: [.api], requiredFor: [], shown: .plain, defaultText: defaultText, meaning: meaning) { value, _ in
            _ = try APIConfiguration.fromEnvironment([name: value])
        }
    }

    static func directory(_ name: String, roles: Set<ConfigCommand.Check.Role>, _ defaultText: String, _ meaning: String,
                          _ extra: @escaping @Sendable (String) async throws -> Void = { _ in }) -> Setting {
        Setting(name: name, roles: roles, requiredFor: [], shown: .plain, defaultText: defaultText, meaning: meaning) { value, _ in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw FieldError(name, "\(value) is not a folder")
            }
            try await extra(value)
        }
    }

    static let all: [Setting] = [
        Setting(name: "DATABASE_URL", roles: [.api, .worker, .migrate], requiredFor: [.worker, .migrate], shown: .url,
                defaultText: "the embedded development database", meaning: "the PostgreSQL server and database, as their owner") { value, _ in
            _ = try DatabaseTarget(url: value)
        },
        Setting(name: "ADAL_API_DATABASE_URL", roles: [.api, .migrate], requiredFor: [], shown: .url,
                defaultText: "DATABASE_URL as adal_api, no password", meaning: "how adal serve connects, as adal_api") { value, _ in
            _ = try DatabaseTarget(url: value)
        },
        Setting(name: "ADAL_REPORTS_DATABASE_URL", roles: [.api], requiredFor: [], shown: .url,
                defaultText: "the database itself", meaning: "where reports read: a read-only replica, as adal_api") { value, _ in
            _ = try DatabaseTarget(url: value)
        },
        apiSetting("ADAL_HTTP_HOST", "127.0.0.1", "where adal serve listens"),
        apiSetting("ADAL_HTTP_PORT", "8080", "the port adal serve listens on"),
        apiSetting("ADAL_UPLOAD_LIMIT", "20971520", "the largest eOtinish upload, in bytes"),
        apiSetting("ADAL_PUBLIC_RATE", "10", "public applications per hour per address"),
        apiSetting("ADAL_CERTIFICATE_CHECKS", "60", "certificate checks per hour per address"),
        apiSetting("ADAL_ACCESS_LOG", "on", "one JSON line per request"),
        Setting(name: "ADAL_BCRYPT_COST", roles: [.api], requiredFor: [], shown: .plain, defaultText: "12",
                meaning: "bcrypt cost for staff passwords") { value, _ in
            guard let cost = Int(value), (4...31).contains(cost) else { throw FieldError("ADAL_BCRYPT_COST", "'\(value)' is not a whole number from 4 to 31") }
        },
        Setting(name: "ADAL_SMTP_URL", roles: [.worker], requiredFor: [.worker], shown: .url, defaultText: "none",
                meaning: "the mail server reminders go to: smtp://[user:password@]host[:port] or smtps://…") { value, _ in
            _ = try SMTPConfiguration(url: value, from: "adal@localhost")
        },
        Setting(name: "ADAL_SMTP_CA_FILE", roles: [.worker], requiredFor: [], shown: .plain, defaultText: "the system's roots",
                meaning: "the CA the mail server's certificate chains to") { value, _ in
            guard FileManager.default.isReadableFile(atPath: value) else { throw FieldError("ADAL_SMTP_CA_FILE", "cannot read \(value)") }
        },
        Setting(name: "ADAL_MAIL_FROM", roles: [.worker], requiredFor: [], shown: .plain, defaultText: "adal@localhost",
                meaning: "the sender of reminders") { value, _ in
            _ = try ContactDetails.email(value, field: "ADAL_MAIL_FROM")
        },
        Setting(name: "ADAL_MAIL_FROM_NAME", roles: [.worker], requiredFor: [], shown: .plain, defaultText: "the office's name",
                meaning: "the sender's name") { _, _ in },
        Setting(name: "ADAL_WEBHOOK_URL", roles: [.worker], requiredFor: [], shown: .address, defaultText: "none",
                meaning: "where notifications for people without e-mail go") { value, environment in
            _ = try WebhookConfiguration(url: value, secret: environment["ADAL_WEBHOOK_SECRET"])
        },
        Setting(name: "ADAL_WEBHOOK_SECRET", roles: [.worker], requiredFor: [], shown: .secret, defaultText: "none",
                meaning: "the webhook signature's secret") { _, environment in
            guard environment["ADAL_WEBHOOK_URL"] != nil else {
                throw FieldError("ADAL_WEBHOOK_SECRET", "is set, but ADAL_WEBHOOK_URL is not")
            }
        },
        directory("ADAL_TEMPLATES_DIR", roles: [.worker], "Adal's own wording", "templates that replace Adal's") { value in
            _ = try await ReminderTemplates(overrides: value)
        },
        Setting(name: "ADAL_WORKER_LEASE", roles: [.worker], requiredFor: [], shown: .plain, defaultText: "60",
                meaning: "seconds a claimed job is held") { value, _ in
            _ = try await WorkerCommand.settings(batch: 1, environment: ["ADAL_SMTP_URL": "smtp://localhost", "ADAL_WORKER_LEASE": value])
        },
        directory("ADAL_MIGRATIONS_DIR", roles: [.migrate, .api, .worker], "Database/migrations next to the binary",
                  "the schema's migrations") { value in
            _ = try Migrator(directory: value)
        },
        directory("ADAL_SEEDS_DIR", roles: [.migrate], "seeds next to the binary", "reference data"),
    ]
}
