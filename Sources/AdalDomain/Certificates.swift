import Foundation

/// Certificate numbers: the office's code, the year and a serial, e.g. `KAR-2026-0001`.
public enum CertificateNumber {
    public static func make(officeCode: String, year: Int, serial: Int) -> String {
        "\(officeCode.uppercased())-\(year)-\(String(format: "%04d", serial))"
    }
}

/// The random code printed on a certificate beside its number. Numbers run in sequence, so the
/// public check asks for both: knowing a number does not let anyone read whose certificate it is.
/// Ten characters of Crockford's base-32 (no I, L, O, U), 50 bits.
public enum CertificateCheckCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The code as typed, in its stored form: upper case, spaces and dashes dropped, O read as 0
    /// and I or L as 1; nil when it cannot be a code.
    public static func normalised(_ typed: String) -> String? {
        var code = ""
        for character in typed.uppercased() where character != " " && character != "-" {
            switch character {
            case "O": code.append("0")
            case "I", "L": code.append("1")
            default:
                guard alphabet.contains(character) else { return nil }
                code.append(character)
            }
        }
        return code.count == 10 ? code : nil
    }
}

/// A certificate as anyone may check it: whose it is, for which event and date, and nothing else.
public struct CertificateRecord: Codable, Sendable, Equatable {
    public let number: String
    public let holder: String
    public let eventTitle: String
    public let eventDate: CivilDate?
    public let officeCode: String
    /// The code printed on it: kept on the staff's copy, never in the public check's answer.
    public let checkCode: String?

    public init(number: String, holder: String, eventTitle: String, eventDate: CivilDate?, officeCode: String,
                checkCode: String? = nil) {
        self.number = number
        self.holder = holder
        self.eventTitle = eventTitle
        self.eventDate = eventDate
        self.officeCode = officeCode
        self.checkCode = checkCode
    }
}
