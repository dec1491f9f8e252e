import AdalDomain
import AdalStore
import Foundation
import Logging

/// Backing the database up to a file and restoring it, each recorded in the audit log.
public struct Backups: Sendable {
    let configuration: AdalConfiguration
    let logger: Logger

    public init(configuration: AdalConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public struct Written: Sendable, Encodable {
        public let file: String
        public let bytes: Int
        public let seconds: Double
    }

    /// Dumps the whole database to `path` from one snapshot, while writes go on, then records it
    /// in the audit log (so only a backup that was written is recorded; the entry is not in it).
    public func backup(to path: String, actor: String) async throws -> Written {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ValidationFailure([FieldError("out", "\(path) exists; give a new file")])
        }
        let target = try await AdalDatabase.target(configuration, logger: logger)
        let started = ContinuousClock.now
        do {
            try DatabaseDump.backup(target, to: path, binaries: configuration.postgresBinaries)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let elapsed = ContinuousClock.now - started
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try await record("database.backup", ["file": (path as NSString).lastPathComponent, "bytes": "\(size)"], actor: actor, on: target)
        return Written(file: path, bytes: size,
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Loads a backup into the database. A database that already holds tables is refused unless
    /// `replace` says to drop what the backup holds first; either way the load is one transaction.
    public func restore(from path: String, replace: Bool, actor: String) async throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ValidationFailure([FieldError("file", "cannot read \(path)")])
        }
        let target = try await AdalDatabase.target(configuration, logger: logger)
        try await Database.with(target, maximumConnections: 1, logger: logger) { database in
            try await database.withConnection { connection in
                let relations = try await DatabaseDump.relationCount(on: connection, logger: logger)
                if relations > 0 && !replace {
                    throw ValidationFailure([FieldError("database", "\(target.database) already holds \(relations) tables and views; "
                        + "restore into an empty database, or give --replace to drop what the backup holds and load it")])
                }
                try await DatabaseAdmin.ensureAPIRole(on: connection, logger: logger)
            }
        }
        try DatabaseDump.restore(target, from: path, replace: replace, binaries: configuration.postgresBinaries)
        try await record("database.restore", ["file": (path as NSString).lastPathComponent, "replace": replace ? "yes" : "no"],
                         actor: actor, on: target)
    }

    func record(_ action: String, _ details: [String: String], actor: String, on target: DatabaseTarget) async throws {
        try await Database.with(target, maximumConnections: 1, logger: logger) { database in
            _ = try await database.withConnection { connection in
                try await AuditLog(logger: logger).append(
                    AuditEntryDraft(actor: actor, action: action, entity: "database", entityID: target.database, regionID: nil,
                                    before: nil, after: AuditJSON.encode(details)), on: connection)
            }
        }
    }
}
