import Foundation

/// Deterministic pseudo-random numbers (SplitMix64): the same seed makes the same synthetic world.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Synthetic people for load tests and benchmarks: names in each country's script, valid national
/// IDs (unique by their serial), birth dates, phones. Pure: the caller writes them.
public enum SyntheticPeople {
    public struct Person: Sendable {
        public let lastName: String
        public let firstName: String
        public let middleName: String?
        public let nationalID: String
        public let birthDate: CivilDate
        public let sex: Sex
        public let phone: String
        public let language: Language

        public var fullName: String { [lastName, firstName, middleName].compactMap { $0 }.joined(separator: " ") }
    }

    static let names: [Country: (male: [String], female: [String], last: [String])] = [
        .kz: (["Нұрлан", "Ержан", "Дәурен", "Асқар", "Бауыржан", "Ерлан", "Серік", "Арман", "Қайрат", "Әлібек"],
              ["Айгерім", "Жанар", "Динара", "Гүлнар", "Әсел", "Мөлдір", "Сәуле", "Аружан", "Меруерт", "Ләззат"],
              ["Қалымбет", "Серікбай", "Ахмет", "Нұрлан", "Сейтқали", "Жақсыбек", "Омар", "Тұрсын", "Әбдіраш", "Байжан"]),
        .uz: (["Jasur", "Sherzod", "Bobur", "Aziz", "Rustam", "Otabek", "Sardor", "Dilshod", "Ulugʻbek", "Farrux"],
              ["Dilnoza", "Malika", "Gulnora", "Nilufar", "Shahnoza", "Zarina", "Madina", "Feruza", "Sevara", "Mohira"],
              ["Karimov", "Rashidov", "Yusupov", "Toshmatov", "Abdullayev", "Qodirov", "Ergashev", "Nazarov", "Usmonov", "Xolmatov"]),
        .az: (["Rəşad", "Elçin", "Tural", "Orxan", "Kamran", "Vüqar", "Ramil", "Səbuhi", "Anar", "Fərid"],
              ["Leyla", "Günay", "Aysel", "Nərmin", "Səbinə", "Könül", "Aynur", "Lalə", "Xədicə", "Zəhra"],
              ["Əliyev", "Məmmədov", "Həsənov", "Hüseynov", "Quliyev", "İsmayılov", "Rzayev", "Abbasov", "Nəsirov", "Cəfərov"]),
    ]

    static let finLetters = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// Birth dates span 1950-01-01 and the 20,454 days after it (to late 2005).
    static let birthDays = 20_454
    static let firstBirthDay = CivilDate(year: 1950, month: 1, day: 1)!.dayNumber

    /// The `serial`-th person of `country`. Serials below 20,000,000 give distinct national IDs:
    /// the birth date is a permutation of the serial modulo the span of birth dates, and the
    /// IIN's 4-digit serial the quotient (times 8, leaving room to find a valid check digit).
    public static func person(_ serial: Int, country: Country, random: inout SeededRandom) -> Person {
        let sex: Sex = Bool.random(using: &random) ? .male : .female
        let birth = CivilDate(dayNumber: firstBirthDay + (serial &* 7919) % birthDays)
        let list = names[country]!
        let first = (sex == .male ? list.male : list.female).randomElement(using: &random)!
        var last = list.last.randomElement(using: &random)!
        let centuryDigit = (birth.year >= 2000 ? 5 : 3) + (sex == .male ? 0 : 1)
        let yy = birth.year % 100
        let nationalID: String
        let language: Language
        switch country {
        case .kz:
            if sex == .female && !last.hasSuffix("а") { last += "а" }
            // A 4-digit serial keeps IDs unique per birth date; the check digit is made valid by
            // moving on to the next serial when none exists.
            var serialPart = (serial / birthDays) * 8
            var digits: [Int] = []
            var check: Int?
            repeat {
                let prefix = String(format: "%02d%02d%02d%d%04d", yy, birth.month, birth.day, centuryDigit, serialPart)
                digits = prefix.map { Int(String($0))! }
                check = NationalID.iinCheckDigit(digits)
                serialPart += 1
            } while check == nil
            nationalID = digits.map(String.init).joined() + String(check!)
            language = Bool.random(using: &random) ? .kk : .ru
        case .uz:
            if sex == .female { last += "a" }
            let prefix = String(format: "%d%02d%02d%02d%06d", centuryDigit, birth.day, birth.month, yy, serial % 1_000_000)
            nationalID = prefix + String(NationalID.pinflCheckDigit(prefix.map { Int(String($0))! }))
            language = .uz
        case .az:
            if sex == .female { last = String(last.dropLast(2)) + "ova" }
            var value = serial
            var fin = ""
            for _ in 0..<7 {
                fin.append(finLetters[value % finLetters.count])
                value /= finLetters.count
            }
            nationalID = fin
            language = .az
        }
        let phone: String
        switch country {
        case .kz: phone = "+7701" + String(format: "%07d", serial % 10_000_000)
        case .uz: phone = "+99890" + String(format: "%07d", serial % 10_000_000)
        case .az: phone = "+99450" + String(format: "%07d", serial % 10_000_000)
        }
        return Person(lastName: last, firstName: first, middleName: nil, nationalID: nationalID, birthDate: birth, sex: sex,
                      phone: phone, language: language)
    }

    /// A time-ordered id (UUID version 7) for the `counter`-th record made at `milliseconds`.
    public static func uuidV7(milliseconds: UInt64, counter: UInt64) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8((milliseconds >> (8 * (5 - UInt64(index)))) & 0xFF) }
        for index in 0..<8 { bytes[8 + index] = UInt8((counter >> (8 * (7 - UInt64(index)))) & 0xFF) }
        bytes[6] = 0x70 | UInt8((counter >> 56) & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
