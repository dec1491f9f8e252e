import AdalDomain
import Foundation
import PostgresNIO

extension ReportRepository {
    /// The events of the period (by their local date, or the date they were held on; a held event
    /// whose record knows no date at all counts when the period covers every year of the plans it
    /// serves, with no local day): only what the sections count, with the event's local day; titles, places and region names are read for
    /// the rows shown, not for every event. The period becomes a range of instants per region
    /// once, and each region's events are found by the (region, start) index (LATERAL, so the
    /// planner cannot trade it for a scan of every event when it misjudges the regions).
    static let periodEvents = """
        WITH bounds AS MATERIALIZED (
            SELECT r.id, r.time_zone, ($3::date::timestamp AT TIME ZONE r.time_zone) AS from_at,
                   (($4::date + 1)::timestamp AT TIME ZONE r.time_zone) AS to_at
            FROM regions r
            WHERE ($1::bigint IS NULL OR r.id IN (SELECT region_subtree($1)))
              AND ($2::bigint[] IS NULL OR r.id = ANY ($2)))
        SELECT e.id, e.region_id, e.kind, e.status, e.attended_count, e.media_count, e.starts_at,
               (e.starts_at AT TIME ZONE b.time_zone)::date AS local_day
        FROM bounds b CROSS JOIN LATERAL (
            SELECT * FROM events e WHERE e.region_id = b.id AND e.starts_at >= b.from_at AND e.starts_at < b.to_at OFFSET 0) e
        UNION ALL
        SELECT e.id, e.region_id, e.kind, e.status, e.attended_count, e.media_count, NULL, e.held_on
        FROM bounds b JOIN events e ON e.region_id = b.id AND e.starts_at IS NULL AND e.held_on BETWEEN $3::date AND $4::date
        UNION ALL
        SELECT e.id, e.region_id, e.kind, e.status, e.attended_count, e.media_count, NULL, NULL
        FROM bounds b JOIN events e ON e.region_id = b.id AND e.starts_at IS NULL AND e.held_on IS NULL AND e.status = 'held'
        CROSS JOIN LATERAL (
            SELECT max(p.first_year) AS first_year, min(p.last_year) AS last_year
            FROM event_plan_items x JOIN plan_items i ON i.id = x.plan_item_id JOIN action_plans p ON p.id = i.plan_id
            WHERE x.event_id = e.id) AS years
        WHERE make_date(years.first_year, 1, 1) >= $3::date AND make_date(years.last_year, 12, 31) <= $4::date
        """

    /// Collects the period's events into `report_events`, a temporary table dropped at commit, which
    /// the action-plan sections then read: one pass over the events instead of one per section.
    /// Runs in the report's transaction.
    public func collectPeriodEvents(regionID: Int64?, period: Period, within: [Int64]?, on connection: PostgresConnection) async throws {
        try await collect(into: "report_events", Self.periodEvents, values: scopeValues(regionID, within, period), on: connection)
    }

    /// Per plan item: events, held, cancelled, hearings held, attended participants, media
    /// present, volunteers involved.
    public func planItems(language: Language, on connection: PostgresConnection) async throws -> Rows {
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
            SELECT p.code, i.number, adal_name(i.title, $1, p.country), c.events::int, c.held::int, c.cancelled::int,
                   c.hearings::int, coalesce(pr.people, 0)::int, coalesce(pr.media, 0)::int, coalesce(h.volunteers, 0)::int
            FROM counted c JOIN plan_items i ON i.id = c.plan_item_id JOIN action_plans p ON p.id = i.plan_id
            LEFT JOIN present pr ON pr.plan_item_id = c.plan_item_id LEFT JOIN helping h ON h.plan_item_id = c.plan_item_id
            ORDER BY p.code, string_to_array(i.number, '.')::int[]
            """
        return try await rows(Query(sql, [.init(language.rawValue)]),
                              columns: [.text, .text, .text, .integer, .integer, .integer, .integer, .integer, .integer, .integer],
                              on: connection)
    }

    /// Per plan item and event kind: events and held.
    public func planItemKinds(on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (SELECT * FROM report_events)
            SELECT p.code, i.number, pe.kind, count(*)::int, count(*) FILTER (WHERE pe.status = 'held')::int
            FROM pe JOIN event_plan_items epi ON epi.event_id = pe.id JOIN plan_items i ON i.id = epi.plan_item_id
            JOIN action_plans p ON p.id = i.plan_id
            GROUP BY p.code, i.number, pe.kind
            ORDER BY p.code, string_to_array(i.number, '.')::int[], pe.kind
            """
        return try await rows(Query(sql), columns: [.text, .text, .text, .integer, .integer], on: connection)
    }

    /// Per region: events, held, attended participants, volunteers involved (all events of the period).
    public func eventRegions(language: Language, on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (SELECT * FROM report_events),
            helping AS (
                SELECT ev.region_id, count(*) AS volunteers FROM event_volunteers ev
                WHERE ev.event_id IN (SELECT id FROM pe) GROUP BY ev.region_id),
            counted AS (
                SELECT pe.region_id, count(*) AS events, count(*) FILTER (WHERE pe.status = 'held') AS held,
                       sum(pe.attended_count) FILTER (WHERE pe.status = 'held') AS people
                FROM pe GROUP BY pe.region_id)
            SELECT adal_name(r.names, $1, r.country) AS region_name, c.events::int, c.held::int, coalesce(c.people, 0)::int,
                   coalesce(h.volunteers, 0)::int
            FROM counted c JOIN regions r ON r.id = c.region_id LEFT JOIN helping h ON h.region_id = c.region_id
            ORDER BY 1
            """
        return try await rows(Query(sql, [.init(language.rawValue)]), columns: [.text, .integer, .integer, .integer, .integer],
                              on: connection)
    }

    /// Month by month (each event in its region's local month): events, held, participants of those held.
    public func eventMonths(period: Period, on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH months AS (\(Self.periodMonths)),
            counted AS (
                SELECT date_trunc('month', pe.local_day::timestamp)::date AS month,
                       count(*) AS events, count(*) FILTER (WHERE pe.status = 'held') AS held,
                       sum(pe.attended_count) FILTER (WHERE pe.status = 'held') AS people
                FROM report_events pe GROUP BY 1)
            SELECT to_char(m.month, 'YYYY-MM'), coalesce(c.events, 0)::int, coalesce(c.held, 0)::int, coalesce(c.people, 0)::int
            FROM months m LEFT JOIN counted c ON c.month = m.month ORDER BY m.month
            """
        return try await rows(Query(sql, periodBindings(period)),
                              columns: [.text, .integer, .integer, .integer], on: connection)
    }

    /// The longest list of events a report carries; `eventCount` says how many there are.
    public static let eventListLimit = 1000

    public func eventCount(on connection: PostgresConnection) async throws -> Int {
        let sql = "WITH pe AS (SELECT * FROM report_events) SELECT count(*)::int FROM pe"
        return try await rows(Query(sql), columns: [.integer],
                              on: connection).first?.first?.number.map { Int($0) } ?? 0
    }

    /// The events themselves, by local day and start: date, region, place, title, kind, status, the
    /// plan items they serve.
    public func eventList(language: Language, on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (
                SELECT id, local_day, starts_at FROM report_events
                ORDER BY local_day NULLS LAST, starts_at NULLS FIRST, id LIMIT \(Self.eventListLimit))
            SELECT coalesce(pe.local_day::text, ''), adal_name(r.names, $1, r.country), coalesce(e.venue, e.link, ''), e.title, e.kind,
                   e.status,
                   coalesce((SELECT string_agg(p.code || ' ' || i.number, ', ' ORDER BY p.code, i.number)
                             FROM event_plan_items x JOIN plan_items i ON i.id = x.plan_item_id JOIN action_plans p ON p.id = i.plan_id
                             WHERE x.event_id = pe.id), '')
            FROM pe JOIN events e ON e.id = pe.id JOIN regions r ON r.id = e.region_id
            ORDER BY pe.local_day NULLS LAST, pe.starts_at NULLS FIRST, pe.id
            """
        return try await rows(Query(sql, [.init(language.rawValue)]), columns: [.text, .text, .text, .text, .text, .text, .text],
                              on: connection)
    }
}
