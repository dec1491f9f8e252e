import AdalCore
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO
import Testing

/// A seeded database with staff of every role in Karaganda (KZ-35), records in Karaganda and in
/// Kyzylorda (KZ-43), and the server running against it.
struct AccessWorld: Sendable {
    let server: APIServer
    /// Live session tokens by role, of users scoped to KZ-35.
    let tokens: [StaffRole: String]
    /// A token of an all-regions auditor, to show the other region's records exist.
    let everywhereToken: String
    /// A token that expired a minute ago (a registrar's).
    let expiredToken: String
    let own: Records
    let other: Records

    struct Records: Sendable {
        let volunteer: String
        let application: String
        let event: String
        let council: String
    }

    static func with(_ body: @Sendable (AccessWorld) async throws -> Void) async throws {
        try await TestDatabase.withTarget { target in
            let staffPasswords = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                _ = try await Seeding(context).load(try Seeding.read(directory: TestDatabase.seedsDirectory), actor: "seed")
                let accounts = StaffAccounts(context, bcryptCost: 4)
                var passwords: [String: String] = [:]
                for role in StaffRole.allCases {
                    passwords["\(role.rawValue)@kar.example.kz"] = try await accounts.add(
                        email: "\(role.rawValue)@kar.example.kz", name: "Demo \(role.rawValue)", role: role,
                        officeCode: nil, regionCode: "KZ-35", allRegions: false, actor: "test").password
                }
                passwords["auditor@adal.example.kz"] = try await accounts.add(
                    email: "auditor@adal.example.kz", name: "Demo national auditor", role: .auditor, officeCode: nil,
                    regionCode: nil, allRegions: true, actor: "test").password
                return passwords
            }
            let (own, other) = try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                func records(_ region: String) async throws -> Records {
                    let volunteer = try await Volunteers(context).list(regionCode: region, status: nil, kind: nil, after: nil,
                                                                       limit: 1).first!
                    let application = try await Applications(context).add(
                        .init(lastName: "Заявитель", firstName: region, regionCode: region), actor: "test")
                    let event = try await Directory(context).events(regionCode: region, limit: 1).first!
                    let council = try await Directory(context).councils(regionCode: region).first!
                    return Records(volunteer: volunteer.id.uuidString, application: application.id.uuidString,
                                   event: event.id.uuidString, council: council.code)
                }
                return (try await records("KZ-35"), try await records("KZ-43"))
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true))
            defer { server.stop() }
            var tokens: [StaffRole: String] = [:]
            for role in StaffRole.allCases {
                let email = "\(role.rawValue)@kar.example.kz"
                tokens[role] = try await server.login(email, staffPasswords[email]!)
            }
            let everywhere = try await server.login("auditor@adal.example.kz", staffPasswords["auditor@adal.example.kz"]!)
            let expired = try await server.login("registrar@kar.example.kz", staffPasswords["registrar@kar.example.kz"]!)
            try await Database.with(target, logger: TestDatabase.logger) { database in
                try await database.withConnection { connection in
                    _ = try await connection.query("""
                        UPDATE staff_tokens SET expires_at = now() - interval '1 minute'
                        WHERE id = (SELECT max(id) FROM staff_tokens)
                        """, logger: TestDatabase.logger).collect()
                }
            }
            try await body(AccessWorld(server: server, tokens: tokens, everywhereToken: everywhere, expiredToken: expired,
                                       own: own, other: other))
        }
    }
}

@Suite("API access: roles, regions, tokens", .timeLimit(.minutes(5)))
struct APIAccessTests {
    /// One endpoint call, made for a given region's records.
    struct Call: Sendable, CustomStringConvertible {
        let method: String
        let path: @Sendable (AccessWorld.Records) -> String
        let template: String
        let body: (@Sendable (Int) -> String)?
        var contentType = "application/json"
        /// Roles the matrix in the README allows.
        let allowed: Set<StaffRole>
        /// The status an allowed role gets for its own region's record.
        let success: Int
        /// What an allowed role gets for the other region's record (lists: 200, filtered).
        let otherRegion: Int

        var description: String { "\(method) \(template)" }

        init(method: String, path: @escaping @Sendable (AccessWorld.Records) -> String, template: String,
             body: (@Sendable (Int) -> String)?, contentType: String = "application/json", allowed: Set<StaffRole>,
             success: Int, otherRegion: Int) {
            self.method = method
            self.path = path
            self.template = template
            self.body = body
            self.contentType = contentType
            self.allowed = allowed
            self.success = success
            self.otherRegion = otherRegion
        }

        func send(_ world: AccessWorld, _ records: AccessWorld.Records, token: String?, serial: Int) async throws -> APIServer.Reply {
            try await world.server.call(method, path(records), token: token, body: body.map { Data($0(serial).utf8) },
                                        headers: body == nil ? [:] : ["Content-Type": contentType, "If-Match": "*"])
        }
    }

    static let eOtinishExport = """
        reg_number,registered_at,appeal_type,applicant_iin,applicant_last_name,applicant_first_name,region,subject,text
        ЖТ-2026-MATRIX,2026-11-02 10:15,application,,Матрица,Тест,KZ-35,Волонтер,Хочу помочь

        """

    static let everyone = Set(StaffRole.allCases)

    static func volunteerBody(_ n: Int, region: String = "KZ-35") -> String {
        // Distinct valid IINs: born 1990-01-01, a serial of its own, and whichever check digit is right.
        let id = (0..<10).lazy.flatMap { step in
            (0...9).map { String(format: "900101%05d", 30_000 + n * 10 + step) + String($0) }
        }.first { (try? NationalID.parse($0, kind: .kzIIN)) != nil }!
        return #"{"last_name": "Тестов", "first_name": "Матрица", "national_id": "\#(id)", "region": "\#(region)", "kind": "individual", "areas": ["awareness"], "language": "ru", "consent_version": "v1"}"#
    }

    static let calls: [Call] = [
        Call(method: "GET", path: { _ in "/v1/me" }, template: "/v1/me", body: nil, allowed: everyone, success: 200, otherRegion: 200),
        Call(method: "GET", path: { _ in "/v1/regions" }, template: "/v1/regions", body: nil, allowed: everyone, success: 200, otherRegion: 200),
        Call(method: "GET", path: { _ in "/v1/reports/applications" }, template: "/v1/reports/{name}", body: nil, allowed: [.admin, .auditor],
             success: 200, otherRegion: 200),
        Call(method: "GET", path: { _ in "/v1/volunteers" }, template: "/v1/volunteers", body: nil, allowed: everyone, success: 200, otherRegion: 200),
        Call(method: "GET", path: { "/v1/volunteers/\($0.volunteer)" }, template: "/v1/volunteers/{id}", body: nil, allowed: everyone, success: 200, otherRegion: 404),
        Call(method: "POST", path: { _ in "/v1/volunteers" }, template: "/v1/volunteers", body: { volunteerBody($0) },
             allowed: [.registrar, .admin], success: 201, otherRegion: 201),
        Call(method: "PATCH", path: { "/v1/volunteers/\($0.volunteer)" }, template: "/v1/volunteers/{id}",
             body: { _ in #"{"status": "active"}"# }, allowed: [.registrar, .admin], success: 200, otherRegion: 404),
        Call(method: "GET", path: { _ in "/v1/applications" }, template: "/v1/applications", body: nil, allowed: [.registrar, .admin, .auditor], success: 200, otherRegion: 200),
        Call(method: "GET", path: { "/v1/applications/\($0.application)" }, template: "/v1/applications/{id}", body: nil, allowed: [.registrar, .admin, .auditor], success: 200, otherRegion: 404),
        Call(method: "POST", path: { _ in "/v1/applications" }, template: "/v1/applications",
             body: { _ in #"{"last_name": "Заявитель", "first_name": "Офис", "region": "KZ-35"}"# },
             allowed: [.registrar, .admin], success: 201, otherRegion: 201),
        Call(method: "POST", path: { "/v1/applications/\($0.application)/assign" }, template: "/v1/applications/{id}/assign",
             body: { _ in #"{"reviewer": "registrar@kar.example.kz"}"# }, allowed: [.registrar, .admin], success: 200, otherRegion: 404),
        Call(method: "POST", path: { _ in "/v1/applications/imports" }, template: "/v1/applications/imports",
             body: { _ in eOtinishExport }, contentType: "text/csv", allowed: [.registrar, .admin], success: 200, otherRegion: 200),
        Call(method: "GET", path: { _ in "/v1/events" }, template: "/v1/events", body: nil, allowed: [.coordinator, .admin, .auditor], success: 200, otherRegion: 200),
        Call(method: "GET", path: { "/v1/events/\($0.event)" }, template: "/v1/events/{id}", body: nil, allowed: [.coordinator, .admin, .auditor], success: 200, otherRegion: 404),
        Call(method: "GET", path: { _ in "/v1/councils" }, template: "/v1/councils", body: nil, allowed: [.coordinator, .admin, .auditor], success: 200, otherRegion: 200),
        Call(method: "GET", path: { "/v1/councils/\($0.council)" }, template: "/v1/councils/{code}", body: nil, allowed: [.coordinator, .admin, .auditor], success: 200, otherRegion: 404),
        Call(method: "POST", path: { _ in "/v1/events" }, template: "/v1/events",
             body: { n in #"{"kind": "seminar", "title": "Матрица \#(n)", "venue": "Караганда", "region": "KZ-35", "starts": "2026-12-01T10:00"}"# },
             allowed: [.coordinator, .admin], success: 201, otherRegion: 201),
        Call(method: "POST", path: { "/v1/councils/\($0.council)/members" }, template: "/v1/councils/{code}/members",
             body: { n in #"{"name": "Мүше \#(n)", "role": "member", "reached_by_office": true}"# }, allowed: [.coordinator, .admin], success: 201, otherRegion: 404),
        Call(method: "GET", path: { _ in "/v1/audit" }, template: "/v1/audit", body: nil, allowed: [.admin, .auditor], success: 200, otherRegion: 200),
    ]

    @Test("every endpoint × every role × own region, other region, no token, expired token")
    func accessMatrix() async throws {
        try await AccessWorld.with { world in
            var serial = 0
            var failures: [String] = []
            for call in Self.calls {
                for role in StaffRole.allCases {
                    for (regionName, records) in [("own", world.own), ("other", world.other)] {
                        serial += 1
                        let reply = try await call.send(world, records, token: world.tokens[role], serial: serial)
                        let expected = call.allowed.contains(role) ? (regionName == "own" ? call.success : call.otherRegion) : 403
                        if reply.status != expected {
                            failures.append("\(call) as \(role) (\(regionName) region): \(reply.status), expected \(expected): \(reply.body.prefix(200))")
                        }
                        if reply.status >= 400 && reply.header("Content-Type") != "application/problem+json" {
                            failures.append("\(call) as \(role): error without application/problem+json")
                        }
                    }
                }
                for (label, token) in [("no token", nil as String?), ("expired token", world.expiredToken),
                                       ("made-up token", "adal_not-a-real-token")] {
                    serial += 1
                    let reply = try await call.send(world, world.own, token: token, serial: serial)
                    if reply.status != 401 { failures.append("\(call) with \(label): \(reply.status), expected 401") }
                    if reply.header("WWW-Authenticate") != "Bearer" { failures.append("\(call) with \(label): no WWW-Authenticate") }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("lists and searches of a Karaganda user never hold a Kyzylorda record; an all-regions auditor sees both")
    func noLeaksInLists() async throws {
        try await AccessWorld.with { world in
            let other = world.other
            let admin = world.tokens[.admin]!
            let lists = [
                "/v1/volunteers?limit=200", "/v1/volunteers?region=KZ-43", "/v1/volunteers?q=a",
                "/v1/applications?limit=200", "/v1/applications?region=KZ-43",
                "/v1/events?limit=200", "/v1/events?region=KZ-43", "/v1/councils", "/v1/councils?region=KZ-43",
                "/v1/audit?limit=200",
            ]
            for path in lists {
                let reply = try await world.server.call("GET", path, token: admin)
                #expect(reply.status == 200, "\(path): \(reply.body)")
                for secret in [other.volunteer, other.application, other.event, "\"\(other.council)\""] {
                    #expect(!reply.body.contains(secret), "\(path) leaks \(secret)")
                }
                #expect(!reply.body.contains("KZ-43"), "\(path) shows a KZ-43 record")
            }
            let ownList = try await world.server.call("GET", "/v1/volunteers", token: admin)
            #expect(ownList.body.contains(world.own.volunteer))
            for path in ["/v1/volunteers/\(other.volunteer)", "/v1/applications/\(other.application)",
                         "/v1/events/\(other.event)", "/v1/councils/\(other.council)"] {
                #expect(try await world.server.call("GET", path, token: world.everywhereToken).status == 200, "\(path)")
            }
            // Outside one's region and never existing look the same.
            let outside = try await world.server.call("GET", "/v1/volunteers/\(other.volunteer)", token: admin)
            let missing = try await world.server.call("GET", "/v1/volunteers/\(UUID().uuidString)", token: admin)
            #expect(outside.status == 404 && missing.status == 404)
            #expect(outside.body == missing.body)
            // Registering in another region is refused, naming the field.
            let elsewhere = try await world.server.call("POST", "/v1/volunteers", token: world.tokens[.registrar],
                                                        json: Self.volunteerBody(900, region: "KZ-43"))
            #expect(elsewhere.status == 422)
            #expect(elsewhere.body.contains("\"field\":\"region\""))
        }
    }

    @Test("a coordinator sees volunteers with the national ID masked; reading one is audited")
    func maskingAndReadAudit() async throws {
        try await AccessWorld.with { world in
            let id = world.own.volunteer
            let asCoordinator = try await world.server.call("GET", "/v1/volunteers/\(id)", token: world.tokens[.coordinator])
            let nationalID = try #require(asCoordinator.json["national_id"] as? String)
            #expect(nationalID.hasPrefix("••••••••"))
            #expect(asCoordinator.json["birth_date"] == nil)
            let asRegistrar = try await world.server.call("GET", "/v1/volunteers/\(id)", token: world.tokens[.registrar])
            let full = try #require(asRegistrar.json["national_id"] as? String)
            #expect(full.count == 12 && full.allSatisfy(\.isNumber))
            #expect(full.hasSuffix(nationalID.suffix(4)))
            // Lists mask it for everybody and leave contact details out.
            let list = try await world.server.call("GET", "/v1/volunteers", token: world.tokens[.registrar])
            #expect(list.items.allSatisfy { ($0["national_id"] as? String)?.hasPrefix("••••") ?? true })
            #expect(list.items.allSatisfy { $0["phone"] == nil && $0["email"] == nil })

            let audit = try await world.server.call("GET", "/v1/audit?entity=volunteer&entity_id=\(id.lowercased())&action=volunteer.read",
                                                    token: world.tokens[.auditor])
            let actors = audit.items.compactMap { $0["actor"] as? String }
            #expect(actors.contains("staff:coordinator@kar.example.kz"))
            #expect(actors.contains("staff:registrar@kar.example.kz"))
            let coordinatorRead = try #require(audit.items.first { ($0["actor"] as? String) == "staff:coordinator@kar.example.kz" })
            let fields = (coordinatorRead["after"] as? [String: Any])?["fields"] as? [String]
            #expect(fields == ["phone", "email"])
        }
    }
}
