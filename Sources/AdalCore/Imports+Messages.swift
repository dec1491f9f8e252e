import AdalDomain
import AdalIntake
import AdalStore
import Crypto
import Foundation
import PostgresNIO

/// The mailbox half of `Imports`: each message in a transaction of its own, a reply joined to its
/// application, a message that can never be stored remembered so later runs skip it.
extension Imports {
    enum MessageOutcome: Sendable {
        case new(withProblems: Bool)
        case present
        case followUp
        /// Not stored this time (no office for its mailbox, a region outside the importer's): another run may store it.
        case rejected(String)
        /// Never storable, whoever imports it: remembered, and skipped by later runs.
        case unstorable(String)
    }

    /// Each message in a transaction of its own; a reply to an application's message joins that
    /// application's correspondence instead of becoming one.
    /// A message refused for good (unreadable as mail, or holding what the database cannot store) is
    /// remembered by its digest, so later runs skip it instead of refusing it again.
    func messages(_ files: [MailFile], mailboxOffice: (code: String, regionID: Int64)?, runID: Int64, runRegion: Int64?,
                          actor: String, now: Date, into tally: inout Tally) async throws {
        tally.records = files.count
        let (regionCodes, refusedBefore) = try await context.read { connection in
            (Dictionary(uniqueKeysWithValues: try await context.regions.all(on: connection).map { ($0.id, $0.code) }),
             try await context.applications.refusedMessageDigests(regionID: runRegion, on: connection))
        }
        for (index, file) in files.enumerated() {
            let number = index + 1
            guard let data = file.contents else {
                tally.rejections.append((number, "\(file.name): \(file.skipped ?? "cannot be read")"))
                continue
            }
            let digest = Array(SHA256.hash(data: data))
            if refusedBefore.contains(digest) {
                tally.refusedEarlier += 1
                continue
            }
            let outcome: MessageOutcome
            switch MailedMessage.read(data) {
            case .success(let mailed):
                do {
                    outcome = try await storeMessage(mailed, mailboxOffice: mailboxOffice, regionCodes: regionCodes,
                                                     runID: runID, actor: actor, now: now)
                } catch let refused as StoreError where refused.isAboutTheValues {
                    outcome = .unstorable("could not be stored: \(refused.message)")
                }
            case .failure(let refusal):
                outcome = .unstorable(refusal.reason)
            }
            switch outcome {
            case let .new(problems):
                tally.new += 1
                if problems { tally.withProblems += 1 }
            case .present: tally.present += 1
            case .followUp: tally.followUps += 1
            case let .rejected(reason): tally.rejections.append((number, "\(file.name): \(reason)"))
            case let .unstorable(reason):
                tally.rejections.append((number, "\(file.name): \(reason)"))
                try await rememberRefused(file.name, digest: digest, reason: reason, runID: runID, runRegion: runRegion, actor: actor)
            }
        }
    }

    private func rememberRefused(_ name: String, digest: [UInt8], reason: String, runID: Int64, runRegion: Int64?,
                                 actor: String) async throws {
        try await context.act(actor: actor) { change in
            try await context.applications.rememberRefusedMessage(digest: digest, regionID: runRegion, runID: runID, reason: reason,
                                                                  on: change.connection)
            try await change.audit("import.message_refused", entity: "import_run", id: String(runID), regionID: runRegion,
                                   after: AuditJSON.encode(["file": name, "reason": reason]))
        }
    }

    /// One message in a transaction of its own: a reply joins its application, another message becomes one.
    private func storeMessage(_ mailed: MailedMessage, mailboxOffice: (code: String, regionID: Int64)?, regionCodes: [Int64: String],
                              runID: Int64, actor: String, now: Date) async throws -> MessageOutcome {
        let resolver = Applications.Resolver(context)
        let message = mailed.message
        return try await context.act(actor: actor) { change -> MessageOutcome in
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
                    // The reply's attachments (a scan of the ID asked for, a signed form) join the application too.
                    var kept: [String] = []
                    for attachment in message.attachments where attachment.content.count <= AttachmentDraft.maximumSize {
                        try await context.applications.addAttachment(
                            applicationID: parent.id, regionID: parent.regionID,
                            AttachmentDraft(fileName: attachment.fileName, contentType: attachment.contentType, content: attachment.content),
                            sha256: Array(SHA256.hash(data: attachment.content)), on: connection)
                        kept.append(attachment.fileName)
                    }
                    try await change.audit("application.correspondence", entity: "application",
                                           id: parent.id.uuidString.lowercased(), regionID: parent.regionID,
                                           after: AuditJSON.encode(["message_id": mailed.messageID, "attachments": kept.joined(separator: ", ")]))
                }
                return added ? .followUp : .present
            }
            var draft = mailed.draft(regionCode: region.code, country: region.country, officeCode: office.code, now: now)
            draft.checkApplicant(country: region.country, fields: .form)
            if let refusal = draft.storageRefusals().first { return .unstorable("\(refusal.field) \(refusal.reason)") }
            let prepared = try await resolver.prepare(draft, region: region, on: connection)
            let ids = try await Applications(context).store([prepared], actor: actor, importRunID: runID, on: connection)
            guard let id = ids.values.first else { return .present }
            if let officeID = prepared.officeID {
                try await joinEarlierReplies(to: mailed.messageID, original: id, officeID: officeID, regionID: prepared.regionID,
                                             change: change)
            }
            return .new(withProblems: !prepared.draft.problems.isEmpty)
        }
    }

    /// Replies to this message that came before it (in this import or an earlier one) and are still
    /// as they arrived join it now: each one's application becomes a message of the original.
    private func joinEarlierReplies(to messageID: String, original: UUID, officeID: Int64, regionID: Int64,
                                    change: Change) async throws {
        let connection = change.connection
        for reply in try await context.applications.earlierReplies(to: messageID, officeID: officeID, excluding: original,
                                                                   on: connection) {
            try await context.applications.joinReply(reply.id, into: original, regionID: regionID, actor: change.actor, on: connection)
            try await change.audit("application.reply_joined", entity: "application", id: original.uuidString.lowercased(),
                                   regionID: regionID,
                                   after: AuditJSON.encode(["reply": reply.id.uuidString.lowercased(), "message_id": reply.externalRef]))
        }
    }
}
