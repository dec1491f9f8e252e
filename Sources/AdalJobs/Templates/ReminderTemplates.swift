import AdalDomain
import Foundation
import Mustache

/// The Mustache templates reminders are written with, one per kind and language. Adal carries its
/// own; an office may put its wording in `ADAL_TEMPLATES_DIR` as `KIND.LANGUAGE.mustache`
/// (`event_reminder.kk.mustache`), and those win. A template's first line is the subject, then a
/// blank line, then the body; values are inserted as written (the HTML part escapes them).
public struct ReminderTemplates: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case eventReminder = "event_reminder"
        case eventCancellation = "event_cancellation"
        case eventInvitation = "event_invitation"
        case eventUpdate = "event_update"
        case eventMinutes = "event_minutes"
        case taskDue = "task_due"
        case taskOverdue = "task_overdue"
        case applicationDue = "application_due"
        case applicationOverdue = "application_overdue"
        case applicationWelcome = "application_welcome"
        case weeklyDigest = "weekly_digest"
        case dailyDigest = "daily_digest"
    }

    public struct Rendered: Sendable, Equatable {
        public let subject: String
        public let plain: String
        public let html: String
    }

    let library: MustacheLibrary

    /// Adal's own templates, with those found in `directory` in their place.
    public init(overrides directory: String? = nil) async throws {
        var library = MustacheLibrary()
        for kind in Kind.allCases {
            for (language, text) in Self.builtIn(kind) {
                try library.register(Self.asText(text), named: "\(kind.rawValue).\(language.rawValue)")
            }
        }
        if let directory {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
            for file in files {
                let name = String(file.dropLast(".mustache".count))
                guard let dot = name.lastIndex(of: "."), Kind(rawValue: String(name[..<dot])) != nil,
                      Language(rawValue: String(name[name.index(after: dot)...])) != nil else {
                    throw ValidationFailure([FieldError("ADAL_TEMPLATES_DIR",
                                                        "\(file) is not named KIND.LANGUAGE.mustache with a known kind and language")])
                }
                let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
                do {
                    try library.register(Self.asText(text), named: name)
                } catch {
                    throw ValidationFailure([FieldError("ADAL_TEMPLATES_DIR", "\(file) is not a valid Mustache template: \(error)")])
                }
            }
        }
        self.library = library
    }

    /// The kind's template in `language`, filled with `values`.
    public func render(_ kind: Kind, language: Language, _ values: [String: Any]) -> Rendered {
        let output = library.render(values, withTemplate: "\(kind.rawValue).\(language.rawValue)")
            ?? library.render(values, withTemplate: "\(kind.rawValue).en") ?? ""
        // Split on the bytes: as Characters, "\r\n" is one and a template saved with CRLF would be one line.
        var lines = output.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            Substring(line.last == 0x0D ? line.dropLast() : line)
        }
        let subject = lines.isEmpty ? "" : lines.removeFirst().trimmingCharacters(in: .whitespaces)
        while let first = lines.first, Self.isBlank(first) { lines.removeFirst() }
        while let last = lines.last, Self.isBlank(last) { lines.removeLast() }
        let body = lines.map(String.init)
        return Rendered(subject: subject, plain: body.joined(separator: "\n"), html: Self.html(body, language: language))
    }

    /// The kind's template filled with `values` and a stand-in for the recipient's name, for many
    /// recipients who differ in nothing else (an event's invitees): each recipient's text is then
    /// the stand-in replaced by the name, rather than a rendering of its own. `nil` when the template
    /// does more with the name than insert it — a transform such as `uppercased(name)` —, which shows
    /// as two different stand-ins giving texts that differ elsewhere too.
    public func renderForRecipients(_ kind: Kind, language: Language, _ values: [String: Any]) -> NameSlots? {
        func rendered(_ name: String) -> Rendered {
            var values = values
            values["name"] = name
            return render(kind, language: language, values)
        }
        let first = rendered(NameSlots.standIn), second = rendered(NameSlots.otherStandIn)
        let slots = NameSlots(first)
        guard slots.filled(NameSlots.otherStandIn, html: NameSlots.otherStandIn) == second else { return nil }
        return slots
    }

    static func isBlank(_ line: Substring) -> Bool {
        line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// The body as a small HTML page: paragraphs, and lines beginning "- " as a list.
    static func html(_ lines: [String], language: Language) -> String {
        var html = "<!DOCTYPE html><html lang=\"\(language.rawValue)\"><body>"
        var inList = false
        for line in lines {
            let isItem = line.hasPrefix("- ")
            if isItem != inList {
                html += isItem ? "<ul>" : "</ul>"
                inList = isItem
            }
            if isItem {
                html += "<li>\(Printables.escape(String(line.dropFirst(2))))</li>"
            } else if !line.isEmpty {
                html += "<p>\(Printables.escape(line))</p>"
            }
        }
        return html + (inList ? "</ul>" : "") + "</body></html>"
    }

    /// Values go into an e-mail's text as written: HTML escaping is done for the HTML part alone.
    static func asText(_ template: String) -> String { "{{% CONTENT_TYPE: TEXT}}\n" + template }

    static func builtIn(_ kind: Kind) -> [Language: String] {
        switch kind {
        case .eventReminder: eventReminder
        case .eventCancellation: eventCancellation
        case .eventInvitation: eventInvitation
        case .eventUpdate: eventUpdate
        case .eventMinutes: eventMinutes
        case .taskDue: taskDue
        case .taskOverdue: taskOverdue
        case .applicationDue: applicationDue
        case .applicationOverdue: applicationOverdue
        case .applicationWelcome: applicationWelcome
        case .weeklyDigest: weeklyDigest
        case .dailyDigest: dailyDigest
        }
    }
}
