import AdalDomain
import Crypto

/// A migration file found on disk: `NNNN_name.sql`.
public struct MigrationFile: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = AuditChain.hex(Array(SHA256.hash(data: Array(sql.utf8))))
    }

    /// Reads a file name as `NNNN_name.sql`, or nil for any other file.
    public static func versionAndName(fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore], name = stem[stem.index(after: underscore)...]
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int(digits),
              !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else { return nil }
        return (version, String(name))
    }
}

/// A migration the database records as applied.
public struct AppliedMigration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let checksum: String
    public let appliedAt: String

    public init(version: Int, name: String, checksum: String, appliedAt: String) {
        self.version = version
        self.name = name
        self.checksum = checksum
        self.appliedAt = appliedAt
    }
}

public enum MigrationProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case duplicateVersion(Int)
    case changed(version: Int, name: String)
    case missing(version: Int, name: String)
    case outOfOrder(version: Int, name: String, lastApplied: Int)

    public var description: String {
        switch self {
        case let .duplicateVersion(version):
            return "two migration files share version \(version)"
        case let .changed(version, name):
            return "migration \(version)_\(name).sql was changed after it was applied; restore it and add a new migration instead"
        case let .missing(version, name):
            return "migration \(version)_\(name).sql was applied but its file is missing"
        case let .outOfOrder(version, name, lastApplied):
            return "migration \(version)_\(name).sql is older than the last applied one (\(lastApplied)); renumber it after \(lastApplied)"
        }
    }
}

/// What `db migrate` would do: which files are applied and which are pending, or why it must stop.
public struct MigrationPlan: Sendable {
    public let applied: [AppliedMigration]
    public let pending: [MigrationFile]

    public init(files: [MigrationFile], applied: [AppliedMigration]) throws {
        let files = files.sorted { $0.version < $1.version }
        for (a, b) in zip(files, files.dropFirst()) where a.version == b.version {
            throw MigrationProblem.duplicateVersion(a.version)
        }
        let byVersion = Dictionary(uniqueKeysWithValues: files.map { ($0.version, $0) })
        for done in applied {
            guard let file = byVersion[done.version] else {
                throw MigrationProblem.missing(version: done.version, name: done.name)
            }
            guard file.checksum == done.checksum else {
                throw MigrationProblem.changed(version: done.version, name: done.name)
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        let pending = files.filter { !appliedVersions.contains($0.version) }
        if let last = applied.map(\.version).max(), let early = pending.first(where: { $0.version < last }) {
            throw MigrationProblem.outOfOrder(version: early.version, name: early.name, lastApplied: last)
        }
        self.applied = applied.sorted { $0.version < $1.version }
        self.pending = pending
    }
}
