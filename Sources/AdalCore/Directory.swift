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

    /// People of the context's regions found by name in any script or spelling (NameKeys), to be
    /// chosen for an event or a council.
    public func people(matching text: String, limit: Int = 20) async throws -> [PersonRepository.Found] {
        let key = SearchKey.make(text)
        guard !key.isEmpty else { throw ValidationFailure([FieldError("q", "must contain letters or digits")]) }
        return try await context.read { connection in
            try await context.people.search(NameKeys(text), limit: limit, within: context.scope.limit, on: connection)
        }
    }

    public func events(regionCode: String?, limit: Int, after: UUID? = nil, search: String? = nil) async throws -> [Event] {
        let search = try SearchText(search)
        return try await context.database.withConnection { connection in
            let regionID = try await context.regionID(filter: regionCode, on: connection)
            return try await context.events.list(regionID: regionID, limit: limit, within: context.scope.limit, after: after,
                                                 search: search?.filter.exact, on: connection)
        }
    }

    /// The events of the context's regions starting between `from` and `to` (a calendar's month,
    /// a week ahead), earliest first.
    public func events(from: Date, to: Date, limit: Int = 1000) async throws -> [Event] {
        try await context.read { connection in
            try await context.events.list(from: from, to: to, within: context.scope.limit, limit: limit, on: connection)
        }
    }

    /// The events of the context's regions postponed until further notice: no calendar day shows them.
    public func postponedUntilFurtherNotice(limit: Int = 100) async throws -> [Event] {
        try await context.read { connection in
            try await context.events.postponedUntilFurtherNotice(within: context.scope.limit, limit: limit, on: connection)
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
