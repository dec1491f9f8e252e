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
        // A scoped importer's run (and its audit entry) belongs to its own regions, where its auditors read it.
        let runRegion = context.scope.limit?.first
        let runID = try await context.read { connection in
            try await context.applications.startRun(channel: source.channel, source: source.name, actor: actor,
                                                    regionID: runRegion, on: connection)
        }
        var tally: Tally
        switch records {
        case .eotinish(let contents):
            tally = try await eotinish(contents, runID: runID, actor: actor, batchSize: batchSize, now: now, progress: progress)
        case .messages(let files):
            tally = try await messages(files, mailboxOffice: mailboxOffice, runID: runID, actor: actor, now: now)
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
            ]))
        }
        return ImportReport(runID: runID, source: source.name, records: finished.records, new: finished.new,
                            alreadyPresent: finished.present, followUps: finished.followUps,
                            rejected: finished.rejections.count, withProblems: finished.withProblems,
                            rejections: finished.rejections.map { .init(record: $0.record, reason: $0.reason) })
    }

    struct Tally: Sendable {
        var records = 0, new = 0, present = 0, followUps = 0, withProblems = 0
        var rejections: [(record: Int, reason: String)] = []
    }

    private func eotinish(_ contents: EOtinishFile.Contents, runID: Int64, actor: String, batchSize: Int, now: Date,
                          progress: (@Sendable (Int, Int) -> Void)?) async throws -> Tally {
        var tally = Tally(records: contents.records.count + contents.rejections.count, rejections: contents.rejections)
        let total = contents.records.count
        let resolver = Applications.Resolver(context)
        let applications = Applications(context)
        var start = 0
        while start < total {
            let batch = Array(contents.records[start..<min(start + batchSize, total)])
            let outcome = try await context.act(actor: actor) { change in
                let connection = change.connection
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
                    let draft = record.draft(regionCode: region.code, country: region.country, zone: region.zone, importedAt: now)
                    prepared.append(try await resolver.prepare(draft, region: region, on: connection))
                }
                let ids = try await applications.store(prepared, actor: actor, importRunID: runID, on: connection)
                let problems = prepared.filter { ids[$0.draft.externalRef] != nil && !$0.draft.problems.isEmpty }.count
                return (refused, ids.count, prepared.count - ids.count, problems)
            }
            tally.rejections += outcome.0
            tally.new += outcome.1
            tally.present += outcome.2
            tally.withProblems += outcome.3
            start += batch.count
            progress?(start, total)
        }
        return tally
    }

    enum MessageOutcome: Sendable {
        case new(withProblems: Bool)
        case present
        case followUp
        case rejected(String)
    }

    /// Each message in a transaction of its own; a reply to an application's message joins that
    /// application's correspondence instead of becoming one.
    private func messages(_ files: [MailFile], mailboxOffice: (code: String, regionID: Int64)?, runID: Int64, actor: String,
                          now: Date) async throws -> Tally {
        var tally = Tally(records: files.count)
        let resolver = Applications.Resolver(context)
        let regionCodes = try await context.read { connection in
            Dictionary(uniqueKeysWithValues: try await context.regions.all(on: connection).map { ($0.id, $0.code) })
        }
        for (index, file) in files.enumerated() {
            let number = index + 1
            guard let data = file.contents else {
                tally.rejections.append((number, "\(file.name): \(file.skipped ?? "cannot be read")"))
                continue
            }
            let mailed: MailedMessage
            switch MailedMessage.read(data) {
            case .success(let read): mailed = read
            case .failure(let refusal):
                tally.rejections.append((number, "\(file.name): \(refusal.reason)"))
                continue
            }
            let message = mailed.message
            let outcome = try await context.act(actor: actor) { change -> MessageOutcome in
                let connection = change.connection
                var office = mailboxOffice
                if office == nil { office = try await context.offices.find(emails: message.to, on: connection) }
                guard let office, let code = regionCodes[office.regionID],
                      let region = try await resolver.region(code, on: connection) else {
                    return .rejected("no office has the mailbox \(message.to.joined(separator: ", ")); give --office")
                }
                guard context.scope.contains(regionID: region.id) else {
                    return .rejected("region \(region.code) is outside the regions you work in")
                }
                // A reply joins its application only within the office whose mailbox it reached.
                if let parent = try await context.applications.find(messageIDs: mailed.answers, officeCode: office.code, on: connection) {
                    let added = try await context.applications.addMessage(
                        applicationID: parent.id, regionID: parent.regionID, messageID: mailed.messageID,
                        receivedAt: message.date ?? now, sender: message.header("From"), subject: message.subject,
                        body: message.text, raw: mailed.raw, actor: actor, on: connection)
                    if added {
                        try await change.audit("application.correspondence", entity: "application",
                                               id: parent.id.uuidString.lowercased(), regionID: parent.regionID,
                                               after: AuditJSON.encode(["message_id": mailed.messageID]))
                    }
                    return added ? .followUp : .present
                }
                var draft = mailed.draft(regionCode: region.code, country: region.country, officeCode: office.code, now: now)
                draft.checkApplicant(country: region.country, fields: .form)
                let prepared = try await resolver.prepare(draft, region: region, on: connection)
                let ids = try await Applications(context).store([prepared], actor: actor, importRunID: runID, on: connection)
                if ids.isEmpty { return .present }
                return .new(withProblems: !prepared.draft.problems.isEmpty)
            }
            switch outcome {
            case let .new(problems):
                tally.new += 1
                if problems { tally.withProblems += 1 }
            case .present: tally.present += 1
            case .followUp: tally.followUps += 1
            case let .rejected(reason): tally.rejections.append((number, "\(file.name): \(reason)"))
            }
        }
        return tally
    }
}
