import Foundation

/// What reminders say, in the recipient's language.
public enum ReminderWording {
    struct Words {
        let reminder: String
        let cancelled: String
        let greeting: String
        let remindBody: String
        let cancelBody: String
        let when: String
        let whereText: String
        let link: String
        let signature: String
    }

    static let words: [Language: Words] = [
        .kk: .init(reminder: "Еске салу", cancelled: "Іс-шара болмайды", greeting: "Құрметті", remindBody: "Сізді мына іс-шараға күтеміз:",
                   cancelBody: "Өкінішке орай, мына іс-шара өтпейді:", when: "Уақыты", whereText: "Өтетін орны", link: "Сілтеме",
                   signature: "Құрметпен"),
        .ru: .init(reminder: "Напоминание", cancelled: "Мероприятие отменено", greeting: "Уважаемый(ая)", remindBody: "Ждём вас на мероприятии:",
                   cancelBody: "К сожалению, мероприятие не состоится:", when: "Когда", whereText: "Где", link: "Ссылка",
                   signature: "С уважением"),
        .uz: .init(reminder: "Eslatma", cancelled: "Tadbir bekor qilindi", greeting: "Hurmatli", remindBody: "Sizni quyidagi tadbirda kutamiz:",
                   cancelBody: "Afsuski, quyidagi tadbir bo‘lmaydi:", when: "Vaqti", whereText: "Joyi", link: "Havola",
                   signature: "Hurmat bilan"),
        .az: .init(reminder: "Xatırlatma", cancelled: "Tədbir ləğv edildi", greeting: "Hörmətli", remindBody: "Sizi bu tədbirdə gözləyirik:",
                   cancelBody: "Təəssüf ki, bu tədbir keçirilməyəcək:", when: "Vaxt", whereText: "Yer", link: "Keçid",
                   signature: "Hörmətlə"),
        .en: .init(reminder: "Reminder", cancelled: "Event cancelled", greeting: "Dear", remindBody: "We look forward to seeing you at:",
                   cancelBody: "We are sorry: this event will not take place:", when: "When", whereText: "Where", link: "Link",
                   signature: "Kind regards"),
    ]

    public struct Text: Sendable {
        public let subject: String
        public let plain: String
        public let html: String
    }

    /// A reminder of an event (or its cancellation) for `name`, in `language`.
    public static func event(cancelled: Bool, title: String, startsLocal: String?, timeZone: String, venue: String?,
                             link: String?, name: String, office: String, language: Language) -> Text {
        let w = words[language]!
        let subject = "\(cancelled ? w.cancelled : w.reminder): \(title)" + (startsLocal.map { ", \($0)" } ?? "")
        var lines = ["\(w.greeting) \(name),", "", cancelled ? w.cancelBody : w.remindBody, "", title]
        if let startsLocal { lines.append("\(w.when): \(startsLocal) (\(timeZone))") }
        if let venue { lines.append("\(w.whereText): \(venue)") }
        if let link { lines.append("\(w.link): \(link)") }
        lines += ["", "\(w.signature),", office]
        let html = "<!DOCTYPE html><html lang=\"\(language.rawValue)\"><body>"
            + lines.map { $0.isEmpty ? "" : "<p>\(Printables.escape($0))</p>" }.joined() + "</body></html>"
        return Text(subject: subject, plain: lines.joined(separator: "\n"), html: html)
    }
}
