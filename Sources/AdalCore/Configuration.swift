import AdalDomain
import AdalStore
import Foundation

/// Everything Adal reads from the environment, read and checked once at start (`load`), with
/// defaults that work on a developer's machine. Every target takes it, or the part it needs, as a
/// value; none reads the environment itself.
public struct AdalConfiguration: Sendable {
    /// `DATABASE_URL`; nil means the embedded cluster under `home`.
    public var databaseURL: String?
    /// `ADAL_API_DATABASE_URL`: how `adal serve` connects, as the `adal_api` role row-level security
    /// binds. Nil means the same server and database as `databaseURL` (or the embedded cluster), as
    /// `adal_api` without a password (enough for the embedded cluster's local socket).
    public var apiDatabaseURL: String?
    /// `ADAL_REPORTS_DATABASE_URL`: where reports read, a read-only replica (as `adal_api`, whom
    /// row-level security binds; the CLI's reports see every region). Nil: the database itself.
    public var reportsDatabaseURL: String?
    /// `ADAL_HOME`, default `.adal` in the working directory.
    public var home: String
    /// `ADAL_ACTOR`: who the audit log names for CLI writes, unless `--as` says otherwise.
    public var actor: String?
    /// `USER`: the login the CLI's actor is named after (`cli:<login>`) when `ADAL_ACTOR` is not set.
    public var login: String?
    /// `ADAL_MIGRATIONS_DIR`, default `Database/migrations` found next to the working directory or the binary.
    public var migrationsDirectory: String?
    /// `ADAL_SEEDS_DIR`, default `seeds` found the same way.
    public var seedsDirectory: String?
    /// `ADAL_PG_BIN`: PostgreSQL's programs; nil: the newest packaged ones.
    public var postgresBinaries: String?
    /// `ADAL_BCRYPT_COST`: bcrypt's cost for staff passwords, 4 to 31.
    public var bcryptCost = AdalConfiguration.defaultBcryptCost
    /// How long the API waits for one statement, or for a connection (`ADAL_DB_TIMEOUT`); past it
    /// the request answers 503 with Retry-After.
    public var databaseTimeout: Duration = .seconds(5)
    /// `ADAL_AUDIT_KEY_FILE`: the audit chain's key, outside the database; default `audit.key` in `home`.
    public var auditKeyFile: String
    /// `ADAL_AUDIT_CHECKPOINT_DIR`: where signed checkpoints of the chain are written; default
    /// `audit-checkpoints` in `home`.
    public var auditCheckpointDirectory: String
    public var http = HTTP()
    public var mail = Mail()

    public static let defaultBcryptCost = 12

    /// How `adal serve` listens and what it accepts.
    public struct HTTP: Sendable {
        /// `ADAL_HTTP_HOST`, `ADAL_HTTP_PORT`.
        public var host = "127.0.0.1"
        public var port = 8080
        /// `ADAL_UPLOAD_LIMIT`: the largest eOtinish file upload, in bytes (default 20 MB).
        public var uploadLimit = 20 << 20
        /// `ADAL_PUBLIC_RATE`: applications per hour the public form takes from one client address.
        public var publicApplicationsPerHour = 10
        /// `ADAL_CERTIFICATE_CHECKS`: certificate checks per hour the public endpoint takes from one address.
        public var publicCertificateChecksPerHour = 60
        /// `ADAL_ACCESS_LOG`: one JSON line per request on standard output (`off` to silence).
        public var accessLog = true
        /// `ADAL_TRUSTED_PROXIES`: the proxies whose `X-Forwarded-For`/`-Proto` are believed; none by default.
        public var trustedProxies = TrustedProxies.none

        public init() {}
    }

    /// What the worker sends with and how it holds its jobs.
    public struct Mail: Sendable {
        /// `ADAL_SMTP_URL`: nil, and the worker refuses to start.
        public var smtpURL: String?
        /// `ADAL_SMTP_CA_FILE`: nil, the system's roots.
        public var smtpCAFile: String?
        /// `ADAL_MAIL_FROM`, `ADAL_MAIL_FROM_NAME` (nil: the office's name).
        public var from = "adal@localhost"
        public var fromName: String?
        /// `ADAL_WEBHOOK_URL`, `ADAL_WEBHOOK_SECRET`: nil, people without e-mail are skipped.
        public var webhookURL: String?
        public var webhookSecret: String?
        /// `ADAL_TEMPLATES_DIR`: nil, Adal's own wording.
        public var templatesDirectory: String?
        /// `ADAL_WORKER_LEASE`: seconds a claimed job stays a worker's without a heartbeat, 1 to 3600.
        public var lease: Double = 60
        /// `ADAL_NIO_EXECUTOR`: `0` runs the worker's tasks on Swift's own pool instead of NIO's event loops.
        public var nioExecutor = true

        public init() {}
    }

    public init(databaseURL: String? = nil, apiDatabaseURL: String? = nil, home: String, actor: String? = nil,
                migrationsDirectory: String? = nil, seedsDirectory: String? = nil) {
        self.databaseURL = databaseURL
        self.apiDatabaseURL = apiDatabaseURL
        self.home = home
        self.actor = actor
        self.migrationsDirectory = migrationsDirectory
        self.seedsDirectory = seedsDirectory
        auditKeyFile = home + "/audit.key"
        auditCheckpointDirectory = home + "/audit-checkpoints"
    }

    /// The configuration the environment gives (secrets given as `NAME_FILE` read in), or a refusal
    /// naming every setting that is malformed, at once.
    public static func load(_ environment: [String: String] = SecretFiles.process.environment) throws -> AdalConfiguration {
        let (configuration, problems) = read(environment)
        guard problems.isEmpty else { throw ConfigurationProblems(problems: problems) }
        return configuration
    }

    /// The configuration with every malformed setting left at its default, and the problems, each
    /// named by its variable (for `adal config check`, which shows both).
    public static func read(_ environment: [String: String]) -> (AdalConfiguration, [FieldError]) {
        var problems: [FieldError] = []
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        func number(_ name: String, in range: ClosedRange<Int>, unit: String = "") -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), range.contains(number) else {
                problems.append(FieldError(name, "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)\(unit)"))
                return nil
            }
            return number
        }
        func url(_ name: String) -> String? {
            guard let text = value(name) else { return nil }
            if let problem = databaseURLProblem(name, text) { problems.append(problem) }
            return text
        }
        var configuration = AdalConfiguration(
            databaseURL: url("DATABASE_URL"),
            apiDatabaseURL: url("ADAL_API_DATABASE_URL"),
            home: value("ADAL_HOME") ?? FileManager.default.currentDirectoryPath + "/.adal",
            actor: value("ADAL_ACTOR"),
            migrationsDirectory: value("ADAL_MIGRATIONS_DIR") ?? ResourceLocator.find("Database/migrations"),
            seedsDirectory: value("ADAL_SEEDS_DIR") ?? ResourceLocator.find("seeds"))
        configuration.reportsDatabaseURL = url("ADAL_REPORTS_DATABASE_URL")
        configuration.login = value("USER")
        configuration.postgresBinaries = value("ADAL_PG_BIN")
        if let cost = number("ADAL_BCRYPT_COST", in: 4...31) { configuration.bcryptCost = cost }
        if let seconds = number("ADAL_DB_TIMEOUT", in: 1...600, unit: " seconds") { configuration.databaseTimeout = .seconds(seconds) }
        if let file = value("ADAL_AUDIT_KEY_FILE") { configuration.auditKeyFile = file }
        if let folder = value("ADAL_AUDIT_CHECKPOINT_DIR") { configuration.auditCheckpointDirectory = folder }

        if let host = value("ADAL_HTTP_HOST") { configuration.http.host = host }
        if let port = number("ADAL_HTTP_PORT", in: 1...65_535) { configuration.http.port = port }
        if let limit = number("ADAL_UPLOAD_LIMIT", in: 1024...(1 << 30), unit: " bytes") { configuration.http.uploadLimit = limit }
        if let rate = number("ADAL_PUBLIC_RATE", in: 1...100_000) { configuration.http.publicApplicationsPerHour = rate }
        if let rate = number("ADAL_CERTIFICATE_CHECKS", in: 1...100_000) { configuration.http.publicCertificateChecksPerHour = rate }
        if let proxies = value("ADAL_TRUSTED_PROXIES") {
            do { configuration.http.trustedProxies = try TrustedProxies(parsing: proxies) }
            catch let error as FieldError { problems.append(error) }
            catch { problems.append(FieldError("ADAL_TRUSTED_PROXIES", "\(error)")) }
        }
        if let log = value("ADAL_ACCESS_LOG") {
            if ["on", "off"].contains(log) { configuration.http.accessLog = log == "on" }
            else { problems.append(FieldError("ADAL_ACCESS_LOG", "'\(log)' is not on or off")) }
        }

        configuration.mail.smtpURL = value("ADAL_SMTP_URL")
        configuration.mail.smtpCAFile = value("ADAL_SMTP_CA_FILE")
        if let from = value("ADAL_MAIL_FROM") {
            do {
                configuration.mail.from = try ContactDetails.email(from, field: "ADAL_MAIL_FROM")
            } catch let error as FieldError {
                problems.append(error)
            } catch {
                problems.append(FieldError("ADAL_MAIL_FROM", "\(error)"))
            }
        }
        configuration.mail.fromName = value("ADAL_MAIL_FROM_NAME")
        configuration.mail.webhookURL = value("ADAL_WEBHOOK_URL")
        configuration.mail.webhookSecret = value("ADAL_WEBHOOK_SECRET")
        if configuration.mail.webhookSecret != nil && configuration.mail.webhookURL == nil {
            problems.append(FieldError("ADAL_WEBHOOK_SECRET", "is set, but ADAL_WEBHOOK_URL is not"))
        }
        configuration.mail.templatesDirectory = value("ADAL_TEMPLATES_DIR")
        if let text = value("ADAL_WORKER_LEASE") {
            if let lease = Double(text), lease >= 1, lease <= 3600 { configuration.mail.lease = lease }
            else { problems.append(FieldError("ADAL_WORKER_LEASE", "'\(text)' is not a number of seconds from 1 to 3600")) }
        }
        if let text = value("ADAL_NIO_EXECUTOR") {
            if ["0", "1"].contains(text) { configuration.mail.nioExecutor = text == "1" }
            else { problems.append(FieldError("ADAL_NIO_EXECUTOR", "'\(text)' is not 0 or 1")) }
        }
        return (configuration, problems)
    }
}

extension AdalConfiguration {
    static func databaseURLProblem(_ name: String, _ text: String) -> FieldError? {
        do {
            let target = try DatabaseTarget(url: text)
            _ = target
            return nil
        } catch {
            return FieldError(name, (error as? FieldError)?.reason ?? "\(error)")
        }
    }
}

/// Settings the environment gives that Adal cannot use, every one of them.
public struct ConfigurationProblems: Error, CustomStringConvertible, Sendable {
    public let problems: [FieldError]

    /// One line a problem, each naming its variable (the CLI puts `adal: ` before the first).
    public var description: String {
        problems.map { "\($0.field): \($0.reason)" }.joined(separator: "\nadal: ")
    }
}

/// Finds the project's data folders: in the working directory or above it, or above the binary
/// (so `.build/debug/adal` finds the checkout it was built from).
public enum ResourceLocator {
    public static func find(_ relative: String) -> String? {
        var starts = [FileManager.default.currentDirectoryPath]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.append(executable.deletingLastPathComponent().path)
        }
        for start in starts {
            var folder = URL(fileURLWithPath: start)
            while true {
                let candidate = folder.appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    return candidate.path
                }
                if folder.path == "/" { break }
                folder.deleteLastPathComponent()
            }
        }
        return nil
    }
}
