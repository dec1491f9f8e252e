import Hummingbird
import Logging
import NIOCore

/// Hummingbird's per-request context, with the client's address (for the public form's rate limit).
public struct AdalRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text, without the port.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
