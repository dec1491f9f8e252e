import AdalCore
import AdalDomain
import AdalStore
import Crypto
import Foundation

/// Imports applications sent to an office's mailbox: `.eml` files, a folder of them, or a Maildir.
/// A reply to an application's message joins that application's correspondence instead.
public struct EmailImport: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    /// The message files at `path`, in a stable order; the source is only read.
    public static func messageFiles(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FieldError("path", "\(path) does not exist")
        }
        guard isDirectory.boolValue else { return [path] }
        let manager = FileManager.default
        let maildir = ["new", "cur"].map { path + "/" + $0 }.filter { manager.fileExists(atPath: $0) }
        if !maildir.isEmpty {
            return try maildir.flatMap { folder in
                try manager.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
            }
        }
        return try manager.contentsOfDirectory(atPath: path).filter { $0.lowercased().hasSuffix(".eml") }.sorted()
            .map { path + "/" + $0 }
    }

    public func run(path: String, officeCode: String?, actor: String, now: Date = Date()) async throws -> ImportReport {
        let files = try Self.messageFiles(at: path)
        let runID = try await context.database.withConnection { connection in
            try await context.applications.startRun(channel: .email, source: URL(fileURLWithPath: path).lastPathComponent,
                                                    actor: actor, on: connection)
        }
        var rejections: [(record: Int, reason: String)] = []
        var new = 0, present = 0, followUps = 0, withProblems = 0
        let resolver = Applications.Resolver(context)
        let regionCodes = try await context.database.withConnection { connection in
            Dictionary(uniqueKeysWithValues: try await context.regions.all(on: connection).map { ($0.id, $0.code) })
        }
        for (index, file) in files.enumerated() {
            guard let data = FileManager.default.contents(atPath: file) else {
                rejections.append((index + 1, "\(URL(fileURLWithPath: file).lastPathComponent): cannot be read"))
                continue
            }
            let message = MIMEMessage(data)
            guard message.header("From") != nil || message.header("Subject") != nil else {
                rejections.append((index + 1, "\(URL(fileURLWithPath: file).lastPathComponent): not an e-mail message (no From or Subject)"))
                continue
            }
            let messageID = message.messageID
                ?? "sha256-\(AuditChain.hex(Array(SHA256.hash(data: data))))@adal.invalid"
            let raw = String(decoding: data, as: UTF8.self)
            let outcome = try await context.database.transaction { connection -> Outcome in
                if let parent = try await context.applications.find(messageIDs: message.inReplyTo + message.references, on: connection) {
                    let added = try await context.applications.addMessage(
                        applicationID: parent.id, regionID: parent.regionID, messageID: messageID,
                        receivedAt: message.date ?? now, sender: message.header("From"), subject: message.subject,
                        body: message.text, raw: raw, actor: actor, on: connection)
                    if added {
                        try await context.audit.append(AuditEntryDraft(
                            actor: actor, action: "application.correspondence", entity: "application",
                            entityID: parent.id.uuidString.lowercased(), regionID: parent.regionID, before: nil,
                            after: AuditJSON.encode(["message_id": messageID])), on: connection)
                    }
                    return added ? .followUp : .present
                }
                let office: (code: String, regionID: Int64)?
                if let officeCode {
                    office = try await context.offices.find(code: officeCode, on: connection).map { (officeCode.uppercased(), $0.regionID) }
                    if office == nil { throw ValidationFailure([FieldError("office", "no office has the code '\(officeCode)'")]) }
                } else {
                    office = try await context.offices.find(emails: message.to, on: connection)
                }
                guard let office, let code = regionCodes[office.regionID],
                      let info = try await resolver.region(code, on: connection) else {
                    return .rejected("no office has the mailbox \(message.to.joined(separator: ", ")); give --office")
                }
                var draft = Self.draft(message, messageID: messageID, raw: raw, region: info, officeCode: office.code, now: now)
                draft.checkApplicant(country: info.country, fields: .form)
                let prepared = try await resolver.prepare(draft, region: info, on: connection)
                let ids = try await Applications(context).store([prepared], actor: actor, importRunID: runID, on: connection)
                if ids.isEmpty { return .present }
                return .new(withProblems: !prepared.draft.problems.isEmpty)
            }
            switch outcome {
            case let .new(problems):
                new += 1
                if problems { withProblems += 1 }
            case .present: present += 1
            case .followUp: followUps += 1
            case let .rejected(reason): rejections.append((index + 1, "\(URL(fileURLWithPath: file).lastPathComponent): \(reason)"))
            }
        }
        try await context.database.withConnection { connection in
            try await context.applications.finishRun(id: runID, new: new, present: present, followUps: followUps,
                                                    rejections: rejections, on: connection)
        }
        await AuditTrail(context).sealAfterCommit()
        return ImportReport(runID: runID, source: path, records: files.count, new: new, alreadyPresent: present,
                                     followUps: followUps, rejected: rejections.count, withProblems: withProblems,
                                     rejections: rejections.map { .init(record: $0.record, reason: $0.reason) })
    }

    enum Outcome: Sendable {
        case new(withProblems: Bool)
        case present
        case followUp
        case rejected(String)
    }

    /// The application a message is: name and address from `From`, IDs, phones and addresses from the body.
    static func draft(_ message: MIMEMessage, messageID: String, raw: String, region: Applications.RegionInfo,
                      officeCode: String, now: Date) -> ApplicationDraft {
        var draft = ApplicationDraft(channel: .email, externalRef: messageID, receivedAt: message.date ?? now,
                                     regionCode: region.code, rawSource: raw)
        draft.officeCode = officeCode
        let (name, address) = message.from
        let words = (name ?? "").split(separator: " ").map(String.init)
        if words.count >= 2 {
            draft.firstName = words.dropLast().joined(separator: " ")
            draft.lastName = words.last
        } else {
            draft.lastName = words.first
        }
        draft.email = address
        draft.subject = message.subject
        draft.motivation = message.text
        draft.nationalID = BodyScanner.nationalID(in: message.text, kind: region.country.nationalIDKind)
        draft.phone = BodyScanner.phone(in: message.text, country: region.country)
        if draft.email == nil { draft.email = BodyScanner.email(in: message.text) }
        draft.attachments = message.attachments.map {
            AttachmentDraft(fileName: $0.fileName, contentType: $0.contentType, content: $0.content)
        }
        return draft
    }
}

/// Picks contact details out of free text, keeping only those whose check passes.
enum BodyScanner {
    static func nationalID(in text: String, kind: NationalIDKind) -> String? {
        let pattern: String
        switch kind {
        case .kzIIN: pattern = #"(?<!\d)\d{12}(?!\d)"#
        case .uzPINFL: pattern = #"(?<!\d)\d{14}(?!\d)"#
        case .azFIN: pattern = #"(?<![0-9A-Z])[0-9A-HJ-NP-Z]{7}(?![0-9A-Z])"#
        }
        return matches(pattern, in: text).first { (try? NationalID.parse($0, kind: kind)) != nil }
    }

    static func phone(in text: String, country: Country) -> String? {
        matches(#"\+?\d[\d \-()]{7,16}\d"#, in: text).lazy.compactMap { try? ContactDetails.phone($0, country: country) }.first
    }

    static func email(in text: String) -> String? {
        matches(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#, in: text).lazy.compactMap { try? ContactDetails.email($0) }.first
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return expression.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }
}
