import AdalDomain
import Foundation
import PostgresNIO

extension ReportRepository {
    /// Volunteers in the region's subtree registered by the period's last day, with their region,
    /// birth date (the volunteer's copy of it, migration 0012) and whether they withdrew in the
    /// period (by the instant their record last changed, against the period's instants in their
    /// region's zone) — only what the sections read; region names are added to the counts, not to
    /// every volunteer.
    static let periodVolunteers = """
        WITH bounds AS MATERIALIZED (
            SELECT r.id, ($3::date::timestamp AT TIME ZONE r.time_zone) AS from_at,
                   (($4::date + 1)::timestamp AT TIME ZONE r.time_zone) AS to_at
            FROM regions r
            WHERE ($1::bigint IS NULL OR r.id IN (SELECT region_subtree($1)))
              AND ($2::bigint[] IS NULL OR r.id = ANY ($2)))
        SELECT v.region_id, v.kind, v.organisation_id, v.areas, v.status, v.joined_on, v.hours, v.birth_date,
               v.status = 'withdrawn' AND v.updated_at >= b.from_at AND v.updated_at < b.to_at AS withdrawn_in_period
        FROM bounds b JOIN volunteers v ON v.region_id = b.id
        WHERE v.joined_on <= $4::date
        """

    /// Collects the period's volunteers into `report_volunteers` (dropped at commit), which the
    /// volunteers sections then read.
    public func collectVolunteers(regionID: Int64?, period: Period, within: [Int64]?, on connection: PostgresConnection) async throws {
        try await collect(into: "report_volunteers", Self.periodVolunteers, values: scopeValues(regionID, within, period),
                          on: connection)
    }

    /// Region × kind × area × status: how many volunteers (one counts once in each of their areas).
    /// Each area is counted in one pass over the volunteers (the areas are a closed list) rather than
    /// by unnesting every volunteer's areas; the counts become rows afterwards.
    public func volunteerBreakdown(period: Period, language: Language, on connection: PostgresConnection) async throws -> Rows {
        let areas = VolunteerArea.allCases.map(\.rawValue)
        let counts = areas.map { "count(*) FILTER (WHERE pv.areas @> '{\($0)}')" }.joined(separator: ", ")
        let sql = """
            WITH counted AS (
                SELECT pv.region_id, pv.kind, pv.status, ARRAY[\(counts)] AS counts
                FROM report_volunteers pv GROUP BY 1, 2, 3)
            SELECT adal_name(r.names, $1, r.country) AS region_name, c.kind, a.area, c.status, a.n::int
            FROM counted c JOIN regions r ON r.id = c.region_id
            CROSS JOIN LATERAL unnest('{\(areas.joined(separator: ","))}'::text[], c.counts) AS a(area, n)
            WHERE a.n > 0
            ORDER BY 1, 2, 3, 4
            """
        return try await rows(Query(sql, [.init(language.rawValue)]),
                              columns: [.text, .text, .text, .text, .integer], on: connection)
    }

    /// Per region: volunteers by the period's end, new in the period, withdrawn in the period (by the
    /// date their record last changed), active, and hours logged.
    public func volunteerRegions(period: Period, language: Language, on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH counted AS (
                SELECT pv.region_id, count(*) AS volunteers, count(*) FILTER (WHERE pv.joined_on >= $1::date) AS joined,
                       count(*) FILTER (WHERE pv.withdrawn_in_period AND $1::date <= $2::date) AS withdrawn,
                       count(*) FILTER (WHERE pv.status = 'active') AS active, coalesce(sum(pv.hours), 0) AS hours
                FROM report_volunteers pv GROUP BY 1)
            SELECT adal_name(r.names, $3, r.country) AS region_name, c.volunteers::int, c.joined::int, c.withdrawn::int,
                   c.active::int, c.hours::float8
            FROM counted c JOIN regions r ON r.id = c.region_id ORDER BY 1
            """
        return try await rows(Query(sql, periodBindings(period) + [.init(language.rawValue)]),
                              columns: [.text, .integer, .integer, .integer, .integer, .decimal], on: connection)
    }

    /// Age groups on the period's last day, from birth dates (unknown when none was given), as codes.
    public func volunteerAges(period: Period, on connection: PostgresConnection) async throws -> Rows {
        // A birth date after the day N years before the period's end means younger than N: one
        // comparison of dates a row, the boundaries worked out once.
        let sql = """
            WITH bounds AS (
                SELECT ($2::date - interval '18 years')::date AS y18, ($2::date - interval '25 years')::date AS y25,
                       ($2::date - interval '35 years')::date AS y35, ($2::date - interval '45 years')::date AS y45,
                       ($2::date - interval '60 years')::date AS y60
                WHERE $1::date <= $2::date),
            grouped AS (
                SELECT CASE WHEN pv.birth_date IS NULL THEN 7 WHEN pv.birth_date > b.y18 THEN 1 WHEN pv.birth_date > b.y25 THEN 2
                            WHEN pv.birth_date > b.y35 THEN 3 WHEN pv.birth_date > b.y45 THEN 4 WHEN pv.birth_date > b.y60 THEN 5
                            ELSE 6 END AS grp
                FROM report_volunteers pv, bounds b)
            SELECT (ARRAY['under_18', '18_24', '25_34', '35_44', '45_59', '60_plus', 'unknown'])[grp], count(*)::int
            FROM grouped GROUP BY grp ORDER BY grp
            """
        return try await rows(Query(sql, periodBindings(period)),
                              columns: [.text, .integer], on: connection)
    }

    /// The ten organisations with the most volunteers.
    public func volunteerOrganisations(period: Period, on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pv AS (SELECT * FROM report_volunteers)
            SELECT o.name, count(*)::int FROM pv JOIN organisations o ON o.id = pv.organisation_id
            WHERE $1::date <= $2::date
            GROUP BY o.name ORDER BY count(*) DESC, o.name LIMIT 10
            """
        return try await rows(Query(sql, periodBindings(period)),
                              columns: [.text, .integer], on: connection)
    }

    /// Month by month: volunteers who joined.
    public func volunteerMonths(period: Period, on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH months AS (\(Self.periodMonths)),
            joined AS (
                SELECT date_trunc('month', pv.joined_on::timestamp)::date AS month, count(*) AS joined
                FROM report_volunteers pv WHERE pv.joined_on >= $1::date GROUP BY 1)
            SELECT to_char(m.month, 'YYYY-MM'), coalesce(j.joined, 0)::int
            FROM months m LEFT JOIN joined j ON j.month = m.month ORDER BY m.month
            """
        return try await rows(Query(sql, periodBindings(period)),
                              columns: [.text, .integer], on: connection)
    }
}
