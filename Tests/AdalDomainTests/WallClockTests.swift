@testable import AdalDomain
import Foundation
import Testing

@Suite("Wall-clock times without DateFormatter")
struct WallClockTests {
    @Test("local times and RFC 5322 dates agree with Foundation's formatter", arguments: ["Asia/Qyzylorda", "Asia/Baku", "Asia/Tashkent", "UTC"])
    func agreesWithFormatter(zone: String) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let mail = DateFormatter()
        mail.locale = Locale(identifier: "en_US_POSIX")
        mail.timeZone = TimeZone(identifier: "UTC")
        mail.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let instant = Date(timeIntervalSince1970: Double(Int.random(in: -2_000_000_000...4_000_000_000, using: &generator)))
            #expect(LocalTime.format(instant, zone: zone) == formatter.string(from: instant))
            #expect(MailMessage.rfc5322Date(instant) == mail.string(from: instant))
            let withMillis = instant.addingTimeInterval(0.123)
            #expect(Timestamp.utcMillis(withMillis) == ISO8601DateFormatter.string(
                from: withMillis, timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds]))
        }
    }
}
