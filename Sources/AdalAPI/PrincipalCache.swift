import AdalDomain
import Foundation
import Synchronization

/// Who each recently seen token belongs to, for a few seconds: most requests then need no
/// database round trip to authenticate. Logging out through this server forgets the token at
/// once; a token revoked or an account disabled elsewhere (the CLI, another server) stops
/// working within `lifetime`.
public final class PrincipalCache: Sendable {
    let lifetime: Duration
    let capacity: Int
    private let entries = Mutex([String: (principal: Principal, until: ContinuousClock.Instant)]())

    public init(lifetime: Duration = .seconds(5), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    public func principal(for token: String) -> Principal? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard entry.until > now else {
                entries[token] = nil
                return nil
            }
            return entry.principal
        }
    }

    public func remember(_ principal: Principal, for token: String) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            if entries.count >= capacity { entries = entries.filter { $0.value.until > now } }
            if entries.count >= capacity { entries.removeAll() }
            entries[token] = (principal, now + lifetime)
        }
    }

    public func forget(_ token: String) {
        _ = entries.withLock { $0.removeValue(forKey: token) }
    }
}
