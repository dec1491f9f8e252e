import AdalDomain
import Logging
import PostgresNIO

/// Volunteering programmes offices run (the Karaganda "Anti-corruption volunteering" project).
public struct ProgrammeRepository: Sendable {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func insertIfAbsent(code: String, regionID: Int64, officeID: Int64?, names: [String: String],
                               areas: [VolunteerArea], intakeChannels: [String], contactEmail: String?,
                               startedOn: CivilDate?, on connection: PostgresConnection) async throws -> Bool {
        try await !connection.run("""
            INSERT INTO volunteer_programmes (code, region_id, office_id, names, areas, intake_channels, contact_email, started_on)
            VALUES (\(code), \(regionID), \(officeID), \(Decode.json(names))::jsonb, \(areas.map(\.rawValue)),
                    \(intakeChannels), \(contactEmail), \(startedOn?.description)::date)
            ON CONFLICT (code) DO NOTHING RETURNING id
            """, logger: logger).isEmpty
    }
}
