import AdalDomain
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The queries behind reports. Every period is a range of local dates, each record's read in its
/// own region's zone; `regionID` limits to a region's subtree; `within` is the caller's scope.
public struct ReportRepository: Sendable {
    let logger: Logger
    /// When set, every query is also run under EXPLAIN ANALYZE and PostgreSQL's own time added up
    /// (what the reports benchmark compares against).
    let explain: ExplainTotal?

    public init(logger: Logger, explain: ExplainTotal? = nil) {
        self.logger = logger
        self.explain = explain
    }

    public struct Period: Sendable {
        public let from: CivilDate
        public let to: CivilDate

        public init(from: CivilDate, to: CivilDate) {
            self.from = from
            self.to = to
        }
    }

    /// Rows of text and numbers as the query gave them, column by column.
    public typealias Rows = [[ReportCell]]

    func rows(_ query: PostgresQuery, columns: [ReportCell.Kind], on connection: PostgresConnection) async throws -> Rows {
        if let explain {
            let plan = try await connection.run(PostgresQuery(unsafeSQL: "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + query.sql, binds: query.binds),
                                                logger: logger)
            explain.add(Self.milliseconds(try plan.map { try $0.decode(String.self) }.joined()))
        }
        return try await connection.run(query, logger: logger).map { row in
            let cells = row.makeRandomAccess()
            return try columns.enumerated().map { index, kind in
                switch kind {
                case .text: .text(try cells[index].decode(String?.self) ?? "")
                case .integer: .integer(try cells[index].decode(Int?.self) ?? 0)
                case .decimal: try cells[index].decode(Double?.self).map { .decimal($0) } ?? .empty
                }
            }
        }
    }

    // MARK: applications

    /// Collects into `report_regions` (dropped at commit) the regions a report covers, each with the
    /// period as a range of instants in its zone and its own today: the application sections then
    /// compare instants instead of converting every row to a local date.
    public func collectRegions(regionID: Int64?, period: Period, within: [Int64]?, now: Date,
                               on connection: PostgresConnection) async throws {
        var binds = PostgresBindings()
        binds.append(regionID)
        binds.append(within)
        binds.append(period.from.description)
        binds.append(period.to.description)
        binds.append(now)
        try await collect(into: "report_regions", """
            SELECT r.id, r.country, r.time_zone, ($3::date::timestamp AT TIME ZONE r.time_zone) AS from_at,
                   (($4::date + 1)::timestamp AT TIME ZONE r.time_zone) AS to_at, ($5::timestamptz AT TIME ZONE r.time_zone)::date AS today
            FROM regions r
            WHERE ($1::bigint IS NULL OR r.id IN (SELECT region_subtree($1))) AND ($2::bigint[] IS NULL OR r.id = ANY ($2))
            """, binds: binds, on: connection)
    }

    public func applicationsByChannel(on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            SELECT a.channel, count(*)::int
            FROM report_regions b JOIN applications a ON a.region_id = b.id
            WHERE a.received_at >= b.from_at AND a.received_at < b.to_at
            GROUP BY a.channel ORDER BY count(*) DESC, a.channel
            """, columns: [.text, .integer], on: connection)
    }

    /// Decided in the period: how many, accepted, rejected, withdrawn, the accepted share of
    /// accepted and rejected, and working days from receipt to decision (median, 90th percentile).
    public func applicationDecisions(period: Period, on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            WITH span AS (
                -- Each country's working days numbered in order, over the dates a decision may span.
                SELECT c.country, d::date AS day,
                       count(*) FILTER (WHERE coalesce(cd.kind = 'working', extract(isodow FROM d) < 6))
                           OVER (PARTITION BY c.country ORDER BY d) AS ordinal
                FROM (VALUES ('KZ'), ('UZ'), ('AZ')) AS c(country)
                CROSS JOIN generate_series(\(period.from.description)::date - 400, \(period.to.description)::date, interval '1 day') AS d
                LEFT JOIN calendar_days cd ON cd.country = c.country AND cd.day = d::date
            ), decided AS (
                SELECT a.status, b.country, (a.received_at AT TIME ZONE b.time_zone)::date AS received_on,
                       (a.decided_at AT TIME ZONE b.time_zone)::date AS decided_on
                FROM report_regions b JOIN applications a ON a.region_id = b.id
                WHERE a.decided_at >= b.from_at AND a.decided_at < b.to_at
            ), counted AS (
                SELECT d.status, coalesce(t.ordinal - f.ordinal, adal_working_days(d.country, d.received_on, d.decided_on)) AS days
                FROM decided d
                LEFT JOIN span f ON f.country = d.country AND f.day = d.received_on
                LEFT JOIN span t ON t.country = d.country AND t.day = d.decided_on
            )
            SELECT count(*)::int, count(*) FILTER (WHERE status = 'accepted')::int, count(*) FILTER (WHERE status = 'rejected')::int,
                   count(*) FILTER (WHERE status = 'withdrawn')::int,
                   round(100.0 * count(*) FILTER (WHERE status = 'accepted')
                         / nullif(count(*) FILTER (WHERE status IN ('accepted', 'rejected')), 0), 1)::float8,
                   (percentile_cont(0.5) WITHIN GROUP (ORDER BY days))::float8,
                   (percentile_cont(0.9) WITHIN GROUP (ORDER BY days))::float8
            FROM counted
            """, columns: [.integer, .integer, .integer, .integer, .decimal, .decimal, .decimal], on: connection)
    }

    /// Open now, and of those overdue (due before today in the region).
    public func applicationsOpen(on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            SELECT count(*)::int, count(*) FILTER (WHERE a.due_on < b.today)::int
            FROM report_regions b JOIN applications a ON a.region_id = b.id
            WHERE a.status IN ('received', 'screening', 'needs_info')
            """, columns: [.integer, .integer], on: connection)
    }

    /// Per office: decided in the period, of those on time (decided on or before the due date), the share.
    public func applicationsOnTimeByOffice(language: Language, on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            WITH decided AS (
                SELECT a.office_id, (a.decided_at AT TIME ZONE b.time_zone)::date <= a.due_on AS on_time
                FROM report_regions b JOIN applications a ON a.region_id = b.id
                WHERE a.decided_at >= b.from_at AND a.decided_at < b.to_at)
            SELECT coalesce(o.names ->> \(language.rawValue), o.names ->> 'en', '—'), count(*)::int,
                   count(*) FILTER (WHERE d.on_time)::int,
                   round(100.0 * count(*) FILTER (WHERE d.on_time) / count(*), 1)::float8
            FROM decided d LEFT JOIN offices o ON o.id = d.office_id
            GROUP BY 1 ORDER BY 1
            """, columns: [.text, .integer, .integer, .decimal], on: connection)
    }

    // MARK: action plan

    /// The events of the period (by their local date, or the date they were held on) with their
    /// region; the base of the action-plan report. The period becomes a range of instants per
    /// region once, and each region's events are found by the (region, start) index (LATERAL, so
    /// the planner cannot trade it for a scan of every event when it misjudges the regions).
    static let periodEvents = """
        WITH bounds AS MATERIALIZED (
            SELECT r.id, coalesce(r.names ->> $1, r.names ->> 'en') AS region_name, r.time_zone,
                   ($4::date::timestamp AT TIME ZONE r.time_zone) AS from_at,
                   (($5::date + 1)::timestamp AT TIME ZONE r.time_zone) AS to_at
            FROM regions r
            WHERE ($2::bigint IS NULL OR r.id IN (SELECT region_subtree($2)))
              AND ($3::bigint[] IS NULL OR r.id = ANY ($3)))
        SELECT e.id, e.region_id, e.kind, e.status, e.title, e.venue, e.link, e.attended_count, e.media_count,
               b.region_name, e.starts_at, b.time_zone, NULL::date AS held_on
        FROM bounds b CROSS JOIN LATERAL (
            SELECT * FROM events e WHERE e.region_id = b.id AND e.starts_at >= b.from_at AND e.starts_at < b.to_at OFFSET 0) e
        UNION ALL
        SELECT e.id, e.region_id, e.kind, e.status, e.title, e.venue, e.link, e.attended_count, e.media_count,
               b.region_name, NULL, b.time_zone, e.held_on
        FROM bounds b JOIN events e ON e.region_id = b.id AND e.starts_at IS NULL AND e.held_on BETWEEN $4::date AND $5::date
        """

    /// Readies the report's transaction: JIT compilation costs these queries more than it saves.
    public func begin(on connection: PostgresConnection) async throws {
        try await connection.run("SET LOCAL jit = off", logger: logger)
    }

    /// Collects the period's events into `report_events`, a temporary table dropped at commit, which
    /// the action-plan sections then read: one pass over the events instead of one per section.
    /// Runs in the report's transaction.
    public func collectPeriodEvents(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                                    on connection: PostgresConnection) async throws {
        try await collect(into: "report_events", Self.periodEvents, binds: bindings(language, regionID, within, period),
                          on: connection)
    }

    /// `CREATE TEMPORARY TABLE table ON COMMIT DROP AS select`; under EXPLAIN ANALYZE when timing.
    func collect(into table: String, _ select: String, binds: PostgresBindings, on connection: PostgresConnection) async throws {
        let create = "CREATE TEMPORARY TABLE \(table) ON COMMIT DROP AS " + select
        if let explain {
            let plan = try await connection.run(PostgresQuery(unsafeSQL: "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + create, binds: binds),
                                                logger: logger)
            explain.add(Self.milliseconds(try plan.map { try $0.decode(String.self) }.joined()))
        } else {
            try await connection.run(PostgresQuery(unsafeSQL: create, binds: binds), logger: logger)
        }
    }

    /// Planning and execution time from an EXPLAIN (ANALYZE, FORMAT JSON) answer.
    static func milliseconds(_ plan: String) -> Double {
        guard let data = plan.data(using: .utf8), let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]],
              let first = list.first else { return 0 }
        return ((first["Planning Time"] as? Double) ?? 0) + ((first["Execution Time"] as? Double) ?? 0)
    }

    func bindings(_ language: Language, _ regionID: Int64?, _ within: [Int64]?, _ period: Period) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(language.rawValue)
        bindings.append(regionID)
        bindings.append(within)
        bindings.append(period.from.description)
        bindings.append(period.to.description)
        return bindings
    }

    /// Per plan item: events, held, cancelled, hearings held, attended participants, media
    /// present, volunteers involved.
    public func planItems(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                          on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (SELECT * FROM report_events),
            linked AS (
                SELECT epi.plan_item_id, pe.id, pe.status, pe.kind, pe.attended_count, pe.media_count
                FROM pe JOIN event_plan_items epi ON epi.event_id = pe.id),
            counted AS (
                SELECT plan_item_id, count(*) AS events, count(*) FILTER (WHERE status = 'held') AS held,
                       count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
                       count(*) FILTER (WHERE status = 'held' AND kind = 'public_hearing') AS hearings
                FROM linked GROUP BY plan_item_id),
            present AS (
                SELECT plan_item_id, sum(attended_count) AS people, sum(media_count) AS media
                FROM linked WHERE status = 'held' GROUP BY plan_item_id),
            helping AS (
                SELECT l.plan_item_id, count(DISTINCT ev.volunteer_id) AS volunteers
                FROM linked l JOIN event_volunteers ev ON ev.event_id = l.id GROUP BY l.plan_item_id)
            SELECT p.code, i.number, coalesce(i.title ->> $1, i.title ->> 'en'), c.events::int, c.held::int, c.cancelled::int,
                   c.hearings::int, coalesce(pr.people, 0)::int, coalesce(pr.media, 0)::int, coalesce(h.volunteers, 0)::int
            FROM counted c JOIN plan_items i ON i.id = c.plan_item_id JOIN action_plans p ON p.id = i.plan_id
            LEFT JOIN present pr ON pr.plan_item_id = c.plan_item_id LEFT JOIN helping h ON h.plan_item_id = c.plan_item_id
            ORDER BY p.code, string_to_array(i.number, '.')::int[]
            """
        var binds = PostgresBindings()
        binds.append(language.rawValue)
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds),
                              columns: [.text, .text, .text, .integer, .integer, .integer, .integer, .integer, .integer, .integer],
                              on: connection)
    }

    /// Per plan item and event kind: events and held.
    public func planItemKinds(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                              on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (SELECT * FROM report_events)
            SELECT p.code, i.number, pe.kind, count(*)::int, count(*) FILTER (WHERE pe.status = 'held')::int
            FROM pe JOIN event_plan_items epi ON epi.event_id = pe.id JOIN plan_items i ON i.id = epi.plan_item_id
            JOIN action_plans p ON p.id = i.plan_id
            GROUP BY p.code, i.number, pe.kind
            ORDER BY p.code, string_to_array(i.number, '.')::int[], pe.kind
            """
        return try await rows(PostgresQuery(unsafeSQL: sql), columns: [.text, .text, .text, .integer, .integer], on: connection)
    }

    /// Per region: events, held, attended participants, volunteers involved (all events of the period).
    public func eventRegions(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                             on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (SELECT * FROM report_events),
            helping AS (
                SELECT ev.region_id, count(*) AS volunteers FROM event_volunteers ev
                WHERE ev.event_id IN (SELECT id FROM pe) GROUP BY ev.region_id),
            counted AS (
                SELECT pe.region_id, min(pe.region_name) AS region_name, count(*) AS events,
                       count(*) FILTER (WHERE pe.status = 'held') AS held,
                       sum(pe.attended_count) FILTER (WHERE pe.status = 'held') AS people
                FROM pe GROUP BY pe.region_id)
            SELECT c.region_name, c.events::int, c.held::int, coalesce(c.people, 0)::int, coalesce(h.volunteers, 0)::int
            FROM counted c LEFT JOIN helping h ON h.region_id = c.region_id
            ORDER BY c.region_name
            """
        return try await rows(PostgresQuery(unsafeSQL: sql), columns: [.text, .integer, .integer, .integer, .integer], on: connection)
    }

    /// The longest list of events a report carries; `eventCount` says how many there are.
    public static let eventListLimit = 1000

    public func eventCount(regionID: Int64?, period: Period, within: [Int64]?, on connection: PostgresConnection) async throws -> Int {
        let sql = "WITH pe AS (SELECT * FROM report_events) SELECT count(*)::int FROM pe"
        return try await rows(PostgresQuery(unsafeSQL: sql), columns: [.integer],
                              on: connection).first?.first?.number.map { Int($0) } ?? 0
    }

    /// The events themselves: date, region, place, title, kind, status, the plan items they serve.
    public func eventList(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                          on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (SELECT * FROM report_events)
            SELECT coalesce((pe.starts_at AT TIME ZONE pe.time_zone)::date, pe.held_on)::text AS local_day, pe.region_name,
                   coalesce(pe.venue, pe.link, ''), pe.title, pe.kind, pe.status,
                   coalesce((SELECT string_agg(p.code || ' ' || i.number, ', ' ORDER BY p.code, i.number)
                             FROM event_plan_items x JOIN plan_items i ON i.id = x.plan_item_id JOIN action_plans p ON p.id = i.plan_id
                             WHERE x.event_id = pe.id), '')
            FROM pe ORDER BY coalesce(pe.starts_at, pe.held_on::timestamptz), pe.title
            LIMIT \(Self.eventListLimit)
            """
        return try await rows(PostgresQuery(unsafeSQL: sql), columns: [.text, .text, .text, .text, .text, .text, .text], on: connection)
    }
}

extension ReportRepository {
    /// Adds a rating criterion unless its methodology already has one with that key.
    public func insertCriterionIfAbsent(_ criterion: SeedWorld.RatingCriterion, position: Int,
                                        on connection: PostgresConnection) async throws -> Bool {
        let titles = String(decoding: try JSONEncoder().encode(criterion.titles), as: UTF8.self)
        return try await !connection.run("""
            INSERT INTO rating_criteria (methodology, key, weight, target, titles, position)
            VALUES (\(criterion.methodology), \(criterion.key), \(criterion.weight), \(criterion.target), \(titles)::jsonb, \(position))
            ON CONFLICT (methodology, key) DO NOTHING RETURNING key
            """, logger: logger).isEmpty
    }

    /// A methodology's criteria in order: key, title, weight, target per year (nil for shares).
    public func criteria(methodology: String, language: Language, on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            SELECT key, coalesce(titles ->> \(language.rawValue), titles ->> 'en'), weight::float8, target::float8
            FROM rating_criteria WHERE methodology = \(methodology) ORDER BY position, key
            """, columns: [.text, .text, .decimal, .decimal], on: connection)
    }

    /// Each council's actual figures for the period: meetings held, of those with quorum, tasks due
    /// (not cancelled), of those done by their due date, hearings held and distinct volunteers at
    /// events in the council's region subtree. Columns: code, name, region, then those six.
    public func councilFigures(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                               on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH c AS (
                SELECT co.id, co.code, coalesce(co.names ->> $1, co.names ->> 'en') AS name, co.region_id, r.time_zone,
                       coalesce(r.names ->> $1, r.names ->> 'en') AS region_name
                FROM councils co JOIN regions r ON r.id = co.region_id
                WHERE ($2::bigint IS NULL OR co.region_id IN (SELECT region_subtree($2)))
                  AND ($3::bigint[] IS NULL OR co.region_id = ANY ($3))
            ), held AS (
                SELECT e.council_id, count(*) AS meetings, count(*) FILTER (WHERE e.without_quorum_reason IS NULL) AS quorate
                FROM events e JOIN c ON c.id = e.council_id
                WHERE e.status = 'held' AND coalesce((e.starts_at AT TIME ZONE c.time_zone)::date, e.held_on) BETWEEN $4::date AND $5::date
                GROUP BY e.council_id
            ), due AS (
                SELECT e.council_id, count(*) AS tasks,
                       count(*) FILTER (WHERE t.status = 'done' AND (t.closed_at AT TIME ZONE c.time_zone)::date <= t.due_on) AS on_time
                FROM tasks t JOIN decisions d ON d.id = t.decision_id JOIN events e ON e.id = d.event_id JOIN c ON c.id = e.council_id
                WHERE t.status <> 'cancelled' AND t.due_on BETWEEN $4::date AND $5::date
                GROUP BY e.council_id
            )
            , subtree AS (
                SELECT c.id AS council_id, sub.region_id FROM c CROSS JOIN LATERAL region_subtree(c.region_id) AS sub(region_id)
            ), period_events AS (
                SELECT st.council_id, e.id, e.kind, e.status
                FROM subtree st JOIN events e ON e.region_id = st.region_id JOIN regions r ON r.id = e.region_id
                WHERE coalesce((e.starts_at AT TIME ZONE r.time_zone)::date, e.held_on) BETWEEN $4::date AND $5::date
                  AND ((e.starts_at >= $4::date - 1 AND e.starts_at < $5::date + 2)
                       OR (e.starts_at IS NULL AND e.held_on BETWEEN $4::date AND $5::date))
            ), hearings AS (
                SELECT council_id, count(*) AS held FROM period_events WHERE kind = 'public_hearing' AND status = 'held'
                GROUP BY council_id
            ), helping AS (
                SELECT pe.council_id, count(DISTINCT ev.volunteer_id) AS volunteers
                FROM period_events pe JOIN event_volunteers ev ON ev.event_id = pe.id GROUP BY pe.council_id
            )
            SELECT c.code, c.name, c.region_name,
                   coalesce(h.meetings, 0)::int, coalesce(h.quorate, 0)::int, coalesce(d.tasks, 0)::int, coalesce(d.on_time, 0)::int,
                   coalesce(hs.held, 0)::int, coalesce(v.volunteers, 0)::int
            FROM c LEFT JOIN held h ON h.council_id = c.id LEFT JOIN due d ON d.council_id = c.id
            LEFT JOIN hearings hs ON hs.council_id = c.id LEFT JOIN helping v ON v.council_id = c.id
            ORDER BY c.code
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .text, .text, .integer, .integer, .integer, .integer, .integer, .integer], on: connection)
    }
}

/// PostgreSQL's own milliseconds (planning and execution, from EXPLAIN ANALYZE) over many queries.
public final class ExplainTotal: Sendable {
    private let total = Mutex(0.0)

    public init() {}

    public func add(_ milliseconds: Double) { total.withLock { $0 += milliseconds } }

    public func take() -> Double { total.withLock { value in defer { value = 0 }; return value } }
}
