@testable import AdalCore
import AdalDomain
import AdalIntake
import AdalStore
import Crypto
import Foundation
import Testing

@Suite("E-mail import", .timeLimit(.minutes(3)))
struct EmailImportTests {
    static let mail = Fixtures.path("mail")

    func byRef(_ context: AdalContext) async throws -> [String: ApplicationRecord] {
        let list = try await Applications(context).list(.init(), regionCode: nil)
        var result: [String: ApplicationRecord] = [:]
        for record in list { result[record.externalRef] = try await Applications(context).show(record.id.uuidString) }
        return result
    }

    /// The fixtures with CRLF line ends, as mail programs save messages (the files have LF).
    static func withCRLF() throws -> String {
        let folder = NSTemporaryDirectory() + "adal-mail-crlf-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: mail) where name.hasSuffix(".eml") {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: mail + "/" + name))
            var crlf = Data()
            for byte in bytes {
                if byte == 0x0A { crlf.append(0x0D) }
                crlf.append(byte)
            }
            try crlf.write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        return folder
    }

    @Test("each MIME feature is read: encoded words, quoted-printable, base64, attachments, Windows-1251, KOI8-R HTML; with LF or CRLF line ends",
          arguments: [false, true])
    func mimeFeatures(crlf: Bool) async throws {
        let path = crlf ? try Self.withCRLF() : Self.mail
        defer { if crlf { try? FileManager.default.removeItem(atPath: path) } }
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let report = try await EmailImport(context).run(path: path, officeCode: nil, actor: "registrar")
            #expect(report.new == 4)
            #expect(report.followUps == 1)
            #expect(report.rejected == 0)

            let applications = try await byRef(context)
            let first = try #require(applications["app-1@example.kz"])
            #expect(first.subject == "Еріктілерге қосылғым келеді")
            #expect(first.fullName == "Қалымбетова Айгерім")
            #expect(first.nationalID == "910314401230")
            #expect(first.nationalIDValid)
            #expect(first.phone == "+77015550101")
            #expect(first.email == "aigerim.demo@example.kz")
            #expect(first.regionCode == "KZ-35")
            #expect(first.officeCode == "KAR")
            #expect(first.motivation?.contains("қоғамдық бақылауға") == true)
            #expect(first.history.contains { $0.kind == "correspondence" && $0.note == "Re: Еріктілерге қосылғым келеді" })

            let second = try #require(applications["app-2@example.kz"])
            #expect(second.motivation == "Прошу принять меня в волонтеры. Анкета во вложении.\n")
            let attachment = try #require(second.attachments.first)
            #expect(attachment.fileName == "анкета волонтера.pdf")
            #expect(attachment.contentType == "application/pdf")
            let expected = Data("%PDF-1.4\n% demo questionnaire\n".utf8) + Data((0...255).map { UInt8($0) })
            #expect(attachment.size == expected.count)
            #expect(attachment.sha256 == AuditChain.hex(Array(SHA256.hash(data: expected))))

            let third = try #require(applications["app-3@example.kz"])
            #expect(third.motivation?.hasPrefix("Готов оказывать бесплатную юридическую помощь.") == true)
            #expect(third.phone == "+77025551002")

            let fourth = try #require(applications["app-4@example.kz"])
            #expect(fourth.motivation == "Здравствуйте!\nХочу участвовать в общественном мониторинге.")
        }
    }

    @Test("importing again, or the Maildir holding the same messages, adds nothing and leaves the source as it was")
    func idempotentAndReadOnly() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let files = try EmailImport.messageFiles(at: Self.mail + "/maildir")
            #expect(files.count == 2)
            let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.mail + "/maildir/new")

            _ = try await EmailImport(context).run(path: Self.mail, officeCode: nil, actor: "a")
            let again = try await EmailImport(context).run(path: Self.mail, officeCode: nil, actor: "a")
            let maildir = try await EmailImport(context).run(path: Self.mail + "/maildir", officeCode: nil, actor: "a")

            #expect(again.new == 0 && again.alreadyPresent == 5)
            #expect(maildir.new == 0 && maildir.alreadyPresent == 2)
            #expect(try await count("applications", in: context) == 4)
            #expect(try await count("application_messages", in: context) == 1)
            #expect(try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: Self.mail + "/maildir/new") == names)
        }
    }

    @Test("a Maildir entry that is a symbolic link, a folder or a pipe is skipped and reported, not followed; the rest is imported")
    func onlyRegularFiles() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adal-maildir-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.copyItem(atPath: Self.mail + "/maildir", toPath: folder + "/maildir")
            // A file the mailbox's owner should not hand over, reached through a link in new/.
            try FileManager.default.copyItem(atPath: Self.mail + "/03-alternative-cp1251.eml", toPath: folder + "/private.eml")
            try FileManager.default.createSymbolicLink(atPath: folder + "/maildir/new/1700000009.9.demo",
                                                       withDestinationPath: folder + "/private.eml")
            try FileManager.default.createDirectory(atPath: folder + "/maildir/new/1700000010.9.demo", withIntermediateDirectories: false)
            #expect(mkfifo(folder + "/maildir/new/1700000011.9.demo", 0o600) == 0)

            let report = try await EmailImport(context).run(path: folder + "/maildir", officeCode: nil, actor: "a")

            #expect(report.records == 5)
            #expect(report.new + report.followUps + report.alreadyPresent == 2, "\(report)")
            let reasons = report.rejections.map(\.reason).sorted()
            #expect(reasons == ["1700000009.9.demo: is a symbolic link; skipped", "1700000010.9.demo: is not a regular file; skipped",
                                "1700000011.9.demo: is not a regular file; skipped"], "\(reasons)")
            #expect(try await Applications(context).list(.init(), regionCode: nil).allSatisfy { !$0.externalRef.contains("app-3@") })
        }
    }

    @Test("a message with a NUL byte is rejected with its reason, the Maildir's other messages are imported, and later runs skip it unread, remembered")
    func messageWithNUL() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adal-maildir-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.copyItem(atPath: Self.mail + "/maildir", toPath: folder + "/maildir")
            let broken = """
                From: sender@example.kz\r
                To: pr.karaganda@antikor.gov.kz\r
                Subject: NUL\r
                Message-ID: <nul@example.kz>\r
                Date: Mon, 02 Nov 2026 09:00:00 +0500\r
                Content-Type: text/plain; charset="utf-8"\r
                \r
                before\u{0}after\r

                """
            try Data(broken.utf8).write(to: URL(fileURLWithPath: folder + "/maildir/new/1699999999.9.demo"))
            for run in 1...3 {
                let report = try await EmailImport(context).run(path: folder + "/maildir", officeCode: nil, actor: "a")
                #expect(report.records == 3)
                #expect(report.new + report.followUps + report.alreadyPresent == 2, "run \(run): \(report)")
                if run == 1 {
                    #expect(report.rejections.map(\.reason) == ["1699999999.9.demo: motivation holds a NUL character, which cannot be stored"])
                    #expect(report.refusedEarlier == 0)
                } else {
                    #expect(report.rejections.isEmpty, "run \(run): \(report.rejections)")
                    #expect(report.refusedEarlier == 1, "run \(run)")
                }
            }
            // Remembered once, with its reason; the Maildir is only read.
            #expect(try await count("refused_messages WHERE reason LIKE 'motivation holds a NUL%'", in: context) == 1)
            #expect(try await count("audit_entries WHERE action = 'import.message_refused'", in: context) == 1)
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/maildir/new/1699999999.9.demo")) == Data(broken.utf8))
            #expect(try await count("applications", in: context) == 2)
            #expect(try await count("applications WHERE external_ref LIKE '%nul@%'", in: context) == 0)
        }
    }

    @Test("a Maildir is taken in the order its messages were received: a reply in new/ joins its original in cur/")
    func receivedOrderAcrossNewAndCur() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let folder = try ThreadMaildir.make()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try ThreadMaildir.message("reply@example.kz", replyTo: "original@example.kz", "Volunteering", "Here is my CV.")
                .write(to: URL(fileURLWithPath: folder + "/new/1700000200.1.demo"))
            try ThreadMaildir.message("original@example.kz", replyTo: nil, "Volunteering", "I would like to volunteer.")
                .write(to: URL(fileURLWithPath: folder + "/cur/1700000100.1.demo:2,S"))
            let report = try await EmailImport(context).run(path: folder, officeCode: nil, actor: "a")
            #expect(report.new == 1 && report.followUps == 1, "\(report)")
            #expect(try await count("applications", in: context) == 1)
            #expect(try await count("application_messages", in: context) == 1)
        }
    }

    @Test("a reply imported a run before its original is joined to it when the original comes: one application, the reply its message, audited")
    func originalAfterItsReply() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let folder = try ThreadMaildir.make()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try ThreadMaildir.message("late-reply@example.kz", replyTo: "late-original@example.kz", "Re: Volunteering", "Here is my CV.")
                .write(to: URL(fileURLWithPath: folder + "/new/1700000200.1.demo"))
            let first = try await EmailImport(context).run(path: folder, officeCode: nil, actor: "a")
            #expect(first.new == 1, "\(first)")
            #expect(try await count("applications", in: context) == 1)
            try ThreadMaildir.message("late-original@example.kz", replyTo: nil, "Volunteering", "I would like to volunteer.")
                .write(to: URL(fileURLWithPath: folder + "/cur/1700000100.1.demo:2,S"))
            let second = try await EmailImport(context).run(path: folder, officeCode: nil, actor: "a")
            #expect(second.new == 1, "\(second)")
            #expect(try await count("applications", in: context) == 1)
            let remaining = try await Applications(context).list(.init(limit: 10), regionCode: nil)
            #expect(remaining.map(\.externalRef) == ["late-original@example.kz"])
            let original = try await Applications(context).show(remaining[0].id.uuidString)
            #expect(original.history.map(\.kind) == ["received", "correspondence"])
            #expect(try await count("application_messages", in: context) == 1)
            let audit = try await AuditTrail(context).entries(before: nil, limit: 50, entity: "application",
                                                            entityID: original.id.uuidString.lowercased(), action: nil)
            #expect(audit.contains { $0.action == "application.reply_joined" && ($0.after ?? "").contains("late-reply@example.kz") })
            let third = try await EmailImport(context).run(path: folder, officeCode: nil, actor: "a")
            #expect(third.new == 0 && third.followUps == 0, "importing again adds nothing: \(third)")
            #expect(try await count("applications", in: context) == 1)
        }
    }

    @Test("a reply's attachments join its application; a From name written \"Family, Given\" is read family first")
    func replyAttachmentsAndFamilyFirst() async throws {
        let made = try await runPython("""
            import json
            from email.message import EmailMessage
            from email.headerregistry import Address
            original = EmailMessage()
            original['From'] = Address('Ахметова, Дана', 'dana', 'example.kz')
            original['To'] = 'pr.karaganda@antikor.gov.kz'
            original['Subject'] = 'Еріктілер'
            original['Message-ID'] = '<family-first@example.kz>'
            original.set_content('Еріктілерге қосылғым келеді.')
            reply = EmailMessage()
            reply['From'] = Address('Ахметова, Дана', 'dana', 'example.kz')
            reply['To'] = 'pr.karaganda@antikor.gov.kz'
            reply['Subject'] = 'Re: Еріктілер'
            reply['Message-ID'] = '<family-first-reply@example.kz>'
            reply['In-Reply-To'] = '<family-first@example.kz>'
            reply.set_content('Жеке куәлігімнің көшірмесі қоса берілді.')
            reply.add_attachment(bytes(range(256)) * 8, maintype='application', subtype='pdf', filename='kualik.pdf')
            print(json.dumps({'original': original.as_bytes().decode('utf-8'), 'reply': reply.as_bytes().decode('utf-8')}))
            """, input: "", what: "the original and its reply")
        let (original, reply) = (try #require(made["original"] as? String), try #require(made["reply"] as? String))
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let folder = try ThreadMaildir.make()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try Data(original.utf8).write(to: URL(fileURLWithPath: folder + "/cur/1700000100.1.demo:2,S"))
            try Data(reply.utf8).write(to: URL(fileURLWithPath: folder + "/new/1700000200.1.demo"))
            let report = try await EmailImport(context).run(path: folder, officeCode: nil, actor: "a")
            #expect(report.new == 1 && report.followUps == 1, "\(report)")
            let stored = try #require(try await Applications(context).list(.init(), regionCode: nil).first)
            let shown = try await Applications(context).show(stored.id.uuidString)
            #expect(shown.fullName == "Ахметова Дана", "the family name first, as the sender wrote it: \(shown.fullName)")
            #expect(shown.attachments.map(\.fileName) == ["kualik.pdf"] && shown.attachments.first?.size == 2048,
                    "the reply's attachment is the application's: \(shown.attachments)")
        }
    }

    @Test("a multipart message cut short (made with Python's email package, then cut) keeps what arrived and lists the problem")
    func truncatedMultipart() async throws {
        let made = try await runPython("""
            import json, sys
            from email.message import EmailMessage
            m = EmailMessage()
            m['From'] = 'Aigerim Kalymbetova <aigerim.demo@example.kz>'
            m['To'] = 'pr.karaganda@antikor.gov.kz'
            m['Subject'] = 'Volunteering'
            m['Message-ID'] = '<cut@example.kz>'
            m.set_content('I would like to volunteer.')
            m.add_attachment(bytes(range(256)) * 40, maintype='application', subtype='pdf', filename='a.pdf')
            raw = m.as_bytes()
            end = raw.rindex(b'--' + m.get_boundary().encode())
            cut = raw[:end - 30]
            print(json.dumps({'message': cut.decode('ascii')}))
            """, input: "", what: "the cut message")
        let raw = try #require(made["message"] as? String)
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adal-mail-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(raw.utf8).write(to: URL(fileURLWithPath: folder + "/cut.eml"))
            let report = try await EmailImport(context).run(path: folder, officeCode: nil, actor: "a")
            #expect(report.new == 1 && report.withProblems == 1, "\(report)")
            let stored = try #require(try await Applications(context).list(.init(), regionCode: nil).first)
            #expect(stored.problems.map { "\($0.field): \($0.reason)" } == ["attachment a.pdf: the message ends before it does"])
            #expect(stored.motivation?.contains("I would like to volunteer.") == true)
            let kept = try await count("application_attachments WHERE file_name = 'a.pdf' AND length(content) > 5000", in: context)
            #expect(kept == 1)
        }
    }

    @Test("the same Message-ID reaching two offices is an application in each; a reply joins only its own office's")
    func messageIDsPerOffice() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            let kyzylorda = try await EmailImport(context).run(path: Self.mail + "/01-utf8-qp.eml", officeCode: "KZY", actor: "a")
            let karaganda = try await EmailImport(context).run(path: Self.mail + "/01-utf8-qp.eml", officeCode: "KAR", actor: "a")
            #expect(kyzylorda.new == 1 && karaganda.new == 1, "one office's Message-ID does not block another's")
            #expect(try await EmailImport(context).run(path: Self.mail + "/01-utf8-qp.eml", officeCode: "KAR", actor: "a")
                .alreadyPresent == 1)

            let reply = try await EmailImport(context).run(path: Self.mail + "/05-reply.eml", officeCode: "KAR", actor: "a")
            #expect(reply.followUps == 1)
            let byOffice = Dictionary(grouping: try await Applications(context).list(.init(), regionCode: nil), by: { $0.officeCode ?? "" })
            let karApplication = try await Applications(context).show(try #require(byOffice["KAR"]?.first).id.uuidString)
            let kzyApplication = try await Applications(context).show(try #require(byOffice["KZY"]?.first).id.uuidString)
            #expect(karApplication.history.filter { $0.kind == "correspondence" }.count == 1)
            #expect(kzyApplication.history.filter { $0.kind == "correspondence" }.isEmpty)
        }
    }

    @Test("a mailbox no office owns is refused per message unless --office names it")
    func office() async throws {
        try await TestDatabase.withDatabase { context in
            try await seeded(context)
            try await context.database.withConnection { connection in
                _ = try await connection.query("UPDATE offices SET email = NULL", logger: context.logger).collect()
            }
            let unknown = try await EmailImport(context).run(path: Self.mail + "/01-utf8-qp.eml", officeCode: nil, actor: "a")
            #expect(unknown.rejected == 1)
            #expect(unknown.rejections.first?.reason.contains("--office") == true)
            let given = try await EmailImport(context).run(path: Self.mail + "/01-utf8-qp.eml", officeCode: "KZY", actor: "a")
            #expect(given.new == 1)
            #expect(try await Applications(context).list(.init(), regionCode: "KZ-43").count == 1)
        }
    }
}

/// An empty Maildir, and messages of one thread between an applicant and the Karaganda office.
enum ThreadMaildir {
    static func make() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adal-maildir-\(UUID().uuidString)").path
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        return folder
    }

    static func message(_ id: String, replyTo: String?, _ subject: String, _ text: String) -> Data {
        Data("""
            From: Aigerim Kalymbetova <aigerim.demo@example.kz>\r
            To: pr.karaganda@antikor.gov.kz\r
            Subject: \(subject)\r
            Message-ID: <\(id)>\r
            \(replyTo.map { "In-Reply-To: <\($0)>\r\nReferences: <\($0)>\r\n" } ?? "")Content-Type: text/plain; charset=utf-8\r
            \r
            \(text)\r

            """.utf8)
    }
}
