import AdalDomain
import AdalStore
import Testing

@Suite("Migration plans and SQL scripts")
struct MigrationAndScriptTests {
    let one = MigrationFile(version: 1, name: "foundation", sql: "CREATE TABLE a (id int);")
    let two = MigrationFile(version: 2, name: "more", sql: "CREATE TABLE b (id int);")

    func applied(_ file: MigrationFile, checksum: String? = nil) -> AppliedMigration {
        AppliedMigration(version: file.version, name: file.name, checksum: checksum ?? file.checksum, appliedAt: "now")
    }

    @Test func freshDatabaseHasEverythingPending() throws {
        #expect(try MigrationPlan(files: [two, one], applied: []).pending == [one, two])
    }

    @Test func appliedFilesAreNotPending() throws {
        #expect(try MigrationPlan(files: [one, two], applied: [applied(one)]).pending == [two])
    }

    @Test func changedFileStops() {
        #expect(throws: MigrationProblem.changed(version: 1, name: "foundation")) {
            try MigrationPlan(files: [one, two], applied: [applied(one, checksum: "0000")])
        }
    }

    @Test func missingFileStops() {
        #expect(throws: MigrationProblem.missing(version: 2, name: "more")) {
            try MigrationPlan(files: [one], applied: [applied(one), applied(two)])
        }
    }

    @Test func olderFileAfterANewerOneStops() {
        #expect(throws: MigrationProblem.self) { try MigrationPlan(files: [one, two], applied: [applied(two)]) }
    }

    @Test func fileNames() {
        #expect(MigrationFile.versionAndName(fileName: "0007_add_tasks.sql")! == (7, "add_tasks"))
        #expect(MigrationFile.versionAndName(fileName: "7_add.sql") == nil)
        #expect(MigrationFile.versionAndName(fileName: "0007_Add.sql") == nil)
        #expect(MigrationFile.versionAndName(fileName: "README.md") == nil)
    }

    @Test func scriptsSplitOnlyOutsideQuotesAndBodies() {
        let sql = """
            -- heading; with a semicolon
            CREATE TABLE t (note text DEFAULT 'a;b''c');
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
            /* block; /* nested; */ still; */ SELECT $1::int;
            CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 2; END $body$;
            """
        let statements = SQLScript.statements(sql)
        #expect(statements.count == 4)
        #expect(statements[0].hasSuffix("DEFAULT 'a;b''c')"))
        #expect(statements[1].hasSuffix("$$ SELECT 1; $$"))
        #expect(statements[2].hasSuffix("SELECT $1::int"))
        #expect(statements[3].contains("RETURN 2; END $body$"))
    }
}

@Suite("Audit chain")
struct AuditChainTests {
    func record(_ id: Int64, after: String) -> AuditRecord {
        AuditRecord(id: id, occurredAtMicros: 1_700_000_000_000_000 + id, actor: "registrar", action: "volunteer.register",
                    entity: "volunteer", entityID: "v\(id)", regionID: 5, before: nil, after: after)
    }

    @Test func verifierNamesTheFirstTamperedEntry() throws {
        let key = try AuditKey(fileText: String(repeating: "01", count: 32))
        let records = (1...5).map { record(Int64($0), after: #"{"name": "n\#($0)"}"#) }
        var previous = AuditChain.genesis
        var links: [AuditLink] = []
        for (index, entry) in records.enumerated() {
            previous = AuditChain.link(key: key, previous: previous, position: Int64(index + 1), record: entry)
            links.append(AuditLink(position: Int64(index + 1), entryID: entry.id, storedHash: previous, record: entry))
        }
        var intact = try AuditVerifier(key: key)
        #expect(links.compactMap { intact.check($0) }.isEmpty)
        #expect(intact.checked == 5)

        links[2] = AuditLink(position: 3, entryID: 3, storedHash: links[2].storedHash, record: record(3, after: #"{"name": "forged"}"#))
        var tampered = try AuditVerifier(key: key)
        let verdicts = links.compactMap { tampered.check($0) }
        guard case let .broken(position, entryID, _)? = verdicts.first else {
            Issue.record("tampering went unnoticed")
            return
        }
        #expect(position == 3)
        #expect(entryID == 3)
    }

    @Test func canonicalFormSeparatesFields() {
        let a = AuditRecord(id: 1, occurredAtMicros: 1, actor: "ab", action: "c", entity: "e", entityID: "1", regionID: nil, before: nil, after: nil)
        let b = AuditRecord(id: 1, occurredAtMicros: 1, actor: "a", action: "bc", entity: "e", entityID: "1", regionID: nil, before: nil, after: nil)
        #expect(AuditChain.hash(previous: AuditChain.genesis, record: a) != AuditChain.hash(previous: AuditChain.genesis, record: b))
    }
}
