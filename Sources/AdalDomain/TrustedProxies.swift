import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed (`ADAL_TRUSTED_PROXIES`):
/// addresses and CIDR blocks, IPv4 or IPv6. A request from anywhere else is its own client, whatever
/// it says it forwards.
public struct TrustedProxies: Sendable, Equatable {
    struct Block: Sendable, Equatable {
        let network: [UInt8]
        let prefixLength: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == network.count else { return false }
            var remaining = prefixLength
            for (a, n) in zip(address, network) where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if a & mask != n & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    let blocks: [Block]

    public static let none = TrustedProxies(blocks: [])

    init(blocks: [Block]) { self.blocks = blocks }

    /// Reads a list separated by commas or spaces: `127.0.0.1, 10.0.0.0/8, ::1, fd00::/8`.
    /// - Throws: `FieldError` on `field`, naming the first entry that is neither.
    public init(parsing text: String, field: String = "ADAL_TRUSTED_PROXIES") throws {
        var blocks: [Block] = []
        for entry in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let network = Self.bytes(of: parts[0]) else {
                throw FieldError(field, "'\(entry)' is not an IP address or a CIDR block")
            }
            var length = network.count * 8
            if parts.count == 2 {
                guard let given = Int(parts[1]), (0...length).contains(given) else {
                    throw FieldError(field, "'\(entry)' has a prefix length outside 0–\(length)")
                }
                length = given
            }
            blocks.append(Block(network: network, prefixLength: length))
        }
        self.blocks = blocks
    }

    public var isEmpty: Bool { blocks.isEmpty }

    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return blocks.contains { $0.contains(bytes) }
    }

    /// The client a request comes from: the peer itself, unless the peer is a trusted proxy; then
    /// the nearest address in `X-Forwarded-For` (read from the right) that is not one.
    /// `forwardedFor` holds every `X-Forwarded-For` header's value, in the order received.
    public func client(peer: String, forwardedFor: [String]) -> String {
        guard trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !trusts(hop) {
            return Self.bytes(of: hop) == nil ? peer : hop
        }
        return hops.first ?? peer
    }

    /// Whether the request reached the first proxy over TLS: `X-Forwarded-Proto` from a trusted
    /// peer (its last value, the nearest proxy's), else the connection's own.
    public func isSecure(peer: String, forwardedProto: [String], connectionIsTLS: Bool) -> Bool {
        guard trusts(peer), let proto = forwardedProto.flatMap({ $0.split(separator: ",") }).last else {
            return connectionIsTLS
        }
        return proto.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// The address's bytes (4 or 16), or nil when it is neither IPv4 nor IPv6 text.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
