import AdalDomain
import Foundation
import PostgresNIO

extension ReportRepository {
    /// Collects into `report_applications` (dropped at commit), in one pass over the applications,
    /// those received or decided in the period or open now, each with its region's country and zone
    /// and what the sections ask of it: received in the period, decided in the period, open, overdue.
    /// The period becomes a range of instants in each region's zone once, so no row's instant is
    /// converted to a local date to be compared.
    public func collectApplications(regionID: Int64?, period: Period, within: [Int64]?, now: Date,
                                    on connection: PostgresConnection) async throws {
        let values = scopeValues(regionID, within, period) + [Parameter(now)]
        try await collect(into: "report_applications", """
            WITH bounds AS MATERIALIZED (
                SELECT r.id, r.country, r.time_zone, ($3::date::timestamp AT TIME ZONE r.time_zone) AS from_at,
                       (($4::date + 1)::timestamp AT TIME ZONE r.time_zone) AS to_at, ($5::timestamptz AT TIME ZONE r.time_zone)::date AS today
                FROM regions r
                WHERE ($1::bigint IS NULL OR r.id IN (SELECT region_subtree($1))) AND ($2::bigint[] IS NULL OR r.id = ANY ($2))),
            marked AS (
                SELECT a.channel, a.status, a.office_id, a.due_on, a.received_at, a.decided_at, b.country, b.time_zone,
                       a.received_at >= b.from_at AND a.received_at < b.to_at AS received_in_period,
                       coalesce(a.decided_at >= b.from_at AND a.decided_at < b.to_at, false) AS decided_in_period,
                       a.status IN ('received', 'screening', 'needs_info') AS open, a.due_on < b.today AS past_due
                FROM bounds b JOIN applications a ON a.region_id = b.id)
            SELECT * FROM marked WHERE received_in_period OR decided_in_period OR open
            """, values: values, on: connection)
    }

    public func applicationsByChannel(on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            WITH pa AS (SELECT * FROM report_applications)
            SELECT pa.channel, count(*)::int FROM pa WHERE pa.received_in_period
            GROUP BY pa.channel ORDER BY count(*) DESC, pa.channel
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
                CROSS JOIN generate_series(\(period.from)::date - 400, \(period.to)::date, interval '1 day') AS d
                LEFT JOIN calendar_days cd ON cd.country = c.country AND cd.day = d::date
            ), decided AS (
                SELECT pa.status, pa.country, (pa.received_at AT TIME ZONE pa.time_zone)::date AS received_on,
                       (pa.decided_at AT TIME ZONE pa.time_zone)::date AS decided_on
                FROM report_applications pa WHERE pa.decided_in_period
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

    /// Month by month (in each region's zone): received, and decided.
    public func applicationMonths(period: Period, on connection: PostgresConnection) async throws -> Rows {
        let sql = """
            WITH months AS (\(Self.periodMonths)),
            received AS (
                SELECT date_trunc('month', pa.received_at AT TIME ZONE pa.time_zone)::date AS month, count(*) AS n
                FROM report_applications pa WHERE pa.received_in_period GROUP BY 1),
            decided AS (
                SELECT date_trunc('month', pa.decided_at AT TIME ZONE pa.time_zone)::date AS month, count(*) AS n
                FROM report_applications pa WHERE pa.decided_in_period GROUP BY 1)
            SELECT to_char(m.month, 'YYYY-MM'), coalesce(r.n, 0)::int, coalesce(d.n, 0)::int
            FROM months m LEFT JOIN received r ON r.month = m.month LEFT JOIN decided d ON d.month = m.month
            ORDER BY m.month
            """
        return try await rows(Query(sql, periodBindings(period)),
                              columns: [.text, .integer, .integer], on: connection)
    }

    /// Open now, and of those overdue (due before today in the region).
    public func applicationsOpen(on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            WITH pa AS (SELECT * FROM report_applications)
            SELECT count(*)::int, count(*) FILTER (WHERE pa.past_due)::int FROM pa WHERE pa.open
            """, columns: [.integer, .integer], on: connection)
    }

    /// Per office: decided in the period, of those on time (decided on or before the due date), the share.
    public func applicationsOnTimeByOffice(language: Language, on connection: PostgresConnection) async throws -> Rows {
        try await rows("""
            WITH decided AS (
                SELECT pa.office_id, (pa.decided_at AT TIME ZONE pa.time_zone)::date <= pa.due_on AS on_time
                FROM report_applications pa WHERE pa.decided_in_period)
            SELECT coalesce(adal_name(o.names, \(language.rawValue), (SELECT r.country FROM regions r WHERE r.id = o.region_id)), '—'), count(*)::int,
                   count(*) FILTER (WHERE d.on_time)::int,
                   round(100.0 * count(*) FILTER (WHERE d.on_time) / count(*), 1)::float8
            FROM decided d LEFT JOIN offices o ON o.id = d.office_id
            GROUP BY 1 ORDER BY 1
            """, columns: [.text, .integer, .integer, .decimal], on: connection)
    }
}
