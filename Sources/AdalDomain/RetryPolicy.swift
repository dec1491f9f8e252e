/// How long a failed job waits before its next attempt: exponential from 30 seconds, at most an
/// hour, with ±20 % jitter so that many failures do not all come back at once.
public enum RetryPolicy {
    public static func delay(afterAttempt attempt: Int, jitter: Double = Double.random(in: 0.8...1.2)) -> Double {
        let base = 30.0 * Double(1 << min(max(attempt - 1, 0), 7))
        return min(base, 3600) * jitter
    }
}
