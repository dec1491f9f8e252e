import AdalDomain
import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// Where notifications for people without an e-mail address go (an SMS or Telegram gateway):
/// `ADAL_WEBHOOK_URL`, and `ADAL_WEBHOOK_SECRET` the body is signed with.
public struct WebhookConfiguration: Sendable {
    public let url: String
    public let secret: String

    public init(url: String, secret: String?) throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
            throw ValidationFailure([FieldError("ADAL_WEBHOOK_URL", "must be an http:// or https:// address")])
        }
        guard let secret, secret.utf8.count >= 16 else {
            throw ValidationFailure([FieldError("ADAL_WEBHOOK_SECRET", "must be set, at least 16 characters, when ADAL_WEBHOOK_URL is")])
        }
        self.url = url
        self.secret = secret
    }
}

/// A webhook's refusal: a 4xx other than 408 and 429 will not pass on a retry.
public struct WebhookError: Error, CustomStringConvertible, Sendable {
    public let status: Int
    public let message: String
    public var isPermanent: Bool { (400..<500).contains(status) && status != 408 && status != 429 }
    public var description: String { status == 0 ? message : "HTTP \(status) \(message)" }
}

/// Posts a notification as JSON with an HMAC-SHA256 signature of `TIMESTAMP.BODY` in
/// `X-Adal-Signature: sha256=HEX` and the timestamp in `X-Adal-Timestamp`; the Message-ID is the
/// `Idempotency-Key`, so the gateway can tell a resend.
public struct WebhookClient: Sendable {
    let configuration: WebhookConfiguration

    public init(configuration: WebhookConfiguration) { self.configuration = configuration }

    struct Body: Encodable {
        struct Person: Encodable {
            let name: String
            let phone: String?
            let email: String?
        }
        let message_id: String
        let occasion: String?
        let kind: String
        let language: String
        let recipient: Person
        let subject: String
        let text: String
    }

    static func body(for notification: Notification) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Body(
            message_id: notification.messageID, occasion: notification.job.occasion, kind: notification.kind.rawValue,
            language: notification.recipient.language.rawValue,
            recipient: .init(name: notification.recipient.name, phone: notification.recipient.phone, email: notification.recipient.email),
            subject: notification.text.subject, text: notification.text.plain))
    }

    /// `sha256=` and the hex HMAC-SHA256 of `TIMESTAMP.BODY` under the secret.
    public static func signature(secret: String, timestamp: String, body: Data) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data((timestamp + ".").utf8) + body, using: key)
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Sends one notification; returns the status line the gateway answered with.
    public func send(_ notification: Notification, now: Date = Date()) async throws -> String {
        let body = try Self.body(for: notification)
        let timestamp = String(Int(now.timeIntervalSince1970))
        var request = HTTPClientRequest(url: configuration.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "adal-worker")
        request.headers.add(name: "X-Adal-Timestamp", value: timestamp)
        request.headers.add(name: "X-Adal-Signature",
                            value: Self.signature(secret: configuration.secret, timestamp: timestamp, body: body))
        request.headers.add(name: "Idempotency-Key", value: notification.messageID)
        request.body = .bytes(ByteBuffer(data: body))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        } catch {
            throw WebhookError(status: 0, message: "webhook unreachable: \(error)")
        }
        let answer = String(buffer: try await response.body.collect(upTo: 64 * 1024))
        let summary = "\(response.status.code) \(answer.prefix(200))".trimmingCharacters(in: .whitespacesAndNewlines)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw WebhookError(status: Int(response.status.code), message: String(answer.prefix(200)))
        }
        return summary
    }
}
