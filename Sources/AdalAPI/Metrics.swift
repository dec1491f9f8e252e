import AdalStore
import Foundation
import Synchronization

/// Counters and a latency histogram per route and status, written as Prometheus text.
final class APIMetrics: Sendable {
    static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Series: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private struct Histogram {
        var buckets = [Int](repeating: 0, count: APIMetrics.bucketBounds.count)
        var count = 0
        var sum = 0.0
    }

    private struct State {
        var requests: [Series: Int] = [:]
        var latency: [String: Histogram] = [:]
    }

    private let state = Mutex(State())

    func record(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[Series(method: method, route: route, status: status), default: 0] += 1
            let key = "\(method) \(route)"
            var histogram = state.latency[key] ?? Histogram()
            for (index, bound) in Self.bucketBounds.enumerated() where seconds <= bound { histogram.buckets[index] += 1 }
            histogram.count += 1
            histogram.sum += seconds
            state.latency[key] = histogram
        }
    }

    func prometheusText(pool: Database.PoolUse) -> String {
        let snapshot = state.withLock { $0 }
        var out = "# HELP adal_http_requests_total HTTP requests answered, by route and status.\n"
        out += "# TYPE adal_http_requests_total counter\n"
        for (series, count) in snapshot.requests.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            out += "adal_http_requests_total{method=\"\(series.method)\",route=\"\(Self.escape(series.route))\",status=\"\(series.status)\"} \(count)\n"
        }
        out += "# HELP adal_http_request_duration_seconds Time to answer, by route.\n"
        out += "# TYPE adal_http_request_duration_seconds histogram\n"
        for (key, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: " ", maxSplits: 1)
            let labels = "method=\"\(parts[0])\",route=\"\(Self.escape(String(parts[1])))\""
            for (index, bound) in Self.bucketBounds.enumerated() {
                out += "adal_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(histogram.buckets[index])\n"
            }
            out += "adal_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(histogram.count)\n"
            out += "adal_http_request_duration_seconds_sum{\(labels)} \(histogram.sum)\n"
            out += "adal_http_request_duration_seconds_count{\(labels)} \(histogram.count)\n"
        }
        out += "# HELP adal_db_pool_connections_in_use Database connections leased now.\n"
        out += "# TYPE adal_db_pool_connections_in_use gauge\n"
        out += "adal_db_pool_connections_in_use \(pool.inUse)\n"
        out += "# HELP adal_db_pool_waiting Requests waiting for a database connection now.\n"
        out += "# TYPE adal_db_pool_waiting gauge\n"
        out += "adal_db_pool_waiting \(pool.waiting)\n"
        out += "# HELP adal_db_pool_connections_max Most connections the pool opens.\n"
        out += "# TYPE adal_db_pool_connections_max gauge\n"
        out += "adal_db_pool_connections_max \(pool.maximum)\n"
        return out
    }

    private static func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
