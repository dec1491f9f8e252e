import Foundation
import AdalDomain
import NIOSSL
import PostgresNIO

/// Where the database is and how to reach it, read from a `postgres://` URL.
///
/// Accepts the libpq forms Adal prints and operators write: `postgres://user:pass@host:5432/db`,
/// `postgresql://user@/db?host=/run/socket/dir&port=5432` for a Unix socket, and
/// `sslmode=disable|prefer|require|verify-ca|verify-full`.
public struct DatabaseTarget: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case socket(path: String)
    }

    public enum TLSMode: String, Sendable, Equatable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// How long a statement may run, and connecting may take, before it is given up (nil: no limit,
    /// as migrations and backups need). `ADAL_DB_TIMEOUT` for the API, the worker and the CLI.
    public var timeout: Duration?

    public init(endpoint: Endpoint, username: String, password: String?, database: String, tls: TLSMode) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    public init(url text: String) throws {
        guard let components = URLComponents(string: text),
              components.scheme == "postgres" || components.scheme == "postgresql" else {
            throw FieldError("DATABASE_URL", "must be a postgres:// or postgresql:// URL")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") },
                               uniquingKeysWith: { _, last in last })
        let port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
        let socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        if let socketDirectory {
            endpoint = .socket(path: "\(socketDirectory)/.s.PGSQL.\(port)")
        } else {
            let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"] ?? "localhost"
            endpoint = .tcp(host: host, port: port)
        }
        username = components.user.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding } ?? query["password"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? (query["dbname"] ?? username) : (path.removingPercentEncoding ?? path)
        let mode = query["sslmode"] ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw FieldError("DATABASE_URL", "sslmode '\(mode)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        self.tls = tls
    }

    /// The same server, another database on it.
    public func with(database: String) -> DatabaseTarget {
        var copy = self
        copy.database = database
        return copy
    }

    /// Whether the server is on this machine (a Unix socket or a loopback address).
    public var isLocal: Bool {
        switch endpoint {
        case .socket: return true
        case let .tcp(host, _): return ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
        }
    }

    /// The URL again, without the password, for messages and logs.
    public var redactedURL: String {
        url(includingPassword: false)
    }

    public func url(includingPassword: Bool) -> String {
        let user = username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username
        let secret = includingPassword ? password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? $0) } ?? "" : ""
        let db = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database
        switch endpoint {
        case let .tcp(host, port):
            let mode = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
            return "postgresql://\(user)\(secret)@\(host):\(port)/\(db)\(mode)"
        case let .socket(path):
            let directory = (path as NSString).deletingLastPathComponent
            let port = path.split(separator: ".").last.map(String.init) ?? "5432"
            return "postgresql://\(user)\(secret)@/\(db)?host=\(directory)&port=\(port)"
        }
    }

    func clientConfiguration() throws -> PostgresClient.Configuration {
        var configuration = try endpointConfiguration()
        if let timeout {
            configuration.options.connectTimeout = timeout
            let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
            configuration.options.additionalStartupParameters.append(("statement_timeout", "\(milliseconds)"))
        }
        return configuration
    }

    private func endpointConfiguration() throws -> PostgresClient.Configuration {
        switch endpoint {
        case let .socket(path):
            return .init(unixSocketPath: path, username: username, password: password, database: database)
        case let .tcp(host, port):
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            let tls: PostgresClient.Configuration.TLS
            switch self.tls {
            case .disable:
                tls = .disable
            case .allow, .prefer:
                tlsConfiguration.certificateVerification = .none
                tls = .prefer(tlsConfiguration)
            case .require:
                // libpq's `require` encrypts without checking the certificate.
                tlsConfiguration.certificateVerification = .none
                tls = .require(tlsConfiguration)
            case .verifyCA:
                tlsConfiguration.certificateVerification = .noHostnameVerification
                tls = .require(tlsConfiguration)
            case .verifyFull:
                tls = .require(tlsConfiguration)
            }
            return .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
    }
}
