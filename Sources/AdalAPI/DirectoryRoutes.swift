import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// `/v1/regions`, `/v1/events`, `/v1/councils` (read; the meetings issue adds writes), `/v1/audit`.
struct DirectoryRoutes {
    let gate: Gate

    struct AuditView: Encodable {
        let id: Int64
        let occurredAt: Date
        let actor: String
        let action: String
        let entity: String
        let entityId: String
        let before: JSONValue?
        let after: JSONValue?

        init(_ record: AuditRecord) {
            id = record.id
            occurredAt = Date(timeIntervalSince1970: Double(record.occurredAtMicros) / 1_000_000)
            actor = record.actor
            action = record.action
            entity = record.entity
            entityId = record.entityID
            before = record.before.flatMap(JSONValue.parse)
            after = record.after.flatMap(JSONValue.parse)
        }
    }

    func add(to router: Router<AdalRequestContext>) {
        // The region directory is public data every signed-in user needs to name regions.
        router.get("/v1/regions") { request, _ -> Response in
            let principal = try await gate.principal(request)
            var query = try Query(request, allowed: ["country"])
            let country = query.value("country", as: Country.self)
            try query.finish()
            return JSONBody.response(["items": try await Directory(gate.context.scoped(to: principal.scope)).regions(country: country)])
        }

        router.get("/v1/events") { request, _ -> Response in
            let (_, scoped) = try await gate.admit(request, .readEvents)
            var query = try Query(request, allowed: ["region", "limit"])
            let limit = query.limit()
            try query.finish()
            return JSONBody.response(["items": try await Directory(scoped).events(regionCode: query.string("region"), limit: limit)])
        }

        router.get("/v1/events/{id}") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readEvents)
            return JSONBody.response(try await Directory(scoped).event(try requestContext.parameters.require("id")))
        }

        router.get("/v1/councils") { request, _ -> Response in
            let (_, scoped) = try await gate.admit(request, .readCouncils)
            let query = try Query(request, allowed: ["region"])
            return JSONBody.response(["items": try await Directory(scoped).councils(regionCode: query.string("region"))])
        }

        router.get("/v1/councils/{code}") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readCouncils)
            return JSONBody.response(try await Directory(scoped).council(try requestContext.parameters.require("code")))
        }

        router.get("/v1/audit") { request, _ -> Response in
            let (_, scoped) = try await gate.admit(request, .readAuditLog)
            var query = try Query(request, allowed: ["entity", "entity_id", "action", "before", "limit"])
            let limit = query.limit()
            var before: Int64?
            if let raw = query.string("before") {
                before = Int64(raw)
                if before == nil { throw Problem.validation([.init("before", "must be an audit entry id (a whole number)")]) }
            }
            try query.finish()
            let entries = try await AuditTrail(scoped).entries(before: before, limit: limit, entity: query.string("entity"),
                                                               entityID: query.string("entity_id"), action: query.string("action"))
            let next = entries.count == limit ? entries.last.map { String($0.id) } : nil
            return JSONBody.response(Page(items: entries.map(AuditView.init), nextAfter: next))
        }
    }
}

/// Any JSON value, to pass stored JSON through to a response as it is.
enum JSONValue: Encodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    static func parse(_ text: String) -> JSONValue? {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return nil
        }
        return from(value)
    }

    static func from(_ value: Any) -> JSONValue {
        switch value {
        case let number as NSNumber where String(cString: number.objCType) == "c": return .bool(number.boolValue)
        case let number as NSNumber: return .number(number.doubleValue)
        case let text as String: return .string(text)
        case let list as [Any]: return .array(list.map(from))
        case let object as [String: Any]: return .object(object.mapValues(from))
        default: return .null
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value):
            if let whole = Int64(exactly: value) { try container.encode(whole) } else { try container.encode(value) }
        case let .string(value): try container.encode(value)
        case let .array(values): try container.encode(values)
        case let .object(values): try container.encode(values)
        }
    }
}
