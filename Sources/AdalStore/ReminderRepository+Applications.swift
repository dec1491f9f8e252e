import AdalDomain
import Foundation
import PostgresNIO

extension ReminderRepository {
    /// Enqueues application deadline reminders, each at 09:00 in the application's region: to the
    /// reviewer (a staff account named by its e-mail) 3 working days before the answer is due,
    /// counted on the country's working calendar. The occasion names the due date (an extension
    /// plans afresh). Once overdue, an application is in its reviewer's and its office head's daily
    /// digest instead (`planDailyDigests`): one message a morning, not one per application.
    @discardableResult
    public func planApplicationReminders(now: Date, graceHours: Int, horizonDays: Int = 8, applicationID: UUID? = nil,
                                         on connection: PostgresConnection) async throws -> [Int64] {
        try await connection.run("""
            WITH open_applications AS (
                SELECT a.id, a.region_id, a.due_on, a.reviewer, r.time_zone, r.country,
                       (\(now)::timestamptz AT TIME ZONE r.time_zone)::date AS today
                FROM applications a JOIN regions r ON r.id = a.region_id
                WHERE a.status IN ('received', 'screening', 'needs_info')
                  AND (\(applicationID)::uuid IS NULL OR a.id = \(applicationID))
            ), due AS (
                SELECT o.id, o.region_id, u.id AS user_id, 'due' AS kind, o.due_on::text AS step,
                       (w.day + time '09:00') AT TIME ZONE o.time_zone AS at
                FROM open_applications o
                JOIN staff_users u ON u.email = lower(o.reviewer) AND u.disabled_at IS NULL
                CROSS JOIN LATERAL (
                    SELECT d::date AS day FROM generate_series(o.due_on - 30, o.due_on - 1, interval '1 day') AS d
                    WHERE coalesce((SELECT c.kind = 'working' FROM calendar_days c WHERE c.country = o.country AND c.day = d::date),
                                   extract(isodow FROM d) < 6)
                    ORDER BY d DESC OFFSET 2 LIMIT 1) AS w
                WHERE o.due_on >= o.today
            )
            INSERT INTO jobs (kind, occasion, region_id, payload, run_at)
            SELECT 'application_reminder', 'application-' || p.kind || ':' || p.id || ':' || p.step || ':' || p.user_id, p.region_id,
                   jsonb_build_object('application_id', p.id, 'user_id', p.user_id, 'kind', p.kind, 'step', p.step),
                   greatest(p.at, \(now)::timestamptz)
            FROM due p
            WHERE p.at > \(now)::timestamptz - make_interval(hours => \(graceHours)::int)
              AND p.at <= \(now)::timestamptz + make_interval(days => \(horizonDays)::int)
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            RETURNING id
            """, logger: logger).map { try $0.decode(Int64.self) }
    }

    /// Enqueues, in the accepting transaction, the welcome an accepted applicant gets.
    public func enqueueWelcome(applicationID: UUID, on connection: PostgresConnection) async throws {
        try await connection.run("""
            INSERT INTO jobs (kind, occasion, region_id, payload)
            SELECT 'application_welcome', 'application-welcome:' || a.id, a.region_id, jsonb_build_object('application_id', a.id)
            FROM applications a WHERE a.id = \(applicationID) AND (a.email IS NOT NULL OR a.phone IS NOT NULL)
            ON CONFLICT (occasion) WHERE occasion IS NOT NULL DO NOTHING
            """, logger: logger)
    }

    /// What an application reminder says, and to whom (a staff member).
    public struct ApplicationNotice: Sendable {
        public let applicant: String
        public let reference: String
        public let receivedLocal: String
        public let dueOn: CivilDate
        public let reviewer: String?
        public let open: Bool
        public let officeName: [String: String]
        public let recipient: Recipient
    }

    public func applicationNotice(applicationID: UUID, userID: UUID, on connection: PostgresConnection) async throws -> ApplicationNotice? {
        guard let row = try await connection.run("""
            SELECT a.full_name, a.channel || ' ' || a.external_ref,
                   to_char(a.received_at AT TIME ZONE r.time_zone, 'YYYY-MM-DD HH24:MI'), a.due_on::text, a.reviewer,
                   a.status IN ('received', 'screening', 'needs_info'), coalesce(o.names::text, '{}'),
                   u.name, u.email, coalesce(u.language, adal_office_language(a.office_id), 'ru')
            FROM applications a JOIN regions r ON r.id = a.region_id LEFT JOIN offices o ON o.id = a.office_id, staff_users u
            WHERE a.id = \(applicationID) AND u.id = \(userID) AND u.disabled_at IS NULL
            """, logger: logger).first else { return nil }
        let c = row.makeRandomAccess()
        return ApplicationNotice(
            applicant: try c[0].decode(String.self), reference: try c[1].decode(String.self), receivedLocal: try c[2].decode(String.self),
            dueOn: try Decode.date(try c[3].decode(String.self))!, reviewer: try c[4].decode(String?.self), open: try c[5].decode(Bool.self),
            officeName: try Decode.names(try c[6].decode(String.self)),
            recipient: Recipient(name: try c[7].decode(String.self), email: try c[8].decode(String.self), phone: nil,
                                 language: try Decode.value(try c[9].decode(String.self), as: Language.self)))
    }

    /// What the welcome says, and to whom (the accepted applicant), in the office's language.
    public struct WelcomeNotice: Sendable {
        public let accepted: Bool
        public let officeName: [String: String]
        public let officeEmail: String?
        public let officePhone: String?
        public let recipient: Recipient
    }

    public func welcomeNotice(applicationID: UUID, on connection: PostgresConnection) async throws -> WelcomeNotice? {
        guard let row = try await connection.run("""
            SELECT a.full_name, a.email, a.phone, a.status = 'accepted', coalesce(o.names::text, '{}'), o.email, o.phone,
                   coalesce(adal_office_language(a.office_id), 'ru')
            FROM applications a LEFT JOIN offices o ON o.id = a.office_id WHERE a.id = \(applicationID)
            """, logger: logger).first else { return nil }
        let c = row.makeRandomAccess()
        return WelcomeNotice(
            accepted: try c[3].decode(Bool.self), officeName: try Decode.names(try c[4].decode(String.self)),
            officeEmail: try c[5].decode(String?.self), officePhone: try c[6].decode(String?.self),
            recipient: Recipient(name: try c[0].decode(String.self), email: try c[1].decode(String?.self),
                                 phone: try c[2].decode(String?.self),
                                 language: try Decode.value(try c[7].decode(String.self), as: Language.self)))
    }
}
