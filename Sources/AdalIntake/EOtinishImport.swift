import AdalCore
import AdalDomain
import AdalStore
import Foundation

/// Imports an eOtinish export: every readable record becomes an application exactly once, however
/// often the file is imported, concurrently or after an interrupted run.
public struct EOtinishImport: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    /// Records are stored in batches, each batch one transaction: an interrupted run keeps what it stored,
    /// and running it again adds only the rest.
    public func run(_ contents: EOtinishFile.Contents, source: String, actor: String, batchSize: Int = 2000,
                    now: Date = Date(), progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportReport {
        let runID = try await context.database.withConnection { connection in
            try await context.applications.startRun(channel: .eotinish, source: source, actor: actor, on: connection)
        }
        var rejections = contents.rejections
        var new = 0, present = 0, withProblems = 0, done = 0
        let total = contents.records.count
        let resolver = Applications.Resolver(context)
        let applications = Applications(context)
        var start = 0
        while start < total {
            let batch = Array(contents.records[start..<min(start + batchSize, total)])
            let outcome = try await context.database.transaction { connection in
                var prepared: [ApplicationRepository.NewApplication] = []
                var refused: [(record: Int, reason: String)] = []
                for record in batch {
                    if let reason = record.rejection {
                        refused.append((record.number, reason))
                        continue
                    }
                    guard let region = try await resolver.region(record.value("region")!, on: connection) else {
                        refused.append((record.number, "region '\(record.value("region")!)' is unknown"))
                        continue
                    }
                    guard context.scope.contains(regionID: region.id) else {
                        refused.append((record.number, "region \(region.code) is outside the regions you work in"))
                        continue
                    }
                    let draft = record.draft(regionCode: region.code, country: region.country, zone: region.zone,
                                             importedAt: now)
                    prepared.append(try await resolver.prepare(draft, region: region, on: connection))
                }
                let ids = try await applications.store(prepared, actor: actor, importRunID: runID, on: connection)
                let problems = prepared.filter { ids[$0.draft.externalRef] != nil && !$0.draft.problems.isEmpty }.count
                return (refused, ids.count, prepared.count - ids.count, problems)
            }
            rejections += outcome.0
            new += outcome.1
            present += outcome.2
            withProblems += outcome.3
            done += batch.count
            start += batch.count
            progress?(done, total)
        }
        try await context.database.withConnection { connection in
            try await context.applications.finishRun(id: runID, new: new, present: present, followUps: 0,
                                                    rejections: rejections, on: connection)
        }
        await AuditTrail(context).sealAfterCommit()
        return ImportReport(runID: runID, source: source, records: total + contents.rejections.count, new: new,
                      alreadyPresent: present, followUps: 0, rejected: rejections.count, withProblems: withProblems,
                      rejections: rejections.sorted { $0.record < $1.record }.map { .init(record: $0.record, reason: $0.reason) })
    }
}
