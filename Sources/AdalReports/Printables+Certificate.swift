import AdalDomain

extension Printables {
    /// The certificate as a printable page in `language`. Kazakh, Uzbek and Azerbaijani put the
    /// verb after the event's name; Russian and English before it.
    public static func certificate(_ record: CertificateRecord, office: String, language: Language) -> String {
        let words = words(language)
        let verbLast = [.kk, .uz, .az].contains(language)
        let date = record.eventDate?.description ?? ""
        let tookPart = "<p>\(escape(words["certificate_took_part"]))</p>"
        let check = record.checkCode.map { " · \(escape(words["certificate_check_code"])): \(escape($0))" } ?? ""
        return page(title: "\(words["certificate_heading"]) \(record.number)", language: language, style: """
            body { font-family: serif; margin: 0; }
            .page { max-width: 26cm; min-height: 17cm; margin: 1cm auto; padding: 2cm; border: 6px double #345; text-align: center; }
            h1 { font-size: 36pt; letter-spacing: 4px; margin: 0 0 1cm; }
            .holder { font-size: 24pt; font-weight: bold; margin: .6cm 0; }
            .event { font-size: 18pt; font-style: italic; margin: .6cm 0; }
            .meta { margin-top: 1.5cm; font-size: 12pt; }
            @media (max-width: 700px) { .page { margin: 0; padding: 1em; min-height: 0; } h1 { font-size: 24pt; } .holder { font-size: 18pt; } .event { font-size: 14pt; } }
            @media print { .page { margin: 0 auto; } }
            """, body: """
            <div class="page">
            <h1>\(escape(words["certificate_heading"]))</h1>
            <p>\(escape(words["certificate_certifies"]))</p>
            <p class="holder">\(escape(record.holder))</p>
            \(verbLast ? "" : tookPart)
            <p class="event">«\(escape(record.eventTitle))»</p>
            \(verbLast ? tookPart : "")
            <p class="meta">\(escape(words["certificate_held_on"])): \(date) · \(escape(office))<br>\(escape(words["certificate_number"])): \(escape(record.number))\(check)</p>
            </div>
            """)
    }
}
