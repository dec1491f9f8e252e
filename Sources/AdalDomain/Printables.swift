import Foundation

/// Pages to print: a certificate in its holder's language, an attendance sheet to sign. Each is
/// one self-contained HTML document (no scripts, fonts or images from the network).
public enum Printables {
    public static func escape(_ text: String) -> String {
        // On the UTF-8 bytes: the five are ASCII, so they never occur inside another character's bytes.
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out += "&amp;".utf8
            case 0x3C: out += "&lt;".utf8
            case 0x3E: out += "&gt;".utf8
            case 0x22: out += "&quot;".utf8
            case 0x27: out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    struct CertificateWords {
        let heading: String
        let certifies: String
        let tookPart: String
        let on: String
        let number: String
        let checkCode: String
        /// Kazakh, Uzbek and Azerbaijani put the verb after the event's name.
        var verbLast = true
    }

    static let certificateWords: [Language: CertificateWords] = [
        .kk: .init(heading: "Сертификат", certifies: "Осы сертификат", tookPart: "іс-шарасына қатысқанын растайды",
                   on: "Өткізілген күні", number: "Нөмірі", checkCode: "Тексеру коды"),
        .ru: .init(heading: "Сертификат", certifies: "Настоящий сертификат подтверждает, что", tookPart: "принял(а) участие в мероприятии",
                   on: "Дата проведения", number: "Номер", checkCode: "Код проверки", verbLast: false),
        .uz: .init(heading: "Sertifikat", certifies: "Ushbu sertifikat", tookPart: "tadbirida ishtirok etganini tasdiqlaydi",
                   on: "O‘tkazilgan sana", number: "Raqami", checkCode: "Tekshirish kodi"),
        .az: .init(heading: "Sertifikat", certifies: "Bu sertifikat təsdiq edir ki,", tookPart: "tədbirində iştirak etmişdir",
                   on: "Keçirilmə tarixi", number: "Nömrəsi", checkCode: "Yoxlama kodu"),
        .en: .init(heading: "Certificate", certifies: "This certifies that", tookPart: "took part in",
                   on: "Held on", number: "Number", checkCode: "Check code", verbLast: false),
    ]

    /// The certificate as a printable page in `language`.
    public static func certificate(_ record: CertificateRecord, office: String, language: Language) -> String {
        let words = certificateWords[language]!
        let date = record.eventDate?.description ?? ""
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(words.heading) \(escape(record.number))</title>
            <style>
            body { font-family: serif; margin: 0; }
            .page { width: 26cm; min-height: 17cm; margin: 1cm auto; padding: 2cm; border: 6px double #345; text-align: center; }
            h1 { font-size: 36pt; letter-spacing: 4px; margin: 0 0 1cm; }
            .holder { font-size: 24pt; font-weight: bold; margin: .6cm 0; }
            .event { font-size: 18pt; font-style: italic; margin: .6cm 0; }
            .meta { margin-top: 1.5cm; font-size: 12pt; }
            @media print { .page { margin: 0 auto; } }
            </style></head>
            <body><div class="page">
            <h1>\(words.heading)</h1>
            <p>\(words.certifies)</p>
            <p class="holder">\(escape(record.holder))</p>
            \(words.verbLast ? "" : "<p>\(words.tookPart)</p>")
            <p class="event">«\(escape(record.eventTitle))»</p>
            \(words.verbLast ? "<p>\(words.tookPart)</p>" : "")
            <p class="meta">\(words.on): \(date) · \(escape(office))<br>\(words.number): \(escape(record.number))\(record.checkCode.map { " · \(words.checkCode): \(escape($0))" } ?? "")</p>
            </div></body></html>

            """
    }

    /// An attendance sheet for the event, one row per invited participant with a column to sign.
    public static func attendanceSheet(_ event: Event) -> String {
        let when = event.startsLocal ?? event.heldOn?.description ?? ""
        let rows = event.participants.enumerated().map { index, participant in
            "<tr><td>\(index + 1)</td><td>\(escape(participant.fullName))</td><td>\(escape(participant.organisation ?? participant.position ?? ""))</td>"
                + "<td>\(participant.role.rawValue)</td><td class=\"sign\"></td></tr>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(escape(event.title))</title>
            <style>
            body { font-family: sans-serif; margin: 1.5cm; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border: 1px solid #000; padding: 6px 8px; text-align: left; vertical-align: top; }
            td.sign { width: 5cm; height: 1cm; }
            </style></head>
            <body>
            <h1>\(escape(event.title))</h1>
            <p>\(escape(when)) \(escape(event.timeZone)) · \(escape(event.venue ?? event.link ?? ""))</p>
            <table><thead><tr><th>#</th><th>Name</th><th>Organisation</th><th>Role</th><th>Signature</th></tr></thead>
            <tbody>
            \(rows)
            </tbody></table>
            </body></html>

            """
    }
}
