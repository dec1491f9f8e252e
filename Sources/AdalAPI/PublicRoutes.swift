import AdalCore
import AdalDomain
import Foundation
import Hummingbird
import Synchronization

/// `POST /v1/public/applications`: the `web` channel. No account; the applicant's consent is
/// required, and each client address may send only a few applications per hour.
struct PublicRoutes {
    let context: AdalContext
    let proxies: TrustedProxies
    let limiter: RateLimiter

    struct Receipt: Encodable {
        let reference: String
        let receivedAt: Date
        let dueOn: CivilDate
    }

    func add(to router: Router<AdalRequestContext>) {
        router.post("/v1/public/applications") { request, requestContext -> Response in
            let client = requestContext.client(of: request, trusting: proxies)
            if let wait = limiter.take(client) {
                var problem = Problem(.tooManyRequests, "too many applications from this address; try again later")
                problem.headers[.retryAfter] = String(wait)
                throw problem
            }
            var request = request
            return try await Idempotency(context: context).run(&request, owner: "public:\(client)") { request in
                var input = try await JSONInput(&request, fields: ApplicationRoutes.formFields.union(["consent"]))
                let form = ApplicationRoutes.form(&input)
                let consent = input.bool("consent") ?? false
                try input.finish()
                let record = try await Applications(context).submitFromWeb(form, consent: consent)
                // The applicant gets a receipt, not the stored record: nothing personal comes back.
                return JSONBody.reply(Receipt(reference: record.externalRef, receivedAt: record.receivedAt, dueOn: record.dueOn),
                                      status: .created)
            }
        }
    }
}

/// A token bucket per client address: `capacity` requests at once, refilled over `period`.
final class RateLimiter: Sendable {
    let capacity: Double
    let period: Double
    private let buckets = Mutex([String: (tokens: Double, at: Double)]())

    init(capacity: Int, per period: Duration) {
        self.capacity = Double(capacity)
        self.period = Double(period.components.seconds)
    }

    /// Nil when the client may go ahead; else the seconds until it may.
    func take(_ client: String, now: Double = Date().timeIntervalSince1970) -> Int? {
        buckets.withLock { buckets in
            if buckets.count > 10_000 { buckets = buckets.filter { now - $0.value.at < period } }
            var bucket = buckets[client] ?? (capacity, now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.at) * capacity / period)
            bucket.at = now
            defer { buckets[client] = bucket }
            guard bucket.tokens >= 1 else { return Int(((1 - bucket.tokens) * period / capacity).rounded(.up)) }
            bucket.tokens -= 1
            return nil
        }
    }
}
