import AdalDomain
import PostgresNIO
import AdalStore
import Foundation

/// Read-only views of the office's world: regions, events, councils.
public struct Directory: Sendable {
    let context: AdalContext

    public init(_ context: AdalContext) { self.context = context }

    public func regions(country: Country?) async throws -> [Region] {
        try await context.database.withConnection { connection in
            try await context.regions.all(country: country, on: connection)
        }
    }

    public func events(regionCode: String?, limit: Int) async throws -> [Event] {
        try await context.database.withConnection { connection in
            let regionID = try await resolve(regionCode, on: connection)
            return try await context.events.list(regionID: regionID, limit: limit, on: connection)
        }
    }

    public func event(_ idOrRef: String) async throws -> Event {
        let found = try await context.database.withConnection { connection in
            try await context.events.get(idOrRef: idOrRef, on: connection)
        }
        guard let found else { throw AdalError.notFound(entity: "event", key: idOrRef) }
        return found
    }

    public func councils(regionCode: String?) async throws -> [Council] {
        try await context.database.withConnection { connection in
            let regionID = try await resolve(regionCode, on: connection)
            return try await context.councils.list(regionID: regionID, on: connection)
        }
    }

    public func council(_ code: String) async throws -> Council {
        let found = try await context.database.withConnection { connection in
            try await context.councils.get(code: code, on: connection)
        }
        guard let found else { throw AdalError.notFound(entity: "council", key: code) }
        return found
    }

    private func resolve(_ regionCode: String?, on connection: PostgresConnection) async throws -> Int64? {
        guard let regionCode else { return nil }
        guard let region = try await context.regions.find(code: regionCode, on: connection) else {
            throw ValidationFailure([FieldError("region", "no region has the code '\(regionCode)'")])
        }
        return region.id
    }
}
