import AdalDomain
import Foundation
import PostgresNIO

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

    /// The methodologies there are criteria for.
    public func methodologies(on connection: PostgresConnection) async throws -> [String] {
        try await connection.run("SELECT DISTINCT methodology FROM rating_criteria ORDER BY 1", logger: logger)
            .map { try $0.decode(String.self) }
    }

    /// Each council's actual figures for the period: meetings held, of those with quorum, tasks due
    /// (not cancelled), of those done by their due date, hearings held and distinct volunteers at
    /// events in the council's region subtree. Columns: code, name, region, then those six.
    public func councilFigures(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                               on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH c AS (
                SELECT co.id, co.code, adal_name(co.names, $1, r.country) AS name, co.region_id, r.time_zone,
                       adal_name(r.names, $1, r.country) AS region_name
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
        return try await rows(Query(sql, bindings(language, regionID, within, period)),
                              columns: [.text, .text, .text, .integer, .integer, .integer, .integer, .integer, .integer], on: connection)
    }
}
