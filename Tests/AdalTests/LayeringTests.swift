import Foundation
import Testing

/// The shape the layers promise, read off the sources: Core is the only way a change is made and
/// the only reader of the database outside Store, and the configuration is read in one place.
@Suite("Layers")
struct LayeringTests {
    static let sources = TestDatabase.packageRoot.appendingPathComponent("Sources")

    /// Each Swift file under `Sources/` with its path relative to it, and its lines.
    static func files() throws -> [(path: String, lines: [Substring])] {
        let enumerator = FileManager.default.enumerator(atPath: sources.path)
        var files: [(String, [Substring])] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            files.append((relative, text.split(separator: "\n", omittingEmptySubsequences: false)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Lines matching `pattern` (not in a comment), as `path:line: text`.
    static func hits(_ pattern: String, in files: [(path: String, lines: [Substring])]) throws -> [String] {
        let expression = try NSRegularExpression(pattern: pattern)
        return files.flatMap { file in
            file.lines.enumerated().compactMap { number, line -> String? in
                let code = String(line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                let range = NSRange(code.startIndex..., in: code)
                return expression.firstMatch(in: code, range: range) == nil ? nil : "\(file.path):\(number + 1): \(line)"
            }
        }
    }

    /// Opening a transaction or a connection, holding one, or naming a repository (or the queue and
    /// the audit log, which are repositories by another name).
    static let databaseAccess = #"withTransaction|withConnection|\.transaction\s*[({]|PostgresConnection|\bcontext\.database\b|\b[A-Z]\w*Repository\b|\bJobQueue\b|\bAuditLog\b"#

    @Test("outside Core and Store no file opens a transaction or connection or names a repository")
    func onlyCoreReachesTheDatabase() throws {
        let all = try Self.files()
        let outside = all.filter { !$0.path.hasPrefix("AdalCore/") && !$0.path.hasPrefix("AdalStore/") }
        #expect(outside.count > 40, "the scan must see the other targets' files (saw \(outside.count))")
        let hits = try Self.hits(Self.databaseAccess, in: outside)
        #expect(hits.isEmpty, "\(hits.count) places reach the database outside Core:\n\(hits.joined(separator: "\n"))")
        // The same scan does find Core's own use of the database: it is not blind.
        let inside = try Self.hits(Self.databaseAccess, in: all.filter { $0.path.hasPrefix("AdalCore/") })
        #expect(inside.count > 50)
    }

    @Test("Intake, Reports and Domain are pure: they import neither Core, Store nor PostgresNIO")
    func pureTargetsImportNoStorage() throws {
        let prefixes = ["AdalIntake/", "AdalReports/", "AdalDomain/"]
        let pure = try Self.files().filter { file in prefixes.contains { file.path.hasPrefix($0) } }
        let hits = try Self.hits(#"^import (AdalCore|AdalStore|PostgresNIO|AdalJobs|AdalAPI)\b"#, in: pure)
        #expect(hits.isEmpty, "\(hits.joined(separator: "\n"))")
    }

    @Test("only the configuration reads the environment; the API does not depend on Jobs")
    func configurationIsReadInOnePlace() throws {
        let readers = ["AdalCore/Configuration.swift", "AdalCore/SecretFiles.swift"]
        let hits = try Self.hits(#"ProcessInfo\.processInfo\.environment|\bgetenv\("#,
                                 in: try Self.files().filter { !readers.contains($0.path) })
        #expect(hits.isEmpty, "\(hits.joined(separator: "\n"))")
        let api = try Self.hits(#"^import AdalJobs\b"#, in: try Self.files().filter { $0.path.hasPrefix("AdalAPI/") })
        #expect(api.isEmpty, "\(api.joined(separator: "\n"))")
    }

    @Test("Domain takes the clock as a value: no Date() inside")
    func domainHasNoClock() throws {
        let domain = try Self.files().filter { $0.path.hasPrefix("AdalDomain/") }
        let hits = try Self.hits(#"\bDate\(\)|Date\.now\b"#, in: domain)
        #expect(hits.isEmpty, "\(hits.joined(separator: "\n"))")
    }
}
