import AdalCore
import AdalDomain
import Foundation
import Synchronization

/// The regions (reference data, the same for every reader, changed only by seeding), kept for a
/// minute: nearly every page names regions or shows a time in a region's zone, and reading the
/// list each time cost a page a round trip to the database.
final class RegionCache: Sendable {
    private let context: AdalContext
    private let lifetime: Duration
    private let kept = Mutex<(regions: [Region], until: ContinuousClock.Instant)?>(nil)

    init(context: AdalContext, lifetime: Duration = .seconds(60)) {
        self.context = context
        self.lifetime = lifetime
    }

    func all() async throws -> [Region] {
        let now = ContinuousClock.now
        if let fresh = kept.withLock({ $0.flatMap { $0.until > now ? $0.regions : nil } }) { return fresh }
        let regions = try await Directory(context).regions(country: nil)
        kept.withLock { $0 = (regions, now + lifetime) }
        return regions
    }

    /// Each region's IANA time zone by its code.
    func zones() async throws -> [String: String] {
        Dictionary(try await all().map { ($0.code, $0.timeZone) }, uniquingKeysWith: { first, _ in first })
    }
}
