import AdalDomain
import Foundation
import PostgresNIO

extension ReportRepository {
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
}
