import AdalDomain
import Foundation
import NIOSSL

/// Where and how to send e-mail: `ADAL_SMTP_URL`, `smtp://user:password@host:port` (STARTTLS when
/// the server offers it; `?starttls=required` refuses a server that does not, `?starttls=off`
/// never asks) or `smtps://…` (TLS from the first byte), and `ADAL_MAIL_FROM`. Certificates are
/// checked against the system's roots, or `ADAL_SMTP_CA_FILE` (PEM) for a private CA.
public struct SMTPConfiguration: Sendable {
    public enum StartTLS: String, Sendable {
        case off, auto, required
    }

    public var host: String
    public var port: Int
    public var implicitTLS: Bool
    public var startTLS: StartTLS
    public var trustedCertificates: String?
    public var username: String?
    public var password: String?
    public var from: String
    public var fromName: String?
    /// The name Adal gives itself in EHLO.
    public var helo: String

    public init(url text: String, from: String, fromName: String? = nil, helo: String = "adal.localhost") throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["smtp", "smtps"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw ValidationFailure([FieldError("ADAL_SMTP_URL", "must be smtp://[user:password@]host[:port] or smtps://…")])
        }
        self.host = host
        implicitTLS = scheme == "smtps"
        let mode = url.queryItems?.first { $0.name == "starttls" }?.value ?? "auto"
        guard let startTLS = StartTLS(rawValue: mode) else {
            throw ValidationFailure([FieldError("ADAL_SMTP_URL", "starttls must be off, auto or required, not '\(mode)'")])
        }
        self.startTLS = implicitTLS ? .off : startTLS
        port = url.port ?? (implicitTLS ? 465 : 25)
        username = url.percentEncodedUser?.removingPercentEncoding
        password = url.percentEncodedPassword?.removingPercentEncoding
        self.from = from
        self.fromName = fromName
        self.helo = helo
    }
}

extension SMTPConfiguration {
    func tlsContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let trustedCertificates { tls.trustRoots = .file(trustedCertificates) }
        return try NIOSSLContext(configuration: tls)
    }

    /// The name the certificate must carry; none for an address (SNI takes no IP literals).
    var serverName: String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }
}
