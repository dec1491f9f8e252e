import AdalDomain
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Hummingbird's per-request context, with the peer's address (for sign-in's and the public
/// routes' limits, through `client(of:trusting:)`).
public struct AdalRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address as text, without the port.
    public var peerAddress: String { remoteAddress?.ipAddress ?? "unknown" }

    /// The client's address: the peer's, or, when the peer is a trusted proxy, the one it forwards.
    public func client(of request: Request, trusting proxies: TrustedProxies) -> String {
        guard !proxies.isEmpty else { return peerAddress }
        return proxies.client(peer: peerAddress, forwardedFor: request.headers[values: Self.forwardedFor])
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
