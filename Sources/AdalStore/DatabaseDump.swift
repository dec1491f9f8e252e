import Foundation
import Logging
import PostgresNIO

/// Backups with PostgreSQL's own tools: `pg_dump` in its custom format (one consistent snapshot,
/// taken while writes go on) and `pg_restore`. The password travels in the tools' environment,
/// never on their command line.
public enum DatabaseDump {
    /// A PostgreSQL client program: in `ADAL_PG_BIN`, else the newest `/usr/lib/postgresql/N/bin`
    /// (15 or later) that has it, else on the `PATH`. The newest is taken because `pg_dump` must be
    /// at least as new as the server.
    public static func tool(_ name: String, binaries: String?) throws -> String {
        if let explicit = binaries, !explicit.isEmpty {
            let path = explicit + "/" + name
            guard FileManager.default.isExecutableFile(atPath: path) else { throw ClusterError("ADAL_PG_BIN has no \(name)") }
            return path
        }
        if let folder = EmbeddedCluster.newestBinaries(having: name) { return folder + "/" + name }
        for folder in ["/usr/local/bin", "/usr/bin", "/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
        throw ClusterError("\(name) is not installed (apt-get install -y postgresql-client), or set ADAL_PG_BIN")
    }

    /// libpq's variables for `target`, and nothing else of Adal's environment (the tools are run by
    /// their full path and need none of it).
    static func clientEnvironment(_ target: DatabaseTarget) -> [String: String] {
        var environment: [String: String] = ["LC_ALL": "C.UTF-8"]
        switch target.endpoint {
        case let .tcp(host, port):
            environment["PGHOST"] = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            environment["PGPORT"] = "\(port)"
            environment["PGSSLMODE"] = target.tls.rawValue
        case let .socket(path):
            environment["PGHOST"] = (path as NSString).deletingLastPathComponent
            environment["PGPORT"] = path.split(separator: ".").last.map(String.init) ?? "5432"
        }
        environment["PGUSER"] = target.username
        environment["PGDATABASE"] = target.database
        environment["PGAPPNAME"] = "adal"
        if let password = target.password { environment["PGPASSWORD"] = password }
        return environment
    }

    static func run(_ executable: String, _ arguments: [String], target: DatabaseTarget) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = clientEnvironment(target)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let name = (executable as NSString).lastPathComponent
            let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ClusterError("\(name) failed (exit \(process.terminationStatus)): \(text)")
        }
    }

    /// Writes the whole database to `path` (custom format), from one snapshot.
    public static func backup(_ target: DatabaseTarget, to path: String, binaries: String?) throws {
        try run(try tool("pg_dump", binaries: binaries), ["--format=custom", "--file=\(path)", "--no-password"], target: target)
    }

    /// Loads `path` in one transaction: all of it or nothing. `replace` drops what the dump holds
    /// first (the caller has made sure that is what was asked). Objects belong to the restoring
    /// user, as after `adal db migrate`; grants to `adal_api` are kept.
    public static func restore(_ target: DatabaseTarget, from path: String, replace: Bool, binaries: String?) throws {
        var arguments = ["--no-owner", "--single-transaction", "--exit-on-error", "--no-password", "--dbname=\(target.database)"]
        if replace { arguments += ["--clean", "--if-exists"] }
        try run(try tool("pg_restore", binaries: binaries), arguments + [path], target: target)
    }

    /// How many tables and views the database holds outside PostgreSQL's own schemas.
    public static func relationCount(on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.guardedQuery("""
            SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
            """, logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}
