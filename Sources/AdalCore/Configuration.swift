import AdalDomain
import AdalStore
import Foundation

/// Everything Adal reads from the environment, with defaults that work on a developer's machine.
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
    /// `ADAL_MIGRATIONS_DIR`, default `Database/migrations` found next to the working directory or the binary.
    public var migrationsDirectory: String?
    /// `ADAL_SEEDS_DIR`, default `seeds` found the same way.
    public var seedsDirectory: String?

    public init(databaseURL: String? = nil, apiDatabaseURL: String? = nil, home: String, actor: String? = nil,
                migrationsDirectory: String? = nil, seedsDirectory: String? = nil) {
        self.databaseURL = databaseURL
        self.apiDatabaseURL = apiDatabaseURL
        self.home = home
        self.actor = actor
        self.migrationsDirectory = migrationsDirectory
        self.seedsDirectory = seedsDirectory
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> AdalConfiguration {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        var configuration = AdalConfiguration(
            databaseURL: value("DATABASE_URL"),
            apiDatabaseURL: value("ADAL_API_DATABASE_URL"),
            home: EmbeddedCluster.defaultHome(environment: environment),
            actor: value("ADAL_ACTOR"),
            migrationsDirectory: value("ADAL_MIGRATIONS_DIR") ?? ResourceLocator.find("Database/migrations"),
            seedsDirectory: value("ADAL_SEEDS_DIR") ?? ResourceLocator.find("seeds"))
        configuration.reportsDatabaseURL = value("ADAL_REPORTS_DATABASE_URL")
        return configuration
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
