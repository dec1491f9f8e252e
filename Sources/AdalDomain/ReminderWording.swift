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

    struct TaskWords {
        let due: String
        let overdue: String
        let dueBody: String
        let overdueBody: String
        let decision: String
        let dueOn: String
    }

    static let taskWords: [Language: TaskWords] = [
        .kk: .init(due: "Тапсырма мерзімі жақындады", overdue: "Тапсырма мерзімі өтті", dueBody: "Сізге жүктелген тапсырманың мерзімі жақындап қалды:",
                   overdueBody: "Сізге жүктелген тапсырманың мерзімі өтіп кетті:", decision: "Шешім", dueOn: "Орындау мерзімі"),
        .ru: .init(due: "Срок поручения", overdue: "Поручение просрочено", dueBody: "Приближается срок исполнения поручения:",
                   overdueBody: "Срок исполнения поручения истёк:", decision: "Решение", dueOn: "Срок"),
        .uz: .init(due: "Topshiriq muddati yaqin", overdue: "Topshiriq muddati o‘tdi", dueBody: "Sizga yuklatilgan topshiriq muddati yaqinlashmoqda:",
                   overdueBody: "Sizga yuklatilgan topshiriq muddati o‘tib ketdi:", decision: "Qaror", dueOn: "Muddat"),
        .az: .init(due: "Tapşırığın müddəti yaxınlaşır", overdue: "Tapşırığın müddəti keçib", dueBody: "Sizə həvalə olunmuş tapşırığın müddəti yaxınlaşır:",
                   overdueBody: "Sizə həvalə olunmuş tapşırığın müddəti keçib:", decision: "Qərar", dueOn: "Müddət"),
        .en: .init(due: "Task due soon", overdue: "Task overdue", dueBody: "A task given to you is due soon:",
                   overdueBody: "A task given to you is overdue:", decision: "Decision", dueOn: "Due"),
    ]

    /// A reminder of a council task before its due date, or once it is overdue.
    public static func task(overdue: Bool, title: String, decision: String, dueOn: CivilDate, name: String, office: String,
                            language: Language) -> Text {
        let w = words[language]!, t = taskWords[language]!
        let subject = "\(overdue ? t.overdue : t.due): \(title), \(dueOn)"
        return text(subject: subject, lines: ["\(w.greeting) \(name),", "", overdue ? t.overdueBody : t.dueBody, "", title,
                                              "\(t.dueOn): \(dueOn)", "\(t.decision): \(decision)", "", "\(w.signature),", office],
                    language: language)
    }

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
        return text(subject: subject, lines: lines, language: language)
    }

    /// The same lines as plain text and as a small HTML page.
    static func text(subject: String, lines: [String], language: Language) -> Text {
        let html = "<!DOCTYPE html><html lang=\"\(language.rawValue)\"><body>"
            + lines.map { $0.isEmpty ? "" : "<p>\(Printables.escape($0))</p>" }.joined() + "</body></html>"
        return Text(subject: subject, plain: lines.joined(separator: "\n"), html: html)
    }
}
