import AdalCore
import AdalDomain
import ArgumentParser
import Foundation

/// Titles typed as `--title en=… --title kk=…`.
func languageTitles(_ pairs: [String], field: String) throws -> [String: String] {
    var titles: [String: String] = [:]
    for pair in pairs {
        guard let equals = pair.firstIndex(of: "=") else {
            throw ValidationFailure([FieldError(field, "'\(pair)' is not LANG=TEXT, e.g. en=Public hearings")])
        }
        titles[String(pair[..<equals]).trimmingCharacters(in: .whitespaces).lowercased()] = String(pair[pair.index(after: equals)...])
    }
    return try ActionPlanRules.titles(titles, field: field)
}

struct PlansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans", abstract: "National action plans and programmes, and their items (events link them as PLAN-CODE number).",
        subcommands: [List.self, Add.self, AddItem.self])

    static func table(_ plans: [ActionPlan], language: Language) -> Table {
        Table(columns: ["plan", "country", "years", "item", "title"], rows: plans.flatMap { plan in
            [[plan.code, plan.country.rawValue, "\(plan.firstYear)–\(plan.lastYear)", "", plan.title(in: language)]]
                + plan.items.map { ["", "", "", $0.number, $0.title[language.rawValue] ?? $0.title["en"] ?? ""] }
        })
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans with their items.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this country: KZ, UZ or AZ.") var country: String?
        @Option(help: "Titles in kk, ru, uz, az or en (English where a title has no such text).") var lang: String = "en"

        func run() async throws {
            let language = try Language.parse(lang, field: "lang")
            let country = self.country
            let plans = try await common.withContext { context in try await Plans(context).list(country: country) }
            Output.print(plans, format: output.format) { PlansCommand.table(plans, language: language) }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a plan or programme of a country (admin).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "Its code, e.g. KZ-ACP-2022-2026.") var code: String
        @Option(help: "KZ, UZ or AZ.") var country: String
        @Option(help: "A title as LANG=TEXT (repeat; en is required).") var title: [String] = []
        @Option(help: "The first year it runs.") var firstYear: Int
        @Option(help: "The last year it runs.") var lastYear: Int
        @Option(help: "The act that adopted it.") var adoptedBy: String?

        func run() async throws {
            let titles = try languageTitles(title, field: "title")
            let (code, country, first, last, adoptedBy, actor) = (self.code, self.country, firstYear, lastYear, self.adoptedBy, common.actingUser)
            let plan = try await common.withContext { context in
                try await Plans(context).add(code: code, country: country, title: titles, firstYear: first, lastYear: last,
                                             adoptedBy: adoptedBy, actor: actor)
            }
            Output.print(plan, format: output.format) { PlansCommand.table([plan], language: .en) }
        }
    }

    struct AddItem: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-item", abstract: "Add a numbered item to a plan (admin).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The plan's code.") var plan: String
        @Argument(help: "The item's number, e.g. 6.2.") var number: String
        @Option(help: "A title as LANG=TEXT (repeat; en is required).") var title: [String] = []

        func run() async throws {
            let titles = try languageTitles(title, field: "title")
            let (plan, number, actor) = (self.plan, self.number, common.actingUser)
            let updated = try await common.withContext { context in
                try await Plans(context).addItem(planCode: plan, number: number, title: titles, actor: actor)
            }
            Output.print(updated, format: output.format) { PlansCommand.table([updated], language: .en) }
        }
    }
}

struct OfficesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offices", abstract: "Offices and the names they are known by (eOtinish recipients are matched by them).",
        subcommands: [List.self, AddAlias.self])

    static func table(_ offices: [Offices.Entry], language: Language) -> Table {
        Table(columns: ["code", "region", "name", "also known as"], rows: offices.map {
            [$0.code, $0.region, $0.names[language.rawValue] ?? $0.names["en"] ?? "", $0.aliases.joined(separator: " | ")]
        })
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List offices with their other names.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Names in kk, ru, uz, az or en.") var lang: String = "en"

        func run() async throws {
            let language = try Language.parse(lang, field: "lang")
            let offices = try await common.withContext { context in try await Offices(context).list() }
            Output.print(offices, format: output.format) { OfficesCommand.table(offices, language: language) }
        }
    }

    struct AddAlias: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-alias", abstract: "Add a name an office is known by, as eOtinish or the mail write it (admin).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The office's code.") var code: String
        @Argument(help: "The name, as written.") var alias: String

        func run() async throws {
            let (code, alias, actor) = (self.code, self.alias, common.actingUser)
            let office = try await common.withContext { context in try await Offices(context).addAlias(code: code, alias: alias, actor: actor) }
            Output.print(office, format: output.format) { OfficesCommand.table([office], language: .en) }
        }
    }
}
