import AdalDomain
import AdalIntake
import AdalStore
import Foundation
import PostgresNIO

/// Where an import's records came from: a name for the run (the file, or the upload's digest),
/// and for a mailbox the office it belongs to (nil: the office each message was sent to).
public struct ImportSource: Sendable {
    public let channel: ApplicationChannel
    public let name: String
    public let officeCode: String?

    public static func eotinish(_ name: String) -> ImportSource { .init(channel: .eotinish, name: name, officeCode: nil) }
    public static func mailbox(_ name: String, office: String?) -> ImportSource { .init(channel: .email, name: name, officeCode: office) }
}

/// The records an import takes in, as Intake's readers made them.
public enum ImportRecords: Sendable {
    /// An eOtinish export read by `EOtinishFile.read`.
    case eotinish(EOtinishFile.Contents)
    /// Messages of a mailbox, in order (`Mailbox.files`).
    case messages([MailFile])
}

/// Takes applications in from outside: eOtinish exports and mailboxes, for the CLI, the API's upload
/// and the console alike. Every readable record becomes an application (or, for a reply, a message
/// of one) exactly once, however often the source is imported, concurrently or after an interrupted
/// run; a run is recorded with its counts in `import_runs` and in one audit entry (`import.run`).
public struct Imports: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    /// Records are stored in batches, each batch one transaction: an interrupted run keeps what it stored,
    /// and running it again adds only the rest.
    public func run(source: ImportSource, records: ImportRecords, actor: String, batchSize: Int = 2000, now: Date = Date(),
                    progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportReport {
        // The mailbox's office, looked up once for the run (nil: each message's addressee decides).
        var mailboxOffice: (code: String, regionID: Int64)?
        if let code = source.officeCode {
            guard let found = try await context.read({ try await context.offices.find(code: code, on: $0) }) else {
                throw ValidationFailure([FieldError("office", "no office has the code '\(code)'")])
            }
            mailboxOffice = (code.uppercased(), found.regionID)
        }
        try await finishInterruptedRuns(actor: actor)
        // A scoped importer's run (and its audit entries) belongs to its own regions, where its auditors read it.
        let runRegion = context.scope.limit?.first
        // The run's lock is held on a session of its own for as long as this process imports.
        return try await context.database.withSessionOfItsOwn { session in
            let lockKey = try await context.applications.holdRun(on: session)
            do {
                let report = try await importHeld(source: source, records: records, actor: actor, runRegion: runRegion,
                                                  lockKey: lockKey, mailboxOffice: mailboxOffice, batchSize: batchSize,
                                                  now: now, progress: progress)
                try? await context.applications.releaseRun(lockKey: lockKey, on: session)
                return report
            } catch {
                try? await context.applications.releaseRun(lockKey: lockKey, on: session)
                throw error
            }
        }
    }

    /// The latest import runs of the context's regions, newest first.
    public func recentRuns(limit: Int = 10) async throws -> [ApplicationRepository.RunSummary] {
        try await context.read { connection in
            try await context.applications.runs(limit: limit, within: context.scope.limit, on: connection)
        }
    }

    /// One import run and what it refused; not found outside the context's regions.
    public func runSummary(_ id: Int64) async throws -> ApplicationRepository.RunSummary {
        let found = try await context.read { connection in
            try await context.applications.runs(id: id, limit: 1, within: context.scope.limit, on: connection)
        }
        guard let run = found.first else { throw AdalError.notFound(entity: "import run", key: String(id)) }
        return run
    }

    /// Finishes the runs whose process died (their lock is free) as `interrupted`, each audited.
    public func finishInterruptedRuns(actor: String) async throws {
        try await context.act(actor: actor) { change in
            for run in try await context.applications.finishInterruptedRuns(on: change.connection) {
                try await change.audit("import.interrupted", entity: "import_run", id: String(run.id), regionID: run.regionID)
            }
        }
    }

    private func importHeld(source: ImportSource, records: ImportRecords, actor: String, runRegion: Int64?, lockKey: Int32,
                            mailboxOffice: (code: String, regionID: Int64)?, batchSize: Int, now: Date,
                            progress: (@Sendable (Int, Int) -> Void)?) async throws -> ImportReport {
        let runID = try await context.read { connection in
            try await context.applications.startRun(channel: source.channel, source: source.name, actor: actor,
                                                    regionID: runRegion, lockKey: lockKey, on: connection)
        }
        var tally = Tally()
        do {
            switch records {
            case .eotinish(let contents):
                try await eotinish(contents, runID: runID, actor: actor, batchSize: batchSize, now: now, progress: progress, into: &tally)
            case .messages(let files):
                try await messages(files, mailboxOffice: mailboxOffice, runID: runID, runRegion: runRegion, actor: actor, now: now,
                                   into: &tally)
            }
        } catch {
            // What stopped the run is kept with it — even when the database was made read-only under
            // it, this one record of why (a server that cannot write at all leaves the run for the
            // next one to find interrupted). What it stored stays: importing again adds the rest.
            let readOnly = (error as? StoreError)?.sqlState == "25006"
            let reason = readOnly ? "the database is read-only (default_transaction_read_only): \((error as? StoreError)?.message ?? "")"
                : (error as? StoreError)?.message ?? "\(error)"
            let counted = tally
            try? await context.act(actor: actor, readWrite: readOnly) { change in
                try await context.applications.failRun(id: runID, reason: reason, new: counted.new, present: counted.present,
                                                       followUps: counted.followUps, on: change.connection)
                try await change.audit("import.failed", entity: "import_run", id: String(runID), regionID: runRegion,
                                       after: AuditJSON.encode(["source": source.name, "reason": reason, "new": "\(counted.new)"]))
            }
            throw error
        }
        tally.rejections.sort { $0.record < $1.record }
        let finished = tally
        try await context.act(actor: actor) { change in
            try await context.applications.finishRun(id: runID, new: finished.new, present: finished.present,
                                                    followUps: finished.followUps, rejections: finished.rejections,
                                                    on: change.connection)
            try await change.audit("import.run", entity: "import_run", id: String(runID), regionID: runRegion, after: AuditJSON.encode([
                "channel": source.channel.rawValue, "source": source.name, "records": "\(finished.records)",
                "new": "\(finished.new)", "already_present": "\(finished.present)", "follow_ups": "\(finished.followUps)",
                "rejected": "\(finished.rejections.count)", "with_problems": "\(finished.withProblems)",
                "refused_earlier": "\(finished.refusedEarlier)",
            ]))
        }
        return ImportReport(runID: runID, source: source.name, records: finished.records, new: finished.new,
                            alreadyPresent: finished.present, followUps: finished.followUps,
                            rejected: finished.rejections.count, refusedEarlier: finished.refusedEarlier,
                            withProblems: finished.withProblems,
                            rejections: finished.rejections.map { .init(record: $0.record, reason: $0.reason) })
    }

    struct Tally: Sendable {
        var records = 0, new = 0, present = 0, followUps = 0, withProblems = 0, refusedEarlier = 0
        var rejections: [(record: Int, reason: String)] = []

        mutating func add(_ batch: BatchOutcome) {
            rejections += batch.refused
            new += batch.new
            present += batch.present
            withProblems += batch.withProblems
        }
    }

    private func eotinish(_ contents: EOtinishFile.Contents, runID: Int64, actor: String, batchSize: Int, now: Date,
                          progress: (@Sendable (Int, Int) -> Void)?, into tally: inout Tally) async throws {
        tally.records = contents.records.count + contents.rejections.count
        tally.rejections = contents.rejections
        let total = contents.records.count
        var start = 0
        while start < total {
            let batch = Array(contents.records[start..<min(start + batchSize, total)])
            do {
                tally.add(try await store(batch, runID: runID, actor: actor, now: now))
            } catch let refused as StoreError where refused.isAboutTheValues {
                // The batch's statement refused a value no check foresaw: each record alone, so only
                // the one that cannot be stored is rejected.
                guard batch.count > 1 else {
                    tally.rejections.append((batch[0].number, "could not be stored: \(refused.message)"))
                    start += batch.count
                    progress?(start, total)
                    continue
                }
                for record in batch {
                    do {
                        tally.add(try await store([record], runID: runID, actor: actor, now: now))
                    } catch let alone as StoreError where alone.isAboutTheValues {
                        tally.rejections.append((record.number, "could not be stored: \(alone.message)"))
                    }
                }
            }
            start += batch.count
            progress?(start, total)
        }
    }

    /// What one transaction of records came to.
    struct BatchOutcome: Sendable {
        var refused: [(record: Int, reason: String)] = []
        var new = 0, present = 0, withProblems = 0
    }

    /// Checks each record of `batch` (refusing those that cannot be stored, before anything of them
    /// is looked up) and stores the others in one transaction.
    private func store(_ batch: [EOtinishRecord], runID: Int64, actor: String, now: Date) async throws -> BatchOutcome {
        let resolver = Applications.Resolver(context)
        let applications = Applications(context)
        return try await context.act(actor: actor) { change in
            let connection = change.connection
            var prepared: [ApplicationRepository.NewApplication] = []
            var outcome = BatchOutcome()
            for record in batch {
                if let reason = record.rejection {
                    outcome.refused.append((record.number, reason))
                    continue
                }
                guard let region = try await resolver.region(record.value("region")!, on: connection) else {
                    outcome.refused.append((record.number, "region '\(record.value("region")!)' is unknown"))
                    continue
                }
                guard context.scope.contains(regionID: region.id) else {
                    outcome.refused.append((record.number, "region \(region.code) is outside the regions you work in"))
                    continue
                }
                let draft = record.draft(regionCode: region.code, country: region.country, zone: region.zone, importedAt: now)
                if let refusal = draft.storageRefusals(names: EOtinishRecord.columns).first {
                    outcome.refused.append((record.number, "\(refusal.field) \(refusal.reason)"))
                    continue
                }
                prepared.append(try await resolver.prepare(draft, region: region, on: connection))
            }
            let ids = try await applications.store(prepared, actor: actor, importRunID: runID, on: connection)
            outcome.new = ids.count
            outcome.present = prepared.count - ids.count
            outcome.withProblems = prepared.filter { ids[$0.draft.externalRef] != nil && !$0.draft.problems.isEmpty }.count
            return outcome
        }
    }
}
