import AdalDomain
import Foundation
import PostgresNIO

extension ReportRepository {
    /// Volunteers in the region's subtree registered by the period's last day, with their region,
    /// birth date (the volunteer's copy of it, migration 0012) and whether they withdrew in the
    /// period (by the day their record last changed) — only what the sections read.
    static let periodVolunteers = """
        SELECT v.region_id, v.kind, v.organisation_id, v.areas, v.status, v.joined_on, v.hours, v.birth_date,
               coalesce(r.names ->> $1, r.names ->> 'en') AS region_name,
               v.status = 'withdrawn' AND (v.updated_at AT TIME ZONE r.time_zone)::date BETWEEN $4::date AND $5::date
                   AS withdrawn_in_period
        FROM volunteers v JOIN regions r ON r.id = v.region_id
        WHERE ($2::bigint IS NULL OR v.region_id IN (SELECT region_subtree($2)))
          AND ($3::bigint[] IS NULL OR v.region_id = ANY ($3))
          AND v.joined_on <= $5::date
        """

    /// Collects the period's volunteers into `report_volunteers` (dropped at commit), which the
    /// volunteers sections then read.
    public func collectVolunteers(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                                  on connection: PostgresConnection) async throws {
        try await collect(into: "report_volunteers", Self.periodVolunteers, binds: bindings(language, regionID, within, period),
                          on: connection)
    }

    /// Region × kind × area × status: how many volunteers (one counts once in each of their areas).
    public func volunteerBreakdown(period: Period, on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pv AS (SELECT * FROM report_volunteers)
            SELECT pv.region_name, pv.kind, area, pv.status, count(*)::int
            FROM pv CROSS JOIN LATERAL unnest(pv.areas) AS area
            WHERE $1::date <= $2::date
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: periodBindings(period)),
                              columns: [.text, .text, .text, .text, .integer], on: connection)
    }

    /// Per region: volunteers by the period's end, new in the period, withdrawn in the period (by the
    /// date their record last changed), active, and hours logged.
    public func volunteerRegions(period: Period, on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pv AS (SELECT * FROM report_volunteers)
            SELECT pv.region_name, count(*)::int,
                   count(*) FILTER (WHERE pv.joined_on >= $1::date)::int,
                   count(*) FILTER (WHERE pv.withdrawn_in_period AND $1::date <= $2::date)::int,
                   count(*) FILTER (WHERE pv.status = 'active')::int,
                   coalesce(sum(pv.hours), 0)::float8
            FROM pv GROUP BY 1 ORDER BY 1
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: periodBindings(period)),
                              columns: [.text, .integer, .integer, .integer, .integer, .decimal], on: connection)
    }

    /// Age groups on the period's last day, from birth dates (unknown when none was given).
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
            SELECT (ARRAY['under 18', '18–24', '25–34', '35–44', '45–59', '60+', 'unknown'])[grp], count(*)::int
            FROM grouped GROUP BY grp ORDER BY grp
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: periodBindings(period)),
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
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: periodBindings(period)),
                              columns: [.text, .integer], on: connection)
    }

    func periodBindings(_ period: Period) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(period.from.description)
        bindings.append(period.to.description)
        return bindings
    }
}
