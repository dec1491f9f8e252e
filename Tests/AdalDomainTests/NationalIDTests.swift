import AdalDomain
import Testing

/// Builds an IIN by the published rule, so the cases below are real-world shaped numbers.
func makeIIN(_ first11: String) -> String? {
    NationalID.iinCheckDigit(first11.map { Int(String($0))! }).map { first11 + String($0) }
}

func makePINFL(_ first13: String) -> String {
    first13 + String(NationalID.pinflCheckDigit(first13.map { Int(String($0))! }))
}

@Suite("National IDs")
struct NationalIDTests {
    @Test("valid IINs give birth date and sex", arguments: [
        ("91031440123", "1991-03-14", Sex.female),
        ("02110550456", "2002-11-05", Sex.male),
        ("85072130789", "1985-07-21", Sex.male),
        ("99123140001", "1999-12-31", Sex.female),
        ("00022950001", "2000-02-29", Sex.male),
    ])
    func validIIN(first11: String, birth: String, sex: Sex) throws {
        let iin = try #require(makeIIN(first11))
        let id = try NationalID.parse(iin, kind: .kzIIN)
        #expect(id.value == iin)
        #expect(id.birthDate == CivilDate(birth))
        #expect(id.sex == sex)
    }

    @Test("the second weighting is used when the first gives 10")
    func secondWeighting() throws {
        // Find numbers whose first-weight remainder is 10 and check the digit comes from the second weights.
        var found = 0
        for serial in 0..<400 {
            let first11 = "880101" + "3" + String(format: "%04d", serial)
            let digits = first11.map { Int(String($0))! }
            let first = zip(digits, 1...11).map(*).reduce(0, +) % 11
            guard first == 10 else { continue }
            let second = zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]).map(*).reduce(0, +) % 11
            if second == 10 {
                #expect(throws: FieldError.self) { try NationalID.parse(first11 + "0", kind: .kzIIN) }
            } else {
                let id = try NationalID.parse(first11 + String(second), kind: .kzIIN)
                #expect(id.value.hasSuffix(String(second)))
            }
            found += 1
        }
        #expect(found > 0)
    }

    @Test("wrong IINs are refused with a reason", arguments: [
        ("910314401231", "check digit"),   // real number with its last digit changed
        ("911314401235", "birth date"),    // month 13
        ("910230401237", "birth date"),    // 30 February
        ("910314701238", "7th digit"),     // century digit 7
        ("910314001230", "7th digit"),     // century digit 0
        ("91031440123", "12 digits"),
        ("91031440123A", "only digits"),
    ])
    func invalidIIN(iin: String, reason: String) {
        #expect {
            try NationalID.parse(iin, kind: .kzIIN)
        } throws: { error in
            guard let error = error as? FieldError else { return false }
            return error.field == "national_id" && error.reason.contains(reason)
        }
    }

    @Test("the IIN's birth date must agree with a birth date given")
    func birthDateMismatch() throws {
        let id = try NationalID.parse(try #require(makeIIN("91031440123")), kind: .kzIIN)
        #expect(throws: FieldError.self) { try id.check(birthDate: CivilDate("1991-03-15")) }
        try id.check(birthDate: CivilDate("1991-03-14"))
    }

    @Test("valid PINFLs", arguments: [
        ("3120588260011", "1988-05-12", Sex.male),
        ("6010903270022", "2003-09-01", Sex.female),
        ("4300195140033", "1995-01-30", Sex.female),
    ])
    func validPINFL(first13: String, birth: String, sex: Sex) throws {
        let id = try NationalID.parse(makePINFL(first13), kind: .uzPINFL)
        #expect(id.birthDate == CivilDate(birth))
        #expect(id.sex == sex)
    }

    @Test("wrong PINFLs", arguments: ["31205882600116", "33205882600115", "3120588260011", "91205882600115"])
    func invalidPINFL(pinfl: String) {
        #expect(throws: FieldError.self) { try NationalID.parse(pinfl, kind: .uzPINFL) }
    }

    @Test("FINs use digits and capitals other than I and O", arguments: [
        ("5ab7c9d", true), ("7XK2M4P", true), ("7XK2M4", false), ("7XK2MIP", false), ("7XK2MOP", false), ("7XK2M4PP", false),
    ])
    func fin(raw: String, valid: Bool) {
        let parsed = try? NationalID.parse(raw, kind: .azFIN)
        #expect((parsed != nil) == valid)
        if valid { #expect(parsed?.value == raw.uppercased()) }
    }
}
