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
            // The same reading and checks every command makes at start, then each component's own.
            let (configuration, malformed) = AdalConfiguration.read(resolved.environment)
            let roles: Set<Role> = role == .all ? [.api, .worker, .migrate] : [role]
            var problems = resolved.problems
            var rows: [Row] = []
            for setting in Setting.all where !roles.isDisjoint(with: setting.roles) {
                let value = environment[setting.name]
                if let value {
                    if let problem = malformed.first(where: { $0.field == setting.name }) {
                        problems.append(problem)
                    } else if let reason = await setting.problem(value, configuration) {
                        problems.append(FieldError(setting.name, reason))
                    }
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
    /// The check of the component that uses the setting, beyond what reading the configuration checks.
    let check: @Sendable (String, AdalConfiguration) async throws -> Void

    func problem(_ value: String, _ configuration: AdalConfiguration) async -> String? {
        do {
            try await check(value, configuration)
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

    /// A setting whose reading (`AdalConfiguration.read`) is its whole check.
    static func plain(_ name: String, roles: Set<ConfigCommand.Check.Role>, shown: Shown = .plain, _ defaultText: String,
                      _ meaning: String) -> Setting {
        Setting(name: name, roles: roles, requiredFor: [], shown: shown, defaultText: defaultText, meaning: meaning) { _, _ in }
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
        plain("DATABASE_URL", roles: [.api, .worker, .migrate], shown: .url, "the embedded development database",
              "the PostgreSQL server and database, as their owner").required(for: [.worker, .migrate]),
        plain("ADAL_API_DATABASE_URL", roles: [.api, .migrate], shown: .url, "DATABASE_URL as adal_api, no password",
              "how adal serve connects, as adal_api"),
        plain("ADAL_REPORTS_DATABASE_URL", roles: [.api], shown: .url, "the database itself",
              "where reports read: a read-only replica, as adal_api"),
        plain("ADAL_HOME", roles: [.api, .worker, .migrate], ".adal in the working directory", "where the embedded cluster lives"),
        plain("ADAL_PG_BIN", roles: [.api, .worker, .migrate], "the newest /usr/lib/postgresql/*/bin",
              "PostgreSQL's programs for the embedded cluster and backups"),
        plain("ADAL_ACTOR", roles: [.migrate], "cli:<login>", "who the audit log names for CLI writes"),
        plain("ADAL_HTTP_HOST", roles: [.api], "127.0.0.1", "where adal serve listens"),
        plain("ADAL_HTTP_PORT", roles: [.api], "8080", "the port adal serve listens on"),
        plain("ADAL_UPLOAD_LIMIT", roles: [.api], "20971520", "the largest eOtinish upload, in bytes"),
        plain("ADAL_PUBLIC_RATE", roles: [.api], "10", "public applications per hour per address"),
        plain("ADAL_CERTIFICATE_CHECKS", roles: [.api], "60", "certificate checks per hour per address"),
        plain("ADAL_ACCESS_LOG", roles: [.api], "on", "one JSON line per request"),
        plain("ADAL_BCRYPT_COST", roles: [.api, .migrate], "12", "bcrypt cost for staff passwords, 4 to 31"),
        Setting(name: "ADAL_SMTP_URL", roles: [.worker], requiredFor: [.worker], shown: .url, defaultText: "none",
                meaning: "the mail server reminders go to: smtp://[user:password@]host[:port] or smtps://…") { value, _ in
            _ = try SMTPConfiguration(url: value, from: "adal@localhost")
        },
        Setting(name: "ADAL_SMTP_CA_FILE", roles: [.worker], requiredFor: [], shown: .plain, defaultText: "the system's roots",
                meaning: "the CA the mail server's certificate chains to") { value, _ in
            guard FileManager.default.isReadableFile(atPath: value) else { throw FieldError("ADAL_SMTP_CA_FILE", "cannot read \(value)") }
        },
        plain("ADAL_MAIL_FROM", roles: [.worker], "adal@localhost", "the sender of reminders"),
        plain("ADAL_MAIL_FROM_NAME", roles: [.worker], "the office's name", "the sender's name"),
        Setting(name: "ADAL_WEBHOOK_URL", roles: [.worker], requiredFor: [], shown: .address, defaultText: "none",
                meaning: "where notifications for people without e-mail go") { value, configuration in
            _ = try WebhookConfiguration(url: value, secret: configuration.mail.webhookSecret)
        },
        plain("ADAL_WEBHOOK_SECRET", roles: [.worker], shown: .secret, "none", "the webhook signature's secret"),
        directory("ADAL_TEMPLATES_DIR", roles: [.worker], "Adal's own wording", "templates that replace Adal's") { value in
            _ = try await ReminderTemplates(overrides: value)
        },
        plain("ADAL_WORKER_LEASE", roles: [.worker], "60", "seconds a claimed job is held, 1 to 3600"),
        plain("ADAL_NIO_EXECUTOR", roles: [.worker], "1", "0 runs the worker's tasks on Swift's own pool"),
        directory("ADAL_MIGRATIONS_DIR", roles: [.migrate, .api, .worker], "Database/migrations next to the binary",
                  "the schema's migrations") { value in
            _ = try Migrator(directory: value)
        },
        directory("ADAL_SEEDS_DIR", roles: [.migrate], "seeds next to the binary", "reference data"),
    ]

    func required(for roles: Set<ConfigCommand.Check.Role>) -> Setting {
        Setting(name: name, roles: self.roles, requiredFor: roles, shown: shown, defaultText: defaultText, meaning: meaning,
                check: check)
    }
}
