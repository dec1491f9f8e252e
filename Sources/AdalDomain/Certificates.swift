import Foundation

/// Certificate numbers: the office's code, the year and a serial, e.g. `KAR-2026-0001`.
public enum CertificateNumber {
    public static func make(officeCode: String, year: Int, serial: Int) -> String {
        "\(officeCode.uppercased())-\(year)-\(String(format: "%04d", serial))"
    }
}

/// A certificate as anyone may check it: whose it is, for which event and date, and nothing else.
public struct CertificateRecord: Codable, Sendable, Equatable {
    public let number: String
    public let holder: String
    public let eventTitle: String
    public let eventDate: CivilDate?
    public let officeCode: String

    public init(number: String, holder: String, eventTitle: String, eventDate: CivilDate?, officeCode: String) {
        self.number = number
        self.holder = holder
        self.eventTitle = eventTitle
        self.eventDate = eventDate
        self.officeCode = officeCode
    }
}
