import AdalDomain
import AdalStore
import Foundation
import Logging
import PostgresNIO

/// One open connection to Adal's database with the repositories use cases compose. Only Core's
/// use cases reach the database and the repositories: everything else calls a use case.
public struct AdalContext: Sendable {
    let database: Database
    /// Where reports read (`ADAL_REPORTS_DATABASE_URL`, a read-only replica), with the same scope;
    /// nil: the database itself.
    let reportsDatabase: Database?
    public let logger: Logger
    /// bcrypt's cost for staff passwords (`ADAL_BCRYPT_COST`).
    public var bcryptCost = AdalConfiguration.defaultBcryptCost
    /// Whether a change seals the audit log after it commits: not on the API's role, which may add
    /// entries but not chain them (`adal audit seal` and the worker do).
    var sealsAfterCommit = true
    /// The audit chain's key (`ADAL_AUDIT_KEY_FILE`); nil: nothing is sealed, and verifying refuses.
    public var auditKey: AuditKey?
    /// Where signed checkpoints of the chain are written (`ADAL_AUDIT_CHECKPOINT_DIR`).
    public var auditCheckpointDirectory: String?
    let regions: RegionRepository
    let offices: OfficeRepository
    let organisations: OrganisationRepository
    let plans: ActionPlanRepository
    let programmes: ProgrammeRepository
    let people: PersonRepository
    let volunteers: VolunteerRepository
    let events: EventRepository
    let councils: CouncilRepository
    let audit: AuditLog
    let applications: ApplicationRepository
    let calendars: CalendarRepository
    let staff: StaffRepository
    let idempotency: IdempotencyRepository
    let decisions: DecisionRepository
    let jobs: JobQueue
    let reminders: ReminderRepository
    let schedules: ScheduleRepository
    let lookups: RecordLookupRepository

    public init(database: Database, reportsDatabase: Database? = nil, auditKey: AuditKey? = nil) {
        self.database = database
        self.reportsDatabase = reportsDatabase
        self.auditKey = auditKey
        let logger = database.logger
        self.logger = logger
        regions = RegionRepository(logger: logger)
        offices = OfficeRepository(logger: logger)
        organisations = OrganisationRepository(logger: logger)
        plans = ActionPlanRepository(logger: logger)
        programmes = ProgrammeRepository(logger: logger)
        people = PersonRepository(logger: logger)
        volunteers = VolunteerRepository(logger: logger)
        events = EventRepository(logger: logger)
        councils = CouncilRepository(logger: logger)
        audit = AuditLog(logger: logger)
        applications = ApplicationRepository(logger: logger)
        calendars = CalendarRepository(logger: logger)
        staff = StaffRepository(logger: logger)
        idempotency = IdempotencyRepository(logger: logger)
        decisions = DecisionRepository(logger: logger)
        jobs = JobQueue(logger: logger)
        reminders = ReminderRepository(logger: logger)
        schedules = ScheduleRepository(logger: logger)
        lookups = RecordLookupRepository(logger: logger)
    }

    /// Whether the database answers and has every migration of `migrator` applied (`/ready`).
    public func requireMigrated(_ migrator: Migrator) async throws {
        try await migrator.requireUpToDate(database)
    }

    /// How many of the pool's connections are leased now, of how many (`/metrics`).
    public var poolUse: Database.PoolUse { database.poolUse }

    /// The regions this context's use cases may touch: the first wall of regional scoping (the
    /// second is row-level security in the database, set from the same scope).
    public var scope: RegionScope { database.scope ?? .everyRegion }

    /// The same context with every transaction limited by row-level security to `scope`.
    public func scoped(to scope: RegionScope, entering entry: ScopeEntry? = nil) -> AdalContext {
        var scoped = AdalContext(database: database.scoped(scope, entering: entry),
                                 reportsDatabase: reportsDatabase?.scoped(scope, entering: entry))
        scoped.bcryptCost = bcryptCost
        scoped.sealsAfterCommit = sealsAfterCommit
        return scoped
    }
}

/// Resolves which database to use and opens it.
public enum AdalDatabase {
    /// The database `DATABASE_URL` names, or the embedded cluster's (started, and its database
    /// created, when needed).
    public static func target(_ configuration: AdalConfiguration, logger: Logger) async throws -> DatabaseTarget {
        if let url = configuration.databaseURL { return try DatabaseTarget(url: url) }
        let cluster = try EmbeddedCluster(home: configuration.home, binaries: configuration.postgresBinaries)
        try cluster.start(logger: logger)
        let target = cluster.target()
        _ = try await Database.with(target.with(database: "postgres"), maximumConnections: 1, logger: logger) { maintenance in
            try await DatabaseAdmin.createDatabase(target.database, on: maintenance)
        }
        return target
    }

    public static func migrator(_ configuration: AdalConfiguration) throws -> Migrator {
        guard let directory = configuration.migrationsDirectory else {
            throw AdalError.configuration("no Database/migrations folder found; set ADAL_MIGRATIONS_DIR")
        }
        return try Migrator(directory: directory)
    }

    /// Opens the database for `body`, refusing when migrations are pending.
    public static func withContext<T: Sendable>(
        _ configuration: AdalConfiguration, logger: Logger, maximumConnections: Int = 10,
        _ body: @Sendable (AdalContext) async throws -> T
    ) async throws -> T {
        let target = try await target(configuration, logger: logger)
        let migrator = try migrator(configuration)
        return try await Database.with(target, maximumConnections: maximumConnections, logger: logger) { database in
            try await migrator.requireUpToDate(database)
            try await requireRowSecurityBypass(database)
            return try await withReportsDatabase(configuration, logger: logger, owner: target) { reports in
                var context = AdalContext(database: database, reportsDatabase: reports,
                                          auditKey: try AuditKeyFile.read(configuration.auditKeyFile))
                context.bcryptCost = configuration.bcryptCost
                context.auditCheckpointDirectory = configuration.auditCheckpointDirectory
                return try await body(context)
            }
        }
    }

    /// Opens the reports' pool for `body` when `ADAL_REPORTS_DATABASE_URL` is set (nil otherwise).
    /// With `owner` (the CLI's), it connects there as the owner's role, which row-level security
    /// does not bind, as the CLI sees every region; the API's requests enter their own scope there.
    static func withReportsDatabase<T: Sendable>(
        _ configuration: AdalConfiguration, logger: Logger, owner: DatabaseTarget?,
        _ body: @Sendable (Database?) async throws -> T
    ) async throws -> T {
        guard let url = configuration.reportsDatabaseURL else { return try await body(nil) }
        var target = try DatabaseTarget(url: url)
        if let owner {
            target.username = owner.username
            target.password = owner.password
        }
        return try await Database.with(target, maximumConnections: 4, logger: logger) { reports in
            try await body(reports)
        }
    }

    /// Applies the pending migrations (or, with `dryRun`, lists them), audited (`database.migrate`)
    /// when any were applied; gives `adal_api` the password `ADAL_API_DATABASE_URL` carries, if any.
    /// Returns the plan and whether the password was set.
    public static func migrate(_ configuration: AdalConfiguration, dryRun: Bool, actor: String,
                               logger: Logger) async throws -> (plan: MigrationPlan, passwordSet: Bool) {
        let target = try await target(configuration, logger: logger)
        let migrator = try migrator(configuration)
        let apiPassword = try configuration.apiDatabaseURL.map { try DatabaseTarget(url: $0) }
            .flatMap { $0.username == apiRole ? $0.password : nil }
        return try await Database.with(target, maximumConnections: 2, logger: logger) { database in
            try await requireRowSecurityBypass(database)
            let plan = try await migrator.migrate(database, dryRun: dryRun)
            guard !dryRun else { return (plan, false) }
            // People stored before their names had keys (migration 0038) are given them, a batch a
            // transaction: the keys are made by the one rule, in Swift.
            var rebuilt = 0
            while true {
                let batch = try await database.transaction { connection in
                    try await PersonRepository(logger: logger).rebuildNameKeys(limit: 5000, on: connection)
                }
                guard batch > 0 else { break }
                rebuilt += batch
            }
            // The audit chain's key, made on the first run; a key already there is never replaced.
            let context = AdalContext(database: database, auditKey: try AuditKeyFile.createIfMissing(configuration.auditKeyFile))
            try await context.act(actor: actor) { change in
                if let apiPassword { try await DatabaseAdmin.setAPIPassword(apiPassword, on: change.connection, logger: logger) }
                guard !plan.pending.isEmpty || apiPassword != nil || rebuilt > 0 else { return }
                try await change.audit("database.migrate", entity: "database", id: target.database, regionID: nil,
                                       after: AuditJSON.encode(["applied": plan.pending.map { String(format: "%04d_%@", $0.version, $0.name) },
                                                                "api_password_set": apiPassword != nil ? ["yes"] : [],
                                                                "name_keys_given": rebuilt > 0 ? [String(rebuilt)] : []]))
            }
            return (plan, apiPassword != nil)
        }
    }

    /// Refuses an owner's role that row-level security would bind: it would see no records and
    /// could not load the directory, with no error to say why.
    public static func requireRowSecurityBypass(_ database: Database) async throws {
        guard try await database.withConnection({ try await DatabaseAdmin.bypassesRowSecurity(on: $0) }) else {
            let role = database.target.username
            throw AdalError.configuration("the database role \(role) (DATABASE_URL) is bound by row-level security and would see no records: "
                + "give it BYPASSRLS (as a superuser: ALTER ROLE \(role) BYPASSRLS), or use a superuser")
        }
    }
}

extension AdalDatabase {
    /// The role `adal serve` connects as; migration 0004 creates it.
    public static let apiRole = "adal_api"

    /// Where `adal serve` connects: `ADAL_API_DATABASE_URL`, or the owner's database as `adal_api`.
    public static func apiTarget(_ configuration: AdalConfiguration, logger: Logger) async throws -> DatabaseTarget {
        if let url = configuration.apiDatabaseURL { return try DatabaseTarget(url: url) }
        var target = try await target(configuration, logger: logger)
        target.username = apiRole
        target.password = nil
        return target
    }

    /// Opens the API's pool for `body`: refused while migrations are pending, and refused when its role
    /// would not be bound by row-level security (a superuser, a BYPASSRLS role, or the tables' owner).
    public static func withAPIContext<T: Sendable>(
        _ configuration: AdalConfiguration, logger: Logger, maximumConnections: Int = 10,
        _ body: @Sendable (AdalContext) async throws -> T
    ) async throws -> T {
        var timed = try await apiTarget(configuration, logger: logger)
        timed.timeout = configuration.databaseTimeout
        let target = timed
        let migrator = try migrator(configuration)
        return try await Database.with(target, maximumConnections: maximumConnections, logger: logger) { database in
            do {
                try await migrator.requireUpToDate(database)
            } catch let error as StoreError where error.sqlState?.hasPrefix("28") == true {
                throw AdalError.configuration("cannot connect as \(target.username): \(error.message); run `adal db migrate` (migration 0004 creates the role) or set ADAL_API_DATABASE_URL")
            }
            if let privilege = try await database.withConnection({ try await DatabaseAdmin.rowSecurityExemption(on: $0) }) {
                throw AdalError.configuration("the API's database role \(target.username) \(privilege); it must be bound by row-level security (see ADAL_API_DATABASE_URL)")
            }
            // Each request scopes the context, the reports' pool with it.
            return try await withReportsDatabase(configuration, logger: logger, owner: nil) { reports in
                if let reports, let privilege = try await reports.withConnection({ try await DatabaseAdmin.rowSecurityExemption(on: $0) }) {
                    throw AdalError.configuration("the reports' database role \(reports.target.username) \(privilege); it must be bound by row-level security (see ADAL_REPORTS_DATABASE_URL)")
                }
                var context = AdalContext(database: database, reportsDatabase: reports)
                context.bcryptCost = configuration.bcryptCost
                context.sealsAfterCommit = false
                return try await body(context)
            }
        }
    }
}
