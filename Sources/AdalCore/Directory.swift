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
            let regionID = try await context.regionID(filter: regionCode, on: connection)
            return try await context.events.list(regionID: regionID, limit: limit, within: context.scope.limit,
                                                 on: connection)
        }
    }

    public func event(_ idOrRef: String) async throws -> Event {
        let found = try await context.database.withConnection { connection in
            try await context.events.get(idOrRef: idOrRef, on: connection)
        }
        guard let found, context.scope.contains(regionCode: found.regionCode) else {
            throw AdalError.notFound(entity: "event", key: idOrRef)
        }
        return found
    }

    public func councils(regionCode: String?) async throws -> [Council] {
        try await context.database.withConnection { connection in
            let regionID = try await context.regionID(filter: regionCode, on: connection)
            return try await context.councils.list(regionID: regionID, within: context.scope.limit, on: connection)
        }
    }

    public func council(_ code: String) async throws -> Council {
        let found = try await context.database.withConnection { connection in
            try await context.councils.get(code: code, on: connection)
        }
        guard let found, context.scope.contains(regionCode: found.regionCode) else {
            throw AdalError.notFound(entity: "council", key: code)
        }
        return found
    }
}
