import AdalDomain
import AdalText

extension Printables {
    /// One printable page: its language, a viewport so a phone shows it at its own width, the
    /// page's style and body.
    static func page(title: String, language: Language, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language == .uz ? "uz-Latn" : language.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style></head>
        <body>
        \(body)
        </body></html>

        """
    }

    /// The words of printables, from the catalogs.
    static func words(_ language: Language) -> Catalog { Catalogs.standard[language] }

    /// The language a page is printed in when none is asked for: the state language of the country
    /// of the region (`KZ-35` → kk).
    public static func defaultLanguage(regionCode: String) -> Language {
        Country(rawValue: String(regionCode.prefix(2)))?.stateLanguage ?? .en
    }
}
