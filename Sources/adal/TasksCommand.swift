import AdalCore
import AdalDomain
import AdalStore
import ArgumentParser
import Foundation

/// `adal events agenda|decide` and `adal tasks …`: what meetings decide and who must do it.
extension EventsCommand {
    struct Agenda: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a meeting's agenda, or add an item to its end.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "Add an item with this title.") var add: String?
        @Option(help: "Who presents the new item.") var presenter: String?

        func run() async throws {
            let (id, add, presenter, actor) = (self.id, self.add, self.presenter, common.actingUser)
            let items = try await common.withContext(resolving: id, in: .events) { context, id in
                let decisions = Decisions(context)
                if let add { _ = try await decisions.addAgendaItem(eventID: id, title: add, presenter: presenter, actor: actor) }
                return try await decisions.agenda(eventID: id)
            }
            Output.print(items, format: output.format) {
                Table(columns: ["#", "item", "presenter"], rows: items.map { ["\($0.position)", $0.title, $0.presenter ?? ""] })
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a decision of a meeting, on an agenda item or as a whole.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "The agenda item's number.") var item: Int?
        @Option var text: String

        func run() async throws {
            let (id, item, text, actor) = (self.id, self.item, self.text, common.actingUser)
            let decision = try await common.withContext(resolving: id, in: .events) { context, id in
                try await Decisions(context).decide(eventID: id, agendaPosition: item, text: text, actor: actor)
            }
            Output.print(decision, format: output.format) {
                Table(columns: ["decision", "item", "text"], rows: [[
                    decision.id.uuidString.lowercased(), decision.agendaPosition.map(String.init) ?? "", decision.text,
                ]])
            }
        }
    }
}

struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "Tasks from decisions: who does what by when.",
        subcommands: [Add.self, List.self, Show.self, Report.self, Done.self, Cancel.self])

    static func table(_ tasks: [TaskRecord]) -> Table {
        Table(columns: ["id", "due", "status", "assignee", "council", "task"], rows: tasks.map {
            [ShortID.of($0.id), $0.dueOn.description, $0.overdue ? "overdue" : $0.status.rawValue, $0.assignee,
             $0.councilCode ?? "", $0.title]
        })
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a task from a decision to a person or an organisation.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Option(help: "The decision's id.") var decision: String
        @Option var title: String
        @Option(help: "The assignee: a person's id, short ID or national ID.") var person: String?
        @Option(help: "Or the assignee organisation's name.") var organisation: String?
        @Option(help: "Due date yyyy-MM-dd.") var due: String

        func run() async throws {
            let (decision, title, person, organisation, due, actor) =
                (self.decision, self.title, self.person, self.organisation, self.due, common.actingUser)
            let task = try await common.withContext { context in
                var personID = person
                if let person { personID = try await Lookups(context).id(person, in: .people, field: "person") }
                return try await Decisions(context).addTask(decisionID: decision, title: title, personID: personID,
                                                     organisation: organisation, due: due, actor: actor)
            }
            Output.print(task, format: output.format) { TasksCommand.table([task]) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tasks by due date; open ones past due show as overdue.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Flag(help: "Only open tasks past their due date.") var overdue = false
        @Option(help: "Only this council's.") var council: String?
        @Option(help: "Only those whose assignee's name contains this.") var assignee: String?
        @Option(help: "open, done or cancelled.") var status: String?
        @Option(help: "Only those whose title, or assignee's name in any script, holds this.") var search: String?
        @Option(help: "Show the tasks after this one (the last id or short ID of the previous page).") var after: String?
        @Option(help: "At most this many (1–1000).") var limit: Int = 200

        func run() async throws {
            let status = try self.status.map { try TaskStatus.parse($0, field: "status") }
            guard (1...1000).contains(limit) else { throw ValidationFailure([FieldError("limit", "must be between 1 and 1000")]) }
            var filter = Decisions.TaskFilter(overdueOnly: overdue, councilCode: council, assignee: assignee, status: status)
            filter.limit = limit
            let (search, after) = (self.search, self.after)
            let tasks = try await common.withContext { [filter] context in
                var filter = filter
                filter.after = try await after.asyncMap { try uuid(await Lookups(context).id($0, in: .tasks, field: "after"), field: "after") }
                return try await Decisions(context).tasks(filter, search: search)
            }
            Output.print(tasks, format: output.format) { TasksCommand.table(tasks) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One task with its decision and progress reports.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String

        func run() async throws {
            let id = self.id
            let task = try await common.withContext(resolving: id, in: .tasks) { context, id in try await Decisions(context).task(id) }
            Output.print(task, format: output.format) {
                var rows = [["task", task.title], ["assignee", task.assignee], ["due", task.dueOn.description],
                            ["status", task.overdue ? "overdue" : task.status.rawValue], ["decision", task.decision]]
                rows += task.reports.map { ["report", "\(ISO8601DateFormatter().string(from: $0.at)) \($0.actor): \($0.text)"] }
                return Table(columns: ["field", "value"], rows: rows)
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a progress report to an open task.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String
        @Option(help: "What has been done.") var text: String

        func run() async throws {
            let (id, text, actor) = (self.id, self.text, common.actingUser)
            let task = try await common.withContext(resolving: id, in: .tasks) { context, id in try await Decisions(context).report(taskID: id, text: text, actor: actor) }
            Output.print(task, format: output.format) { TasksCommand.table([task]) }
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an open task done.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String

        func run() async throws {
            let (id, actor) = (self.id, common.actingUser)
            let task = try await common.withContext(resolving: id, in: .tasks) { context, id in try await Decisions(context).close(taskID: id, as: .done, actor: actor) }
            Output.print(task, format: output.format) { TasksCommand.table([task]) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an open task.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var id: String

        func run() async throws {
            let (id, actor) = (self.id, common.actingUser)
            let task = try await common.withContext(resolving: id, in: .tasks) { context, id in
                try await Decisions(context).close(taskID: id, as: .cancelled, actor: actor)
            }
            Output.print(task, format: output.format) { TasksCommand.table([task]) }
        }
    }
}
