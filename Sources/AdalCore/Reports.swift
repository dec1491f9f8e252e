import AdalReports
import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// The reports admins and auditors run, in the caller's regional scope, for a region's subtree
/// and a period of local dates.
public struct Reports: Sendable {
    let context: AdalContext
    let repository: ReportRepository

    public init(_ context: AdalContext, explain: ExplainTotal? = nil) {
        self.context = context
        repository = ReportRepository(logger: context.logger, explain: explain, readOnly: context.reportsDatabase != nil)
    }

    /// Where reports read: the replica when there is one.
    var database: Database { context.reportsDatabase ?? context.database }

    public static let names = ["applications", "action-plan", "volunteers", "councils"]

    /// What every report is asked: a region (code; nil for all the caller sees), a period
    /// (`yyyy-MM-dd`; from the first of January to today, in the region's zone, when not given), the
    /// language of labels.
    public struct Request: Sendable {
        public var regionCode: String?
        public var from: String?
        public var to: String?
        public var language: String
        /// The council-rating methodology (its criteria are in `rating_criteria`, from `seeds/`).
        public var methodology: String

        public init(regionCode: String? = nil, from: String? = nil, to: String? = nil, language: String = "en",
                    methodology: String = "standard") {
            self.regionCode = regionCode
            self.from = from
            self.to = to
            self.language = language
            self.methodology = methodology
        }
    }

    struct Checked {
        let regionID: Int64?
        let period: ReportRepository.Period
        let language: Language
    }

    func check(_ request: Request, now: Date) async throws -> Checked {
        var errors = FieldErrorCollector()
        let language = errors.check { try Language.parse(request.language, field: "lang") }
        func date(_ field: String, _ text: String?) -> CivilDate? {
            guard let text else { return nil }
            let date = CivilDate(text)
            if date == nil { errors.add(field, "'\(text)' is not a date (yyyy-MM-dd)") }
            return date
        }
        let (from, to) = (date("from", request.from), date("to", request.to))
        if let from, let to, to < from { errors.add("to", "is before from") }
        try errors.throwIfAny()
        let within = context.scope.limit
        let (regionID, today) = try await database.withConnection { connection -> (Int64?, CivilDate) in
            var regionID: Int64?
            if let code = request.regionCode {
                let region = try await context.region(code: code, on: connection)
                guard context.scope.contains(regionID: region.id) else { throw AdalError.notFound(entity: "region", key: code) }
                regionID = region.id
            }
            // Today where it is latest among the regions asked for: a period that runs to it covers
            // everything recorded so far, in whichever zone.
            let today = try await repository.today(regionID: regionID, within: within, now: now, on: connection)
                ?? CivilDate(now, zone: TimeZone(identifier: "UTC")!)
            return (regionID, today)
        }
        let period = ReportRepository.Period(from: from ?? CivilDate(year: (to ?? today).year, month: 1, day: 1)!, to: to ?? today)
        guard period.from <= period.to else { throw ValidationFailure([FieldError("from", "is after today (\(today)); give to")]) }
        return Checked(regionID: regionID, period: period, language: language!)
    }

    /// A report's queries run in one transaction, readied for reports (the temporary tables some
    /// collect are dropped at its end).
    func inReport<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await database.transaction { connection in
            try await repository.begin(on: connection)
            return try await repository.sharingCollections(on: connection) { try await body(connection) }
        }
    }

    func document(_ name: String, _ request: Request, _ checked: Checked, now: Date,
                  sections: [ReportDocument.Section], notes: [String] = []) -> ReportDocument {
        var document = ReportDocument(name: name, title: ReportLabels.text(name, checked.language),
                                      region: request.regionCode,
                                      from: checked.period.from.description, to: checked.period.to.description,
                                      language: checked.language.rawValue, generatedAt: now, sections: sections)
        document.notes = notes
        return document
    }

    /// A section titled and labelled in `language`; each column in `words` holds codes, put in
    /// words by the catalog prefix given for it.
    func section(_ key: String, _ columns: [String], _ rows: ReportRepository.Rows, _ language: Language,
                 chart: ReportDocument.Chart? = nil, words: [Int: String] = [:]) -> ReportDocument.Section {
        .init(key: key, title: ReportLabels.text(key, language), columns: ReportLabels.columns(columns, language),
              rows: words.isEmpty ? rows : ReportLabels.words(rows, columns: words, language), chart: chart)
    }

    /// Rows month by month as a section over time: by month, quarter or year as the period's length
    /// asks (`ReportGrain`); `columns` after the first, which names the month, quarter or year.
    func overTime(_ monthRows: ReportRepository.Rows, _ columns: [String], _ period: ReportRepository.Period,
                  _ language: Language) -> ReportDocument.Section {
        let grain = ReportGrain.of(from: period.from, to: period.to)
        return section(grain.sectionKey, [grain.columnKey] + columns, grain.group(monthRows), language,
                       chart: .line(label: 0, values: Array(1...columns.count)))
    }

    /// Received by channel, decided (accepted share, working days to a decision), open and overdue
    /// now, and the share decided on time by office.
    public func applications(_ request: Request, now: Date = Date()) async throws -> ReportDocument {
        let checked = try await check(request, now: now)
        let (region, period, language, within) = (checked.regionID, checked.period, checked.language, context.scope.limit)
        let sections = try await inReport { connection in
            try await repository.collectApplications(regionID: region, period: period, within: within, now: now, on: connection)
            return [
                section("received", ["channel", "count"], try await repository.applicationsByChannel(on: connection),
                        language, chart: .bar(label: 0, value: 1), words: [0: "channel"]),
                overTime(try await repository.applicationMonths(period: period, on: connection), ["count", "decided"], period, language),
                section("decisions", ["decided", "accepted", "rejected", "withdrawn", "accepted_share", "median_days", "p90_days"],
                        try await repository.applicationDecisions(period: period, on: connection), language),
                section("open", ["open_count", "overdue"], try await repository.applicationsOpen(on: connection), language),
                section("offices", ["office", "decided", "on_time", "on_time_share"],
                        try await repository.applicationsOnTimeByOffice(language: language, on: connection),
                        language, chart: .bar(label: 0, value: 3)),
            ]
        }
        return document("applications", request, checked, now: now, sections: sections)
    }

    /// Per plan item: events, held, cancelled, hearings, participants, media, volunteers; events by
    /// kind; totals by region; and the list of events.
    public func actionPlan(_ request: Request, now: Date = Date()) async throws -> ReportDocument {
        let checked = try await check(request, now: now)
        let (region, period, language, within) = (checked.regionID, checked.period, checked.language, context.scope.limit)
        let sections = try await inReport { connection in
            try await repository.collectPeriodEvents(regionID: region, period: period, within: within, on: connection)
            return [
                section("items", ["plan", "item", "item_title", "events_count", "held", "cancelled", "hearings", "attended", "media",
                                  "volunteers_involved"],
                        try await repository.planItems(language: language, on: connection),
                        language, chart: .bar(label: 1, value: 4)),
                section("kinds", ["plan", "item", "kind", "events_count", "held"],
                        try await repository.planItemKinds(on: connection), language, words: [2: "event_kind"]),
                overTime(try await repository.eventMonths(period: period, on: connection), ["events_count", "held", "attended"],
                         period, language),
                section("regions", ["region", "events_count", "held", "attended", "volunteers_involved"],
                        try await repository.eventRegions(language: language, on: connection),
                        language, chart: .bar(label: 0, value: 2)),
                try await eventList(language: language, on: connection),
            ]
        }
        return document("action-plan", request, checked, now: now, sections: sections,
                        notes: [ReportLabels.text("note_date_unknown", language)])
    }

    /// Volunteers by region, kind, area and status; new and withdrawn in the period; hours; age
    /// groups; the organisations with the most volunteers.
    public func volunteers(_ request: Request, now: Date = Date()) async throws -> ReportDocument {
        let checked = try await check(request, now: now)
        let (region, period, language, within) = (checked.regionID, checked.period, checked.language, context.scope.limit)
        let sections = try await inReport { connection in
            try await repository.collectVolunteers(regionID: region, period: period, within: within, on: connection)
            return [
                section("volunteer_regions", ["region", "volunteers_count", "new", "withdrawn", "active", "hours"],
                        try await repository.volunteerRegions(period: period, language: language, on: connection),
                        language, chart: .bar(label: 0, value: 1)),
                section("breakdown", ["region", "kind", "area", "status", "volunteers_count"],
                        try await repository.volunteerBreakdown(period: period, language: language, on: connection), language,
                        words: [1: "kind", 2: "area", 3: "status"]),
                overTime(try await repository.volunteerMonths(period: period, on: connection), ["joined"], period, language),
                section("ages", ["age_group", "volunteers_count"],
                        try await repository.volunteerAges(period: period, on: connection),
                        language, chart: .bar(label: 0, value: 1), words: [0: "age_group"]),
                section("organisations", ["organisation", "volunteers_count"],
                        try await repository.volunteerOrganisations(period: period, on: connection),
                        language, chart: .bar(label: 0, value: 1)),
            ]
        }
        return document("volunteers", request, checked, now: now, sections: sections)
    }

    /// Councils rated by the methodology's criteria for the period: each criterion's score, the
    /// weighted total and the rank; the criteria; the figures the scores come from.
    public func councils(_ request: Request, now: Date = Date()) async throws -> ReportDocument {
        let checked = try await check(request, now: now)
        let (region, period, language, within) = (checked.regionID, checked.period, checked.language, context.scope.limit)
        let methodology = request.methodology
        let (criteriaRows, figureRows) = try await inReport { connection in
            let criteria = try await repository.criteria(methodology: methodology, language: language, on: connection)
            guard !criteria.isEmpty else {
                let known = try await repository.methodologies(on: connection)
                throw ValidationFailure([FieldError("methodology", known.isEmpty
                    ? "there are no rating criteria (load them with adal db seed)"
                    : "'\(methodology)' is not one of: \(known.joined(separator: ", "))")])
            }
            return (criteria,
                    try await repository.councilFigures(regionID: region, period: period, within: within, language: language,
                                                        on: connection))
        }
        let criteria = criteriaRows.map {
            CouncilRating.Criterion(key: $0[0].text, title: $0[1].text, weight: $0[2].number ?? 0, targetPerYear: $0[3].number)
        }
        let years = Double(period.to.dayNumber - period.from.dayNumber + 1) / 365
        let figures = figureRows.map { row in
            CouncilRating.Figures(meetings: Int(row[3].number ?? 0), quorate: Int(row[4].number ?? 0), tasksDue: Int(row[5].number ?? 0),
                                  tasksOnTime: Int(row[6].number ?? 0), hearings: Int(row[7].number ?? 0),
                                  volunteers: Int(row[8].number ?? 0))
        }
        let scores = figures.map { figure in criteria.map { CouncilRating.score($0, figure, years: years) } }
        // A council that held no meeting is not scored: it is shown as such and ranks last.
        let totals = zip(figures, scores).map { figure, scores in
            figure.meetings == 0 ? nil : CouncilRating.total(scores, weights: criteria.map(\.weight))
        }
        let ranks = CouncilRating.ranks(totals)
        let rated = figureRows.indices.sorted { (ranks[$0], figureRows[$0][0].text) < (ranks[$1], figureRows[$1][0].text) }.map { index in
            guard let total = totals[index] else {
                return [ReportCell.integer(ranks[index]), figureRows[index][1], figureRows[index][2],
                        .text(ReportLabels.text("no_meetings", language))] + criteria.map { _ in ReportCell.empty }
            }
            return [ReportCell.integer(ranks[index]), figureRows[index][1], figureRows[index][2], .decimal((total * 10).rounded() / 10)]
                + scores[index].map { ReportCell.decimal(($0 * 10).rounded() / 10) }
        }
        let ratingColumns = ReportLabels.columns(["rank", "council", "region", "total"], language)
            + criteria.map { ReportDocument.Column(key: $0.key, title: $0.title) }
        let sections = [
            ReportDocument.Section(key: "rating", title: ReportLabels.text("rating", language), columns: ratingColumns, rows: rated,
                                   chart: .bar(label: 1, value: 3)),
            section("criteria", ["criterion", "weight", "target"],
                    criteria.map { [.text($0.title), .decimal($0.weight), $0.targetPerYear.map { .decimal($0) } ?? .empty] }, language),
            section("figures", ["council", "held_meetings", "quorate", "tasks_due", "tasks_on_time", "hearings", "volunteers_involved"],
                    figureRows.map { [$0[1]] + Array($0[3...]) }, language),
        ]
        return document("councils", request, checked, now: now, sections: sections,
                        notes: [ReportLabels.text("note_no_meetings", language)])
    }

    /// The list of events, at most `ReportRepository.eventListLimit` of them; the title says when there are more.
    func eventList(language: Language, on connection: PostgresConnection) async throws -> ReportDocument.Section {
        // Counted whether or not the list is full: a replica's report asks the same sections both
        // times it runs (ReportRepository.sharingCollections).
        let list = try await repository.eventList(language: language, on: connection)
        let total = try await repository.eventCount(on: connection)
        var title = ReportLabels.text("events", language)
        if total > list.count {
            title += " (" + ReportLabels.format("shown_of", ["shown": String(list.count), "total": String(total)], language) + ")"
        }
        // An event held on a date its record does not know (see `note_date_unknown`).
        let dated = list.map { row in
            row.first?.text.isEmpty == true ? [ReportCell.text(ReportLabels.text("date_unknown", language))] + row.dropFirst() : row
        }
        return .init(key: "events", title: title,
                     columns: ReportLabels.columns(["date", "region", "place", "title", "kind", "status", "plan_items"], language),
                     rows: ReportLabels.words(dated, columns: [4: "event_kind", 5: "event_status"], language), chart: nil)
    }

    public func run(_ name: String, _ request: Request, now: Date = Date()) async throws -> ReportDocument {
        switch name {
        case "applications": try await applications(request, now: now)
        case "action-plan": try await actionPlan(request, now: now)
        case "volunteers": try await volunteers(request, now: now)
        case "councils": try await councils(request, now: now)
        default: throw ValidationFailure([FieldError("report", "'\(name)' is not one of: \(Self.names.joined(separator: ", "))")])
        }
    }
}
