import AdalDomain
import Testing

@Suite("Phones, e-mail and names")
struct ContactAndNameTests {
    @Test("phones are normalised to E.164", arguments: [
        ("8 (701) 555-01-01", Country.kz, "+77015550101"),
        ("+7 702 555 02 02", Country.kz, "+77025550202"),
        ("7015550101", Country.kz, "+77015550101"),
        ("+998 90 555-03-03", Country.uz, "+998905550303"),
        ("90 555 03 03", Country.uz, "+998905550303"),
        ("050 555 04 04", Country.az, "+994505550404"),
        ("00994 50 555 04 04", Country.az, "+994505550404"),
    ])
    func phones(raw: String, country: Country, expected: String) throws {
        #expect(try ContactDetails.phone(raw, country: country) == expected)
    }

    @Test("bad phones name the field", arguments: ["+7 701 555", "+998 90 555 03 031", "phone me", "555"])
    func badPhones(raw: String) {
        #expect { try ContactDetails.phone(raw, country: .kz) } throws: { ($0 as? FieldError)?.field == "phone" }
    }

    @Test("e-mail domains are lower-cased, local parts kept")
    func email() throws {
        #expect(try ContactDetails.email(" Aigerim.K@Example.KZ ") == "Aigerim.K@example.kz")
        for bad in ["no-at-sign", "a@b", "a@@b.kz", "a b@c.kz", ".a@b.kz", "a@-b.kz"] {
            #expect(throws: FieldError.self, "\(bad)") { try ContactDetails.email(bad) }
        }
    }

    @Test("names in any script share a search key", arguments: [
        ("Қалымбет", "Kalymbet"), ("Қалымбет", "Qalymbet"), ("İlham", "ilham"), ("İLHAM", "Ilham"),
        ("Oʻrinov", "O'rinov"), ("O‘rinov", "O`rinov"), ("Ўринов", "Oʻrinov"), ("Жандос", "Zhandos"),
        ("Әлімқұлова Ғалия", "Alimkulova Galiya"), ("Rəhimova", "Rahimova"), ("Xasanov", "Хасанов"),
        ("Ğaniyev", "Ganiyev"), ("Şükürov", "Shukurov"),
    ])
    func searchKeys(a: String, b: String) {
        #expect(SearchKey.make(a) == SearchKey.make(b))
        #expect(!SearchKey.make(a).isEmpty)
    }

    @Test("different names keep different keys")
    func distinctKeys() {
        #expect(SearchKey.make("Қалымбет") != SearchKey.make("Калиев"))
        #expect(SearchKey.make("  Серік   Ахмет ") == "serik ahmet")
    }

    @Test("a registration reports every bad field at once and stores the checked values")
    func registration() throws {
        var form = VolunteerRegistrationForm(
            lastName: " ", firstName: "Айгерім", nationalID: "910314401231", country: "KZ", regionCode: "KZ-35",
            phone: "12", email: "x@", kind: "astronaut", areas: ["flying"], language: "kk", consentVersion: nil)
        #expect {
            try VolunteerRegistration.validate(form)
        } throws: { error in
            let fields = Set((error as? ValidationFailure)?.errors.map(\.field) ?? [])
            return fields == ["last_name", "national_id", "phone", "email", "kind", "areas", "consent"]
        }
        form.lastName = "Қалымбетова"
        form.nationalID = "910314401230"
        form.phone = "8 701 555 01 01"
        form.email = "A@Example.kz"
        form.kind = "corporate"
        form.areas = ["awareness, legal_aid"]
        form.organisation = "Demo LLP"
        form.consentVersion = "v1"
        let checked = try VolunteerRegistration.validate(form)
        #expect(checked.phone == "+77015550101")
        #expect(checked.email == "A@example.kz")
        #expect(checked.areas == [.awareness, .legalAid])
        #expect(checked.birthDate == CivilDate("1991-03-14"))
    }
}
