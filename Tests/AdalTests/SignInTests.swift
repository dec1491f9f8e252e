import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Testing

/// Sign-in as a stranger would probe it: whether an account exists must not show in the answer or
/// its time, and failures from one address must not lock the account for anyone else.
@Suite("Sign-in tells a stranger nothing")
struct SignInTests {
    static let cost = 4
    static let head = "head@kar.example.kz"
    static let stranger = "nobody@kar.example.kz"

    /// A database with the head's account (all regions) and the server; the head's password.
    static func withHead(environment: [String: String] = [:],
                         _ body: @Sendable (APIServer, String) async throws -> Void) async throws {
        try await TestDatabase.withTarget { target in
            let password = try await Database.with(target, logger: TestDatabase.logger) { database in
                try await StaffAccounts(AdalContext(database: database), bcryptCost: cost).add(
                    email: head, name: "Head of office", role: .admin, officeCode: nil, regionCode: nil, allRegions: true,
                    actor: "test").password
            }
            let server = try await APIServer(databaseURL: target.url(includingPassword: true),
                                             environment: ["ADAL_BCRYPT_COST": String(cost)].merging(environment) { $1 })
            defer { server.stop() }
            try await body(server, password)
        }
    }

    static func signIn(_ server: APIServer, _ email: String, _ password: String,
                       forwardedFor: String? = nil) async throws -> (status: Int, body: String) {
        let reply = try await server.call("POST", "/v1/sessions", json: #"{"email": "\#(email)", "password": "\#(password)"}"#,
                                          headers: forwardedFor.map { ["X-Forwarded-For": $0] } ?? [:])
        return (reply.status, reply.body)
    }

    /// Who goes first in round `round`: each in turn, so neither always follows the other.
    static func turns(_ round: Int) -> [String] { round % 2 == 0 ? [head, stranger] : [stranger, head] }

    @Test("after 11 failures from one address each, an unknown name answers as the head's account does; the head still signs in from another address (the answers' times are compared by scripts/sign-in-oracle.sh, on a quiet machine)")
    func noOracle() async throws {
        try await Self.withHead { server, password in
            var statuses: [String: [Int]] = [Self.head: [], Self.stranger: []]
            for round in 0..<11 {
                for name in Self.turns(round) {
                    statuses[name]!.append(try await Self.signIn(server, name, "not the password 1").status)
                }
            }
            #expect(statuses[Self.head] == Array(repeating: 401, count: 9) + [429, 429])
            #expect(statuses[Self.stranger] == statuses[Self.head])
            // Locked: the right password changes nothing.
            #expect(try await Self.signIn(server, Self.head, password).status == 429)
            #expect(try await Self.signIn(server, Self.stranger, "anything at all").status == 429)

            // A forwarded-for header from an untrusted peer changes nothing: still this address.
            #expect(try await Self.signIn(server, Self.head, password, forwardedFor: "203.0.113.9").status == 429)

            // The head, at another address (this machine's 127.0.0.2), is not locked out.
            let fromElsewhere = try await curlSignIn(server, email: Self.head, password: password, from: "127.0.0.2")
            #expect(fromElsewhere == 201)
        }
    }

    @Test("behind a trusted proxy the limit counts each client: one client's failures lock neither the next client nor the head")
    func behindTrustedProxy() async throws {
        try await Self.withHead(environment: ["ADAL_TRUSTED_PROXIES": "127.0.0.1/32, ::1"]) { server, password in
            for _ in 0..<10 {
                _ = try await Self.signIn(server, Self.head, "guessing, 1", forwardedFor: "198.51.100.7")
            }
            #expect(try await Self.signIn(server, Self.head, password, forwardedFor: "198.51.100.7").status == 429)
            // The proxy appends the address it saw: the client's own header counts for nothing.
            #expect(try await Self.signIn(server, Self.head, password, forwardedFor: "10.9.9.9, 198.51.100.7").status == 429)
            #expect(try await Self.signIn(server, Self.head, password, forwardedFor: "198.51.100.8").status == 201)
            #expect(try await Self.signIn(server, Self.head, password, forwardedFor: "198.51.100.7, 198.51.100.8").status == 201)
        }
    }

    @Test("without a trusted proxy, clients behind one share its address: the eleventh is refused")
    func behindUntrustedProxy() async throws {
        try await Self.withHead { server, password in
            for client in 1...10 {
                _ = try await Self.signIn(server, Self.head, "guessing, 1", forwardedFor: "198.51.100.\(client)")
            }
            #expect(try await Self.signIn(server, Self.head, password, forwardedFor: "198.51.100.11").status == 429)
        }
    }

    /// A sign-in sent from `from` (an address of this machine's loopback), as curl sees its status.
    func curlSignIn(_ server: APIServer, email: String, password: String, from: String) async throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--interface", from, "-X", "POST",
                             "-H", "Content-Type: application/json",
                             "--data", #"{"email": "\#(email)", "password": "\#(password)"}"#,
                             server.base.absoluteString + "/v1/sessions"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = try await offload { () -> Data in
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        return Int(String(decoding: data, as: UTF8.self)) ?? -1
    }
}
