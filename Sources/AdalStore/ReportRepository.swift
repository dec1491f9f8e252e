import AdalDomain
import Foundation
import Logging
import PostgresNIO

/// The queries behind reports. Every period is a range of local dates, each record's read in its
/// own region's zone; `regionID` limits to a region's subtree; `within` is the caller's scope.
public struct ReportRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

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
        try await connection.run(query, logger: logger).map { row in
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

    public func applicationsByChannel(regionID: Int64?, period: Period, within: [Int64]?,
                                      on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            SELECT a.channel, count(*)::int
            FROM applications a JOIN regions r ON r.id = a.region_id
            WHERE (\(regionID)::bigint IS NULL OR a.region_id IN (SELECT region_subtree(\(regionID))))
              AND (\(within)::bigint[] IS NULL OR a.region_id = ANY (\(within)))
              AND (a.received_at AT TIME ZONE r.time_zone)::date BETWEEN \(period.from.description)::date AND \(period.to.description)::date
            GROUP BY a.channel ORDER BY count(*) DESC, a.channel
            """, columns: [.text, .integer], on: connection)
    }

    /// Decided in the period: how many, accepted, rejected, withdrawn, the accepted share of
    /// accepted and rejected, and working days from receipt to decision (median, 90th percentile).
    public func applicationDecisions(regionID: Int64?, period: Period, within: [Int64]?,
                                     on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            WITH decided AS (
                SELECT a.status, adal_working_days(r.country, (a.received_at AT TIME ZONE r.time_zone)::date,
                                                   (a.decided_at AT TIME ZONE r.time_zone)::date) AS days
                FROM applications a JOIN regions r ON r.id = a.region_id
                WHERE a.decided_at IS NOT NULL
                  AND (\(regionID)::bigint IS NULL OR a.region_id IN (SELECT region_subtree(\(regionID))))
                  AND (\(within)::bigint[] IS NULL OR a.region_id = ANY (\(within)))
                  AND (a.decided_at AT TIME ZONE r.time_zone)::date BETWEEN \(period.from.description)::date AND \(period.to.description)::date
            )
            SELECT count(*)::int, count(*) FILTER (WHERE status = 'accepted')::int, count(*) FILTER (WHERE status = 'rejected')::int,
                   count(*) FILTER (WHERE status = 'withdrawn')::int,
                   round(100.0 * count(*) FILTER (WHERE status = 'accepted')
                         / nullif(count(*) FILTER (WHERE status IN ('accepted', 'rejected')), 0), 1)::float8,
                   (percentile_cont(0.5) WITHIN GROUP (ORDER BY days))::float8,
                   (percentile_cont(0.9) WITHIN GROUP (ORDER BY days))::float8
            FROM decided
            """, columns: [.integer, .integer, .integer, .integer, .decimal, .decimal, .decimal], on: connection)
    }

    /// Open now, and of those overdue (due before today in the region).
    public func applicationsOpen(regionID: Int64?, within: [Int64]?, now: Date, on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            SELECT count(*)::int, count(*) FILTER (WHERE a.due_on < (\(now)::timestamptz AT TIME ZONE r.time_zone)::date)::int
            FROM applications a JOIN regions r ON r.id = a.region_id
            WHERE a.status IN ('received', 'screening', 'needs_info')
              AND (\(regionID)::bigint IS NULL OR a.region_id IN (SELECT region_subtree(\(regionID))))
              AND (\(within)::bigint[] IS NULL OR a.region_id = ANY (\(within)))
            """, columns: [.integer, .integer], on: connection)
    }

    /// Per office: decided in the period, of those on time (decided on or before the due date), the share.
    public func applicationsOnTimeByOffice(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                                           on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            SELECT coalesce(o.names ->> \(language.rawValue), o.names ->> 'en', '—'), count(*)::int,
                   count(*) FILTER (WHERE (a.decided_at AT TIME ZONE r.time_zone)::date <= a.due_on)::int,
                   round(100.0 * count(*) FILTER (WHERE (a.decided_at AT TIME ZONE r.time_zone)::date <= a.due_on) / count(*), 1)::float8
            FROM applications a JOIN regions r ON r.id = a.region_id LEFT JOIN offices o ON o.id = a.office_id
            WHERE a.decided_at IS NOT NULL
              AND (\(regionID)::bigint IS NULL OR a.region_id IN (SELECT region_subtree(\(regionID))))
              AND (\(within)::bigint[] IS NULL OR a.region_id = ANY (\(within)))
              AND (a.decided_at AT TIME ZONE r.time_zone)::date BETWEEN \(period.from.description)::date AND \(period.to.description)::date
            GROUP BY 1 ORDER BY 1
            """, columns: [.text, .integer, .integer, .decimal], on: connection)
    }

    // MARK: action plan

    /// The events of the period (by their local date, or the date they were held on) with their
    /// region; the base of the action-plan report.
    static let periodEvents = """
        SELECT e.*, r.time_zone, coalesce((e.starts_at AT TIME ZONE r.time_zone)::date, e.held_on) AS local_day,
               coalesce(r.names ->> $1, r.names ->> 'en') AS region_name
        FROM events e JOIN regions r ON r.id = e.region_id
        WHERE ($2::bigint IS NULL OR e.region_id IN (SELECT region_subtree($2)))
          AND ($3::bigint[] IS NULL OR e.region_id = ANY ($3))
          AND coalesce((e.starts_at AT TIME ZONE r.time_zone)::date, e.held_on) BETWEEN $4::date AND $5::date
        """

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
            WITH pe AS (\(Self.periodEvents))
            SELECT p.code, i.number, coalesce(i.title ->> $1, i.title ->> 'en'),
                   count(DISTINCT pe.id)::int,
                   count(DISTINCT pe.id) FILTER (WHERE pe.status = 'held')::int,
                   count(DISTINCT pe.id) FILTER (WHERE pe.status = 'cancelled')::int,
                   count(DISTINCT pe.id) FILTER (WHERE pe.status = 'held' AND pe.kind = 'public_hearing')::int,
                   (SELECT count(*) FROM participants pa JOIN event_plan_items x ON x.event_id = pa.event_id
                    JOIN pe e2 ON e2.id = pa.event_id
                    WHERE x.plan_item_id = i.id AND pa.attendance = 'attended')::int,
                   (SELECT count(*) FROM participants pa JOIN event_plan_items x ON x.event_id = pa.event_id
                    JOIN pe e2 ON e2.id = pa.event_id
                    WHERE x.plan_item_id = i.id AND pa.attendance = 'attended' AND pa.role = 'media')::int,
                   (SELECT count(DISTINCT ev.volunteer_id) FROM event_volunteers ev JOIN event_plan_items x ON x.event_id = ev.event_id
                    JOIN pe e2 ON e2.id = ev.event_id WHERE x.plan_item_id = i.id)::int
            FROM pe JOIN event_plan_items epi ON epi.event_id = pe.id JOIN plan_items i ON i.id = epi.plan_item_id
            JOIN action_plans p ON p.id = i.plan_id
            GROUP BY p.code, i.id, i.number, i.title
            ORDER BY p.code, string_to_array(i.number, '.')::int[]
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .text, .text, .integer, .integer, .integer, .integer, .integer, .integer, .integer],
                              on: connection)
    }

    /// Per plan item and event kind: events and held.
    public func planItemKinds(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                              on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (\(Self.periodEvents))
            SELECT p.code, i.number, pe.kind, count(*)::int, count(*) FILTER (WHERE pe.status = 'held')::int
            FROM pe JOIN event_plan_items epi ON epi.event_id = pe.id JOIN plan_items i ON i.id = epi.plan_item_id
            JOIN action_plans p ON p.id = i.plan_id
            GROUP BY p.code, i.number, pe.kind
            ORDER BY p.code, string_to_array(i.number, '.')::int[], pe.kind
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .text, .text, .integer, .integer], on: connection)
    }

    /// Per region: events, held, attended participants, volunteers involved (all events of the period).
    public func eventRegions(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                             on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (\(Self.periodEvents))
            SELECT pe.region_name, count(*)::int, count(*) FILTER (WHERE pe.status = 'held')::int,
                   coalesce(sum((SELECT count(*) FROM participants pa WHERE pa.event_id = pe.id AND pa.attendance = 'attended')), 0)::int,
                   coalesce(sum((SELECT count(*) FROM event_volunteers ev WHERE ev.event_id = pe.id)), 0)::int
            FROM pe GROUP BY pe.region_name ORDER BY pe.region_name
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .integer, .integer, .integer, .integer], on: connection)
    }

    /// The events themselves: date, region, place, title, kind, status, the plan items they serve.
    public func eventList(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                          on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pe AS (\(Self.periodEvents))
            SELECT pe.local_day::text, pe.region_name, coalesce(pe.venue, pe.link, ''), pe.title, pe.kind, pe.status,
                   coalesce((SELECT string_agg(p.code || ' ' || i.number, ', ' ORDER BY p.code, i.number)
                             FROM event_plan_items x JOIN plan_items i ON i.id = x.plan_item_id JOIN action_plans p ON p.id = i.plan_id
                             WHERE x.event_id = pe.id), '')
            FROM pe ORDER BY pe.local_day, pe.title
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .text, .text, .text, .text, .text, .text], on: connection)
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
            SELECT c.code, c.name, c.region_name,
                   coalesce(h.meetings, 0)::int, coalesce(h.quorate, 0)::int, coalesce(d.tasks, 0)::int, coalesce(d.on_time, 0)::int,
                   (SELECT count(*) FROM events e JOIN regions r ON r.id = e.region_id
                    WHERE e.region_id IN (SELECT region_subtree(c.region_id)) AND e.kind = 'public_hearing' AND e.status = 'held'
                      AND coalesce((e.starts_at AT TIME ZONE r.time_zone)::date, e.held_on) BETWEEN $4::date AND $5::date)::int,
                   (SELECT count(DISTINCT ev.volunteer_id) FROM event_volunteers ev JOIN events e ON e.id = ev.event_id
                    JOIN regions r ON r.id = e.region_id
                    WHERE e.region_id IN (SELECT region_subtree(c.region_id))
                      AND coalesce((e.starts_at AT TIME ZONE r.time_zone)::date, e.held_on) BETWEEN $4::date AND $5::date)::int
            FROM c LEFT JOIN held h ON h.council_id = c.id LEFT JOIN due d ON d.council_id = c.id
            ORDER BY c.code
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .text, .text, .integer, .integer, .integer, .integer, .integer, .integer], on: connection)
    }
}
