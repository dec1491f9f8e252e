import AdalDomain
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP server's refusal: 4xx may pass, 5xx will not.
public struct SMTPError: Error, CustomStringConvertible, Sendable {
    public let code: Int
    public let message: String
    public var isPermanent: Bool { code >= 500 }
    public var description: String { "\(code) \(message)" }
}

/// Adal's own SMTP client on SwiftNIO: EHLO, AUTH PLAIN or LOGIN, one connection for a batch of
/// messages, the envelope pipelined when the server offers PIPELINING.
public enum SMTPClient {
    public static func withSession<T: Sendable>(
        _ configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ body: (SMTPSession) async throws -> T
    ) async throws -> T {
        let sslContext = configuration.implicitTLS ? try configuration.tlsContext() : nil
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: sslContext, serverHostname: configuration.serverName))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let session = SMTPSession(configuration: configuration, channel: channel.channel, inbound: inbound.makeAsyncIterator(),
                                      outbound: outbound)
            try await session.open()
            let result = try await body(session)
            try? await session.quit()
            return result
        }
    }
}

/// One connection to the server, used by one task at a time.
public final class SMTPSession {
    let configuration: SMTPConfiguration
    let channel: any Channel
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []
    public private(set) var capabilities: Set<String> = []

    init(configuration: SMTPConfiguration, channel: any Channel, inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
         outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.configuration = configuration
        self.channel = channel
        self.inbound = inbound
        self.outbound = outbound
    }

    func open() async throws {
        try await expect(220, try await reply())
        try await hello()
        if configuration.startTLS != .off && capabilities.contains("STARTTLS") {
            try await write("STARTTLS\r\n")
            try await expect(220, try await reply())
            let handler = try NIOSSLClientHandler(context: try configuration.tlsContext(), serverHostname: configuration.serverName)
            try await channel.pipeline.addHandler(handler, position: .first)
            do {
                try await hello()
            } catch let closed as ChannelError where closed == .ioOnClosedChannel || closed == .alreadyClosed {
                // A handshake that fails (an untrusted certificate) closes the channel, which EHLO
                // may meet first; the handshake's own error, carried by the inbound side, says why.
                while try await inbound.next() != nil {}
                throw closed
            }
        } else if configuration.startTLS == .required {
            throw SMTPError(code: 0, message: "the server does not offer STARTTLS, which ADAL_SMTP_URL requires")
        }
        if let username = configuration.username, let password = configuration.password {
            let mechanisms = capabilities.first { $0.hasPrefix("AUTH") }?.split(separator: " ").map(String.init) ?? []
            if mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN") {
                let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                try await write("AUTH PLAIN \(token)\r\n")
                try await expect(235, try await reply())
            } else {
                try await write("AUTH LOGIN\r\n")
                try await expect(334, try await reply())
                try await write(Data(username.utf8).base64EncodedString() + "\r\n")
                try await expect(334, try await reply())
                try await write(Data(password.utf8).base64EncodedString() + "\r\n")
                try await expect(235, try await reply())
            }
        }
    }

    /// EHLO, and what the server says it can do.
    private func hello() async throws {
        try await write("EHLO \(configuration.helo)\r\n")
        let answer = try await reply()
        try await expect(250, answer)
        capabilities = Set(answer.lines.dropFirst().map { $0.uppercased() })
    }

    /// Sends one message; returns the server's answer to it (its queue id, usually).
    @discardableResult
    public func send(_ message: MailMessage) async throws -> String {
        let envelope = Self.envelope(message)
        var replies: [Reply] = []
        if capabilities.contains("PIPELINING") {
            try await write(envelope.joined())
            for _ in envelope { replies.append(try await reply()) }
        } else {
            for command in envelope {
                try await write(command)
                let answer = try await reply()
                replies.append(answer)
                if answer.code >= 400 { break }
            }
        }
        for (answer, expected) in zip(replies, [250, 250, 354]) where answer.code != expected {
            try? await reset()
            throw SMTPError(code: answer.code, message: answer.text)
        }
        try await outbound.write(Self.dataBlock(message.rendered()))
        let accepted = try await reply()
        try await expect(250, accepted)
        return accepted.text
    }

    /// Sends `messages` in order over this connection, reporting each one's answer to `report` (a
    /// refusal as the failure) as soon as it is known. When the server offers PIPELINING, a message's
    /// final dot goes in one write with the next message's envelope (RFC 2920), and the next
    /// message's content is written before the previous one is reported; the final dot of a message
    /// is never written before the report of the one before it returned, so a caller that writes down
    /// each accepted message in `report` has at most one message out that it has not written down.
    public func sendAll(_ messages: [MailMessage], report: (Int, Result<String, SMTPError>) async throws -> Void) async throws {
        guard capabilities.contains("PIPELINING") else {
            for (index, message) in messages.enumerated() {
                let result: Result<String, SMTPError>
                do {
                    result = .success(try await send(message))
                } catch let refusal as SMTPError where refusal.code >= 400 {
                    result = .failure(refusal)
                }
                try await report(index, result)
            }
            return
        }
        var awaitingDot: Int? = nil
        var next = messages.startIndex
        while awaitingDot != nil || next < messages.endIndex {
            var out = ByteBuffer()
            if awaitingDot != nil { out.writeStaticString(".\r\n") }
            let current = next < messages.endIndex ? next : nil
            if let current {
                out.writeString(Self.envelope(messages[current]).joined())
                next += 1
            }
            try await outbound.write(out)
            var finished: (Int, Result<String, SMTPError>)? = nil
            if let done = awaitingDot {
                let answer = try await reply()
                finished = (done, answer.code == 250 ? .success(answer.text) : .failure(SMTPError(code: answer.code, message: answer.text)))
                awaitingDot = nil
            }
            var refused: (Int, SMTPError)? = nil
            if let current {
                let replies = [try await reply(), try await reply(), try await reply()]
                if let answer = zip(replies, [250, 250, 354]).first(where: { $0.0.code != $0.1 })?.0 {
                    if replies[2].code == 354 {
                        // The server waits for content although it refused part of the envelope: the
                        // connection is given up (an empty message would go out otherwise).
                        if let finished { try await report(finished.0, finished.1) }
                        throw SMTPError(code: 0, message: "the server took DATA after refusing '\(answer.code) \(answer.text)'")
                    }
                    refused = (current, SMTPError(code: answer.code, message: answer.text))
                    try? await reset()
                } else {
                    try await outbound.write(Self.dataContent(messages[current].rendered()))
                    awaitingDot = current
                }
            }
            if let finished { try await report(finished.0, finished.1) }
            if let refused { try await report(refused.0, .failure(refused.1)) }
        }
    }

    static func envelope(_ message: MailMessage) -> [String] {
        ["MAIL FROM:<\(message.from)>\r\n", "RCPT TO:<\(message.to)>\r\n", "DATA\r\n"]
    }

    func reset() async throws {
        try await write("RSET\r\n")
        _ = try await reply()
    }

    func quit() async throws {
        try await write("QUIT\r\n")
        _ = try await reply()
    }

    /// The message as sent after DATA: lines that begin with a dot get a second one (RFC 5321
    /// 4.5.2), and the block ends with CRLF.CRLF.
    static func dataBlock(_ text: String) -> ByteBuffer {
        var buffer = dataContent(text)
        buffer.writeStaticString(".\r\n")
        return buffer
    }

    /// The message as sent after DATA without the final dot: lines that begin with a dot get a
    /// second one, and the content ends with CRLF.
    static func dataContent(_ text: String) -> ByteBuffer {
        var text = text
        return text.withUTF8 { bytes in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(bytes.count + 64)
            // Copied a run of lines at a time; only a line that begins with a dot breaks a run.
            var runStart = 0
            var atLineStart = true
            for index in bytes.indices {
                let byte = bytes[index]
                if atLineStart && byte == UInt8(ascii: ".") {
                    buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
                    buffer.writeInteger(UInt8(ascii: "."))
                    runStart = index
                }
                atLineStart = byte == 0x0A
            }
            buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart...])))
            if bytes.last != 0x0A { buffer.writeStaticString("\r\n") }
            return buffer
        }
    }

    struct Reply {
        let code: Int
        let lines: [String]
        var text: String { lines.joined(separator: " ") }
    }

    private func write(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    private func expect(_ code: Int, _ reply: Reply) async throws {
        guard reply.code == code else { throw SMTPError(code: reply.code, message: reply.text) }
    }

    /// One reply: lines `250-…` continue it, `250 …` ends it.
    private func reply() async throws -> Reply {
        var lines: [String] = []
        while true {
            let line = try await nextLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPError(code: 0, message: "the server answered '\(line.prefix(80))'")
            }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                return Reply(code: code, lines: lines)
            }
        }
    }

    private func nextLine() async throws -> String {
        while true {
            if let end = pending.firstIndex(of: 0x0A) {
                var line = Array(pending[..<end])
                pending.removeFirst(end + 1)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard let buffer = try await inbound.next() else {
                throw SMTPError(code: 0, message: "the server closed the connection")
            }
            pending += buffer.readableBytesView
        }
    }
}
