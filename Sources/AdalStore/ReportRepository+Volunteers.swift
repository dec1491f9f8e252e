import AdalDomain
import Foundation
import PostgresNIO

extension ReportRepository {
    /// Volunteers in the region's subtree registered by the period's last day, with their region.
    static let periodVolunteers = """
        SELECT v.*, p.birth_date, coalesce(r.names ->> $1, r.names ->> 'en') AS region_name, r.time_zone
        FROM volunteers v JOIN people p ON p.id = v.person_id JOIN regions r ON r.id = v.region_id
        WHERE ($2::bigint IS NULL OR v.region_id IN (SELECT region_subtree($2)))
          AND ($3::bigint[] IS NULL OR v.region_id = ANY ($3))
          AND v.joined_on <= $5::date
        """

    /// Region × kind × area × status: how many volunteers (one counts once in each of their areas).
    public func volunteerBreakdown(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                                   on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pv AS (\(Self.periodVolunteers))
            SELECT pv.region_name, pv.kind, area, pv.status, count(*)::int
            FROM pv CROSS JOIN LATERAL unnest(pv.areas) AS area
            WHERE $4::date IS NOT NULL
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .text, .text, .text, .integer], on: connection)
    }

    /// Per region: volunteers by the period's end, new in the period, withdrawn in the period (by the
    /// date their record last changed), active, and hours logged.
    public func volunteerRegions(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                                 on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pv AS (\(Self.periodVolunteers))
            SELECT pv.region_name, count(*)::int,
                   count(*) FILTER (WHERE pv.joined_on >= $4::date)::int,
                   count(*) FILTER (WHERE pv.status = 'withdrawn'
                                    AND (pv.updated_at AT TIME ZONE pv.time_zone)::date BETWEEN $4::date AND $5::date)::int,
                   count(*) FILTER (WHERE pv.status = 'active')::int,
                   coalesce(sum(pv.hours), 0)::float8
            FROM pv GROUP BY 1 ORDER BY 1
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .integer, .integer, .integer, .integer, .decimal], on: connection)
    }

    /// Age groups on the period's last day, from birth dates (unknown when none was given).
    public func volunteerAges(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                              on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pv AS (\(Self.periodVolunteers)),
            aged AS (
                SELECT CASE WHEN pv.birth_date IS NULL THEN NULL
                            ELSE extract(year FROM age($5::date, pv.birth_date))::int END AS years
                FROM pv WHERE $4::date IS NOT NULL)
            SELECT grp, count(*)::int FROM (
                SELECT CASE WHEN years IS NULL THEN 'unknown' WHEN years < 18 THEN 'under 18' WHEN years < 25 THEN '18–24'
                            WHEN years < 35 THEN '25–34' WHEN years < 45 THEN '35–44' WHEN years < 60 THEN '45–59'
                            ELSE '60+' END AS grp,
                       CASE WHEN years IS NULL THEN 99 ELSE least(years, 98) END AS sort
                FROM aged) g
            GROUP BY grp ORDER BY min(sort)
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .integer], on: connection)
    }

    /// The ten organisations with the most volunteers.
    public func volunteerOrganisations(regionID: Int64?, period: Period, within: [Int64]?, language: Language,
                                       on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH pv AS (\(Self.periodVolunteers))
            SELECT o.name, count(*)::int FROM pv JOIN organisations o ON o.id = pv.organisation_id
            WHERE $4::date IS NOT NULL
            GROUP BY o.name ORDER BY count(*) DESC, o.name LIMIT 10
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings(language, regionID, within, period)),
                              columns: [.text, .integer], on: connection)
    }
}
