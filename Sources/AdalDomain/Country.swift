/// The three countries Adal serves.
public enum Country: String, CaseIterable, Codable, Sendable {
    case kz = "KZ"
    case uz = "UZ"
    case az = "AZ"

    /// The kind of national identification number issued there.
    public var nationalIDKind: NationalIDKind {
        switch self {
        case .kz: return .kzIIN
        case .uz: return .uzPINFL
        case .az: return .azFIN
        }
    }

    /// The state language, which messages fall back to when a person named no language of their own.
    public var stateLanguage: Language {
        switch self {
        case .kz: return .kk
        case .uz: return .uz
        case .az: return .az
        }
    }

    /// ITU calling code, without the plus.
    public var callingCode: String {
        switch self {
        case .kz: return "7"
        case .uz: return "998"
        case .az: return "994"
        }
    }

    public init?(code: String) {
        self.init(rawValue: code.uppercased())
    }
}
