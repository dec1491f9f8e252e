import AdalAPI
import AdalCore
import AdalDomain
import AdalStore
@testable import AdalWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Testing

/// The web console in process, over HTTP (HummingbirdTesting's live client): each page's status and
/// headers, sign-in and its cookies, CSRF, regional scope, refusals in the reader's language, and
/// a double submit. The browser walk (`scripts/web-walk.py`) does the same as a person would.
@Suite("web console pages")
struct WebConsoleTests {
    /// A seeded database with a KZ-35 registrar and coordinator, and the console on a test server.
    static func withConsole(_ body: @Sendable (TestClientProtocol, ConsoleWorld) async throws -> Void) async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let accounts = StaffAccounts(context, bcryptCost: 4)
                var passwords: [StaffRole: String] = [:]
                for role in [StaffRole.registrar, .coordinator, .admin] {
                    passwords[role] = try await accounts.add(email: "\(role.rawValue)@kar.example.kz", name: "Сейітқызы \(role.rawValue)",
                                                             role: role, officeCode: nil, regionCode: "KZ-35", allRegions: false,
                                                             actor: "test").password
                }
                let elsewhere = try await Volunteers(context).list(regionCode: "KZ-43", status: nil, kind: nil, after: nil, limit: 1).first!
                var configuration = APIConfiguration()
                configuration.accessLog = false
                configuration.trustedProxies = try TrustedProxies(parsing: "127.0.0.1/32")
                let router = buildRouter(context: context, migrator: try Migrator(directory: TestDatabase.migrationsDirectory),
                                         configuration: configuration, logger: TestDatabase.logger)
                try WebConsole(context: context, configuration: configuration, logger: TestDatabase.logger).add(to: router)
                let app = Application(router: router)
                let world = ConsoleWorld(passwords: passwords, elsewhere: elsewhere.id.uuidString.lowercased(), database: database)
                try await app.test(.live) { client in
                    try await body(client, world)
                }
            }
        }
    }

    struct ConsoleWorld: Sendable {
        let passwords: [StaffRole: String]
        let elsewhere: String
        let database: Database

        func count(_ sql: String) async throws -> Int {
            try await database.withConnection { connection in
                var result = 0
                for try await n in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger).decode(Int.self) {
                    result = n
                }
                return result
            }
        }
    }

    /// A browser's cookie jar, enough for these pages.
    final class Browser: @unchecked Sendable {
        let client: TestClientProtocol
        var cookies: [String: String] = [:]
        var language = "en"

        init(_ client: TestClientProtocol) { self.client = client }

        @discardableResult
        func get(_ path: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
            try await send(path, method: .get, headers: extra, body: nil)
        }

        @discardableResult
        func post(_ path: String, _ fields: [(String, String)], headers extra: HTTPFields = [:]) async throws -> TestResponse {
            let body = fields.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
            var headers = extra
            headers[.contentType] = "application/x-www-form-urlencoded"
            return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: body))
        }

        private func send(_ path: String, method: HTTPRequest.Method, headers extra: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
            var headers = extra
            if headers[.acceptLanguage] == nil { headers[.acceptLanguage] = language }
            if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
            for line in response.headers[values: .setCookie] {
                let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
                if line.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
            }
            return response
        }

        static func escape(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        }

        /// The hidden `csrf` (or another named) field of the page's first form holding one.
        static func hidden(_ name: String, in page: String) -> String? {
            guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(page[range.upperBound...].prefix { $0 != "\"" })
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }

        func signIn(_ email: String, _ password: String, next: String = "/") async throws -> TestResponse {
            let form = String(buffer: try await get("/sign-in?next=\(Self.escape(next))").body)
            return try await post("/sign-in", [("csrf", Self.hidden("csrf", in: form) ?? ""), ("next", next), ("email", email),
                                               ("password", password)])
        }
    }

    @Test("signed out, a page leads to sign-in and back to it after; the session cookie is HttpOnly and SameSite=Lax, Secure only behind TLS")
    func signInRoundTrip() async throws {
        try await Self.withConsole { client, world in
            let browser = Browser(client)
            let away = try await browser.get("/volunteers?status=active")
            #expect(away.status == .seeOther)
            #expect(away.headers[.location] == "/sign-in?next=/volunteers%3Fstatus%3Dactive")
            let signIn = try await browser.get("/sign-in?next=/volunteers")
            #expect(signIn.status == .ok)
            let policy = signIn.headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("frame-ancestors 'none'") && policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(signIn.headers[.init("Referrer-Policy")!] == "same-origin")
            #expect(signIn.headers[.xContentTypeOptions] == "nosniff")
            #expect(signIn.headers[.cacheControl] == "no-store")
            let wrong = try await browser.signIn("registrar@kar.example.kz", "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("The e-mail or the password is wrong."))
            let response = try await browser.signIn("registrar@kar.example.kz", world.passwords[.registrar]!, next: "/volunteers")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/volunteers")
            let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("adal_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"), "\(cookie)")
            let page = try await browser.get("/volunteers")
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")

            let behindTLS = Browser(client)
            let form = String(buffer: try await behindTLS.get("/sign-in").body)
            let secure = try await behindTLS.post("/sign-in", [
                ("csrf", Browser.hidden("csrf", in: form)!), ("next", "/"), ("email", "registrar@kar.example.kz"),
                ("password", world.passwords[.registrar]!),
            ], headers: [.init("X-Forwarded-Proto")!: "https"])
            #expect(secure.headers[values: .setCookie].contains { $0.hasPrefix("adal_session=") && $0.contains("Secure") })
        }
    }

    @Test("after sign-in, only a path on this site is followed: another host's address leads to Today")
    func nextIsSameOrigin() async throws {
        try await Self.withConsole { client, world in
            for next in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"] {
                let browser = Browser(client)
                let response = try await browser.signIn("registrar@kar.example.kz", world.passwords[.registrar]!, next: next)
                #expect(response.headers[.location] == "/", "next \(next) led to \(response.headers[.location] ?? "")")
            }
        }
    }

    @Test("every POST needs the session's CSRF token: without it, or with another session's, 403 and nothing stored")
    func csrfIsRequired() async throws {
        try await Self.withConsole { client, world in
            let browser = Browser(client)
            _ = try await browser.signIn("registrar@kar.example.kz", world.passwords[.registrar]!)
            let people = try await world.count("SELECT count(*)::int FROM people")
            let fields = [("last_name", "Жалған"), ("first_name", "Сұрау"), ("national_id", "900101300027"), ("region", "KZ-35"),
                          ("kind", "individual"), ("areas", "awareness"), ("consent", "yes")]
            #expect(try await browser.post("/volunteers", fields).status == .forbidden)
            #expect(try await browser.post("/volunteers", fields + [("csrf", String(repeating: "0", count: 64))]).status == .forbidden)
            let noSignIn = Browser(client)
            #expect(try await noSignIn.post("/sign-in", [("email", "registrar@kar.example.kz"),
                                                         ("password", world.passwords[.registrar]!)]).status == .forbidden)
            #expect(try await world.count("SELECT count(*)::int FROM people") == people)
        }
    }

    @Test("a wrong IIN check digit is refused beside the field in the reader's language, with what was typed, nothing stored; a double submit stores one volunteer")
    func registering() async throws {
        try await Self.withConsole { client, world in
            let browser = Browser(client)
            browser.language = "kk"
            _ = try await browser.signIn("registrar@kar.example.kz", world.passwords[.registrar]!)
            let form = String(buffer: try await browser.get("/volunteers/new").body)
            #expect(form.contains("<html lang=\"kk\">") && form.contains("Ерікті тіркеу"))
            let csrf = Browser.hidden("csrf", in: form)!, key = Browser.hidden("form_key", in: form)!
            func fields(_ nationalID: String) -> [(String, String)] {
                [("csrf", csrf), ("form_key", key), ("last_name", "Бектұрсынова"), ("first_name", "Әлия"), ("national_id", nationalID),
                 ("region", "KZ-35"), ("kind", "individual"), ("areas", "legal_aid"), ("consent", "yes")]
            }
            let refused = try await browser.post("/volunteers", fields("900101300019"))
            let page = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent)
            #expect(page.contains("data-field=\"national_id\">Нөмірдің бақылау цифры қате: қатесін тексеріңіз.</p>"), "\(page)")
            #expect(page.contains("value=\"Бектұрсынова\""))
            #expect(try await world.count("SELECT count(*)::int FROM people WHERE last_name = 'Бектұрсынова'") == 0)
            let first = try await browser.post("/volunteers", fields("900101300017"))
            let second = try await browser.post("/volunteers", fields("900101300017"))
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.headers[.location] == second.headers[.location])
            #expect(try await world.count("SELECT count(*)::int FROM people WHERE last_name = 'Бектұрсынова'") == 1)
            let found = String(buffer: try await browser.get("/volunteers?q=Bektursynova").body)
            #expect(found.contains("Бектұрсынова"))
        }
    }

    @Test("another region's volunteer is not found and in no list; a role without the permission gets 403")
    func scopeAndRoles() async throws {
        try await Self.withConsole { client, world in
            let registrar = Browser(client)
            _ = try await registrar.signIn("registrar@kar.example.kz", world.passwords[.registrar]!)
            #expect(try await registrar.get("/volunteers/\(world.elsewhere)").status == .notFound)
            let list = String(buffer: try await registrar.get("/volunteers").body)
            #expect(!list.contains(world.elsewhere))
            #expect(try await registrar.get("/volunteers?region=KZ-43").status == .unprocessableContent)
            let edited = try await registrar.get("/volunteers?status=asleep")
            #expect(edited.status == .unprocessableContent && String(buffer: edited.body).contains("Not a value this list knows: Status."))
            let coordinator = Browser(client)
            _ = try await coordinator.signIn("coordinator@kar.example.kz", world.passwords[.coordinator]!)
            #expect(try await coordinator.get("/applications").status == .forbidden)
            let today = String(buffer: try await coordinator.get("/").body)
            #expect(!today.contains("href=\"/applications\""))
        }
    }

    @Test("the language: the one chosen on the page, else the browser's; Uzbek in Latin with ʻ")
    func language() async throws {
        try await Self.withConsole { client, _ in
            let browser = Browser(client)
            browser.language = "ru-RU,ru;q=0.9,en;q=0.5"
            #expect(String(buffer: try await browser.get("/sign-in").body).contains("Вход в Adal"))
            let switched = try await browser.get("/language?lang=uz&back=/sign-in")
            #expect(switched.status == .seeOther && switched.headers[.location] == "/sign-in")
            let page = String(buffer: try await browser.get("/sign-in").body)
            #expect(page.contains("<html lang=\"uz-Latn\">") && page.contains("Asosiy qismga oʻtish"))
        }
    }

    @Test("sign-out ends the session: the page asked for afterwards leads to sign-in")
    func signOut() async throws {
        try await Self.withConsole { client, world in
            let browser = Browser(client)
            _ = try await browser.signIn("registrar@kar.example.kz", world.passwords[.registrar]!)
            let session = browser.cookies["adal_session"]!
            let today = String(buffer: try await browser.get("/").body)
            let out = try await browser.post("/sign-out", [("csrf", Browser.hidden("csrf", in: today)!)])
            #expect(out.status == .seeOther && out.headers[.location] == "/sign-in")
            browser.cookies["adal_session"] = session
            #expect(try await browser.get("/volunteers").status == .seeOther)
        }
    }

    @Test("the staff member's own language (adal users notify --language) wins over the browser's; a page chosen on the page wins over both")
    func ownLanguage() async throws {
        try await Self.withConsole { client, world in
            try await StaffAccounts(AdalContext(database: world.database)).setNotifications(
                email: "registrar@kar.example.kz", language: "az", headOf: nil, actor: "test")
            let browser = Browser(client)
            browser.language = "ru"
            _ = try await browser.signIn("registrar@kar.example.kz", world.passwords[.registrar]!)
            #expect(String(buffer: try await browser.get("/").body).contains("<h1>Bu gün</h1>"))
            _ = try await browser.get("/language?lang=kk&back=/")
            #expect(String(buffer: try await browser.get("/").body).contains("<h1>Бүгін</h1>"))
        }
    }

    @Test("an edit made stale by someone else's save is refused (412), showing what they changed and keeping what was typed; nothing of it stored")
    func staleEdit() async throws {
        try await Self.withConsole { client, world in
            let browser = Browser(client)
            _ = try await browser.signIn("registrar@kar.example.kz", world.passwords[.registrar]!)
            let context = AdalContext(database: world.database)
            let volunteer = try await Volunteers(context).list(regionCode: "KZ-35", status: nil, kind: nil, after: nil, limit: 1).first!
            let id = volunteer.id.uuidString.lowercased()
            let form = String(buffer: try await browser.get("/volunteers/\(id)/edit").body)
            _ = try await Volunteers(context).update(id: id, VolunteerChangeForm(phone: .some("+77015550199")), ifMatch: "*", actor: "other")
            var fields = [("csrf", Browser.hidden("csrf", in: form)!), ("etag", Browser.hidden("etag", in: form)!),
                          ("status", "paused"), ("phone", volunteer.phone ?? ""), ("email", "typed@example.kz"), ("language", "kk")]
            for name in ["status", "office", "phone", "email", "language", "areas"] {
                fields.append(("seen_\(name)", Browser.hidden("seen_\(name)", in: form) ?? ""))
            }
            fields += volunteer.areas.map { ("areas", $0.rawValue) }
            let refused = try await browser.post("/volunteers/\(id)", fields)
            let page = String(buffer: refused.body)
            #expect(refused.status == .preconditionFailed)
            #expect(page.contains("+77015550199") && page.contains("value=\"typed@example.kz\""), "\(page)")
            // The phone this person left alone shows the other save's value, so saving again keeps it.
            #expect(page.contains("name=\"phone\" type=\"tel\" value=\"+77015550199\""))
            let now = try await Volunteers(context).show(id: id)
            #expect(now.status == volunteer.status && now.email == volunteer.email)
            let fresh = String(buffer: try await browser.get("/volunteers/\(id)/edit").body)
            var again = fields.filter { !["csrf", "etag", "phone"].contains($0.0) } + [("phone", "+77015550199")]
            again += [("csrf", Browser.hidden("csrf", in: fresh)!), ("etag", Browser.hidden("etag", in: fresh)!)]
            let saved = try await browser.post("/volunteers/\(id)", again)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/volunteers/\(id)",
                    "\(saved.status): \(String(buffer: saved.body).components(separatedBy: "class=\"error\"").dropFirst().map { $0.prefix(120) })")
            let saved2 = try await Volunteers(context).show(id: id)
            #expect(saved2.status == .paused && saved2.phone == "+77015550199" && saved2.email == "typed@example.kz")
        }
    }

    @Test("the office's intake form: a refusal names its field in the reader's language; taken in, the application's page offers screening and withdrawal only")
    func intake() async throws {
        try await Self.withConsole { client, world in
            let browser = Browser(client)
            browser.language = "ru"
            _ = try await browser.signIn("registrar@kar.example.kz", world.passwords[.registrar]!)
            let form = String(buffer: try await browser.get("/applications/new").body)
            let base = [("csrf", Browser.hidden("csrf", in: form)!), ("form_key", Browser.hidden("form_key", in: form)!),
                        ("last_name", "Оспанова"), ("region", "KZ-35"), ("areas", "awareness")]
            let refused = try await browser.post("/applications", base)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("data-field=\"first_name\">Обязательное поле.</p>"))
            let taken = try await browser.post("/applications", base + [("first_name", "Мадина")])
            #expect(taken.status == .seeOther)
            let page = String(buffer: try await browser.get(taken.headers[.location]!).body)
            let actions = page.components(separatedBy: "<form method=\"post\" action=\"").dropFirst()
                .map { String($0.prefix { $0 != "\"" }.split(separator: "/").last!) }
            #expect(actions.filter { !["assign", "extend", "sign-out"].contains($0) }.sorted() == ["screen", "withdraw"], "\(actions)")
            #expect(try await world.count("SELECT count(*)::int FROM applications WHERE last_name = 'Оспанова'") == 1)
        }
    }

    @Test("an admin adds a staff account (its password shown once, on a page not cached) and disables it; not their own account; a registrar may not")
    func staffAccounts() async throws {
        try await Self.withConsole { client, world in
            let admin = Browser(client)
            _ = try await admin.signIn("admin@kar.example.kz", world.passwords[.admin]!)
            let form = String(buffer: try await admin.get("/admin/staff").body)
            let added = try await admin.post("/admin/staff", [("csrf", Browser.hidden("csrf", in: form)!), ("email", "new@kar.example.kz"),
                                                              ("name", "Жаңа Қызметкер"), ("role", "registrar"), ("region", "KZ-35")])
            let page = String(buffer: added.body)
            #expect(added.status == .created && added.headers[.cacheControl] == "no-store")
            #expect(page.range(of: #"<code class="password">[A-Za-z0-9_-]{12,}</code>"#, options: .regularExpression) != nil)
            let csrf = Browser.hidden("csrf", in: page)!
            #expect(try await admin.post("/admin/staff/disable", [("csrf", csrf), ("email", "new@kar.example.kz")]).status == .seeOther)
            #expect(try await world.count("SELECT count(*)::int FROM staff_users WHERE email = 'new@kar.example.kz' AND disabled_at IS NOT NULL") == 1)
            // A regional admin cannot disable their own account, nor one outside their regions: the database refuses too.
            #expect(try await admin.post("/admin/staff/disable", [("csrf", csrf), ("email", "admin@kar.example.kz")]).status == .forbidden)
            let registrar = Browser(client)
            _ = try await registrar.signIn("registrar@kar.example.kz", world.passwords[.registrar]!)
            #expect(try await registrar.get("/admin/staff").status == .forbidden)
        }
    }

    @Test("every catalog has the same keys, each used by the console, the reports or the printables, and no template holds text of its own")
    func catalogs() throws {
        let root = TestDatabase.packageRoot.appendingPathComponent("Sources/AdalWeb")
        var keys: [String: Set<String>] = [:]
        for language in Language.allCases {
            let data = try Data(contentsOf: TestDatabase.packageRoot.appendingPathComponent("Sources/AdalText/Catalogs/\(language.rawValue).json"))
            keys[language.rawValue] = Set(try JSONDecoder().decode([String: String].self, from: data).keys)
        }
        for language in Language.allCases {
            #expect(keys[language.rawValue] == keys["en"], "\(language): \(keys[language.rawValue]!.symmetricDifference(keys["en"]!).sorted())")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestDatabase.packageRoot.appendingPathComponent("scripts/catalog_keys.py").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let used = Set(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init))
        process.waitUntilExit()
        #expect(used.count > 150)
        #expect(used.subtracting(keys["en"]!).isEmpty, "used, not in the catalogs: \(used.subtracting(keys["en"]!).sorted())")
        // A hint is shown when the catalog has one for the field.
        let unused = keys["en"]!.subtracting(used).filter { !($0.hasPrefix("hint_") && used.contains("field_" + $0.dropFirst(5))) }
        #expect(unused.isEmpty, "in the catalogs, never used: \(unused.sorted())")
        let templates = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Templates").path)
        // Every file embedded is one the console serves (WebResources names each).
        #expect(Set(templates.map { String($0.dropLast(".mustache".count)) }) == Set(WebResources.templates.keys))
        let statics = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Static").path)
        #expect(Set(statics) == Set(WebResources.statics.keys))
        for name in templates {
            let text = try String(contentsOf: root.appendingPathComponent("Templates/\(name)"), encoding: .utf8)
            let bare = text.replacingOccurrences(of: "\\{\\{[^}]*\\}\\}\\}?", with: " ", options: .regularExpression)
                .replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            let words = bare.split(whereSeparator: { !$0.isLetter }).filter { $0 != "Adal" }
            #expect(words.isEmpty, "\(name) holds text outside the catalogs: \(words.prefix(5))")
        }
    }
}
