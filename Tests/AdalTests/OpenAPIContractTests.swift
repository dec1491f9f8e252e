@testable import AdalAPI
import AdalCore
import AdalDomain
import AdalStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// What the OpenAPI document says of the routes, and what the router does, compared both ways.
struct RouteContract {
    struct Operation: Equatable {
        var parameters: [String]
        /// The JSON body's fields; nil when the operation takes no JSON body.
        var fields: Set<String>?
        /// The status codes its responses list ("default" lists every other).
        var statuses: Set<String> = []
    }

    /// `METHOD /path/{}` (parameters unnamed) → the operation, as the document describes it.
    static func documented(_ document: [String: Any]) -> [String: Operation] {
        var operations: [String: Operation] = [:]
        for (path, listed) in document["paths"] as? [String: [String: Any]] ?? [:] {
            let item = (listed["$ref"] as? String).map { resolve($0, in: document) } ?? listed
            for (method, value) in item where ["get", "post", "put", "patch", "delete"].contains(method) {
                let operation = value as? [String: Any] ?? [:]
                var fields: Set<String>?
                if let body = operation["requestBody"] as? [String: Any],
                   let json = (body["content"] as? [String: Any])?["application/json"] as? [String: Any],
                   let schema = json["schema"] as? [String: Any] {
                    fields = properties(of: schema, in: document)
                }
                let statuses = Set(((operation["responses"] as? [String: Any]) ?? [:]).keys)
                operations["\(method.uppercased()) \(unnamed(path))"] = Operation(parameters: parameters(in: path), fields: fields,
                                                                                   statuses: statuses)
            }
        }
        return operations
    }

    /// The property names of a schema, following `$ref` and `allOf`/`oneOf`/`anyOf`.
    static func properties(of schema: [String: Any], in document: [String: Any]) -> Set<String> {
        if let reference = schema["$ref"] as? String { return properties(of: resolve(reference, in: document), in: document) }
        var names = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        for combined in ["allOf", "oneOf", "anyOf"] {
            for part in schema[combined] as? [[String: Any]] ?? [] { names.formUnion(properties(of: part, in: document)) }
        }
        return names
    }

    /// What a local `$ref` (`#/components/...`) points at.
    static func resolve(_ reference: String, in document: [String: Any]) -> [String: Any] {
        var node: Any = document
        for key in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(key)] ?? [:] }
        return node as? [String: Any] ?? [:]
    }

    static func parameters(in path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    static func unnamed(_ path: String) -> String {
        path.replacingOccurrences(of: #"\{[A-Za-z_]+\}"#, with: "{}", options: .regularExpression)
    }

    /// The router's routes, in the same form (`HEAD` left out: Hummingbird answers it for each GET).
    static func routed(_ router: Router<AdalRequestContext>) -> [String: [String]] {
        Dictionary(router.routes.filter { $0.method != .head }.map {
            ("\($0.method.rawValue) \(unnamed($0.path.description))", parameters(in: $0.path.description))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// Every disagreement between the document and the router, one line each; `fieldsRead` is what
    /// each handler with a JSON body was seen to read.
    static func differences(documented: [String: Operation], routed: [String: [String]],
                            fieldsRead: [String: Set<String>], answered: [String: Set<Int>] = [:]) -> [String] {
        var lines: [String] = []
        for route in Set(routed.keys).subtracting(documented.keys).sorted() { lines.append("\(route): routed, not documented") }
        for route in Set(documented.keys).subtracting(routed.keys).sorted() { lines.append("\(route): documented, not routed") }
        for (route, operation) in documented.sorted(by: { $0.key < $1.key }) {
            if let parameters = routed[route], parameters != operation.parameters {
                lines.append("\(route): path parameters \(parameters) in the router, \(operation.parameters) in the document")
            }
            let read = fieldsRead[route]
            if let documentedFields = operation.fields, let read, read != documentedFields {
                let onlyRead = read.subtracting(documentedFields).sorted(), onlyDocumented = documentedFields.subtracting(read).sorted()
                if !onlyRead.isEmpty { lines.append("\(route): reads \(onlyRead), which the document does not name") }
                if !onlyDocumented.isEmpty { lines.append("\(route): the document names \(onlyDocumented), which it does not read") }
            }
            if operation.fields == nil, let read { lines.append("\(route): reads a JSON body \(read.sorted()) the document does not describe") }
            if !operation.statuses.contains("default") {
                for status in (answered[route] ?? []).sorted() where !operation.statuses.contains(String(status)) {
                    lines.append("\(route): answers \(status), which the document does not list")
                }
            }
        }
        return lines
    }

    /// The statuses each route answers to what any client may send: no token; and, with `token`,
    /// made-up path parameters and a body with a field no endpoint knows. (A documented status seen
    /// in none of these is not reported: schemathesis drives the rest, checking every answer.)
    static func answers(_ client: some TestClientProtocol, routes: [String], token: String) async throws -> [String: Set<Int>] {
        var answered: [String: Set<Int>] = [:]
        for route in routes {
            let parts = route.split(separator: " ", maxSplits: 1)
            let method = HTTPRequest.Method(String(parts[0]))!
            let path = String(parts[1]).replacingOccurrences(of: "{}", with: UUID().uuidString)
            let body = method == .get || method == .delete ? nil : ByteBuffer(string: #"{"contract_probe_field": 0}"#)
            var headers: HTTPFields = [.contentType: "application/json", HTTPField.Name("If-Match")!: "*"]
            answered[route, default: []].insert(Int(try await client.execute(uri: path, method: method, headers: headers, body: body).status.code))
            // The session's DELETE would end the token the rest of the probe uses.
            guard method != .delete else { continue }
            headers[.authorization] = "Bearer \(token)"
            answered[route, default: []].insert(Int(try await client.execute(uri: path, method: method, headers: headers, body: body).status.code))
        }
        return answered
    }

    /// The fields each route's handler reads, learnt by sending it a field no endpoint knows: the
    /// refusal names the fields it takes. Routes that read no JSON body are left out.
    static func probe(_ client: some TestClientProtocol, routes: [String], token: String) async throws -> [String: Set<String>] {
        var read: [String: Set<String>] = [:]
        for route in routes {
            let parts = route.split(separator: " ", maxSplits: 1)
            // GETs and DELETEs take no body (and a DELETE of the session would end the probe's).
            guard parts[0] != "GET", parts[0] != "DELETE" else { continue }
            let path = String(parts[1]).replacingOccurrences(of: "{}", with: UUID().uuidString)
            let response = try await client.execute(
                uri: path, method: HTTPRequest.Method(String(parts[0]))!,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json", HTTPField.Name("If-Match")!: "*"],
                body: ByteBuffer(string: #"{"contract_probe_field": 0}"#))
            let problem = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any]
            if ProcessInfo.processInfo.environment["ADAL_CONTRACT_DEBUG"] != nil { print(route, response.status, problem ?? [:]) }
            guard response.status == .unprocessableContent, let detail = problem?["detail"] as? String,
                  let list = detail.components(separatedBy: "it takes: ").dropFirst().first else { continue }
            read[route] = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return read
    }
}

@Suite("The OpenAPI document and the router", .timeLimit(.minutes(3)))
struct OpenAPIContractTests {
    static var document: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes))) as? [String: Any] ?? [:]
    }

    @Test("every route is documented and every documented operation routed, with its path parameters, body fields and the statuses it answers")
    func documentMatchesRouter() async throws {
        try await TestDatabase.withTarget { target in
            try await Database.with(target, logger: TestDatabase.logger) { database in
                let context = AdalContext(database: database)
                let accounts = StaffAccounts(context, bcryptCost: 4)
                let admin = try await accounts.add(email: "contract@adal.example.kz", name: "Contract", role: .admin,
                                                   officeCode: nil, regionCode: nil, allRegions: true, actor: "test")
                let token = try await accounts.login(email: "contract@adal.example.kz", password: admin.password).token
                var quiet = APIConfiguration()
                quiet.accessLog = false
                let router = buildRouter(context: context, migrator: try Migrator(directory: TestDatabase.migrationsDirectory),
                                         configuration: quiet, logger: TestDatabase.logger)
                let routed = RouteContract.routed(router)
                let documented = RouteContract.documented(Self.document)
                #expect(routed.count > 40 && documented.count > 40, "routed \(routed.count), documented \(documented.count)")
                let app = Application(router: router)
                try await app.test(.router) { client in
                    let read = try await RouteContract.probe(client, routes: routed.keys.sorted(), token: token)
                    #expect(read.count > 20, "the probe saw \(read.count) handlers read a JSON body")
                    let answered = try await RouteContract.answers(client, routes: routed.keys.sorted(), token: token)
                    let differences = RouteContract.differences(documented: documented, routed: routed, fieldsRead: read,
                                                                answered: answered)
                    #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
                }
            }
        }
    }

    @Test("a route or a body field on one side only is found (a test router with deliberate mismatches)")
    func mismatchesAreFound() async throws {
        let router = Router(context: AdalRequestContext.self)
        router.get("/v1/widgets/{id}") { _, _ in "a widget" }
        router.post("/v1/widgets") { request, _ -> String in
            var request = request
            var input = try await JSONInput(&request, fields: ["name", "colour"])
            try input.finish()
            return "made"
        }
        router.post("/v1/gadgets") { _, _ in "only in the router" }
        let document: [String: Any] = ["paths": [
            "/v1/widgets/{widget}": ["get": ["responses": ["404": [:]]]],
            "/v1/widgets": ["post": ["requestBody": ["content": ["application/json": ["schema": [
                "type": "object", "properties": ["name": [:], "size": [:]]]]]], "responses": ["422": [:]]]],
            "/v1/sprockets": ["delete": ["responses": ["default": [:]]]],
        ]]
        let routed = RouteContract.routed(router)
        let documented = RouteContract.documented(document)
        let app = Application(router: router)
        try await app.test(.router) { client in
            let read = try await RouteContract.probe(client, routes: routed.keys.sorted(), token: "unused")
            #expect(read["POST /v1/widgets"] == ["name", "colour"])
            let answered = try await RouteContract.answers(client, routes: routed.keys.sorted(), token: "unused")
            let differences = RouteContract.differences(documented: documented, routed: routed, fieldsRead: read, answered: answered)
            #expect(differences == [
                "POST /v1/gadgets: routed, not documented",
                "DELETE /v1/sprockets: documented, not routed",
                "GET /v1/widgets/{}: path parameters [\"id\"] in the router, [\"widget\"] in the document",
                "GET /v1/widgets/{}: answers 200, which the document does not list",
                "POST /v1/widgets: reads [\"colour\"], which the document does not name",
                "POST /v1/widgets: the document names [\"size\"], which it does not read",
            ], "\(differences)")
        }
    }
}
