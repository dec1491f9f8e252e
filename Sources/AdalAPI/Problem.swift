import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Hummingbird

/// An RFC 9457 problem document, sent as `application/problem+json`. Handlers throw it; the
/// outermost middleware turns every other error into one too.
struct Problem: Error, HTTPResponseError, Encodable, Sendable {
    let type: String
    let title: String
    let statusCode: Int
    let detail: String?
    let errors: [FieldProblem]?
    var headers: HTTPFields = [:]

    struct FieldProblem: Encodable, Sendable {
        let field: String
        let reason: String
    }

    init(_ status: HTTPResponse.Status, _ detail: String? = nil, errors: [FieldProblem]? = nil, type: String = "about:blank") {
        self.type = type
        self.title = status.reasonPhrase
        self.statusCode = status.code
        self.detail = detail
        self.errors = errors
    }

    var status: HTTPResponse.Status { .init(code: statusCode) }

    enum CodingKeys: String, CodingKey {
        case type, title, detail, errors
        case statusCode = "status"
    }

    func response(from request: Request, context: some RequestContext) -> Response { response() }

    func response() -> Response { reply().response }

    func reply() -> Reply {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        let body = (try? JSONBody.encoder.encode(self)) ?? Data()
        return Reply(status: status, headers: fields, body: ByteBuffer(bytes: body))
    }

    static func validation(_ errors: [FieldError]) -> Problem {
        Problem(.unprocessableContent, "the request has invalid fields",
                errors: errors.map { FieldProblem(field: $0.field, reason: $0.reason) })
    }

    static func notFound(_ what: String) -> Problem { Problem(.notFound, "\(what) not found") }

    static let unauthorized: Problem = {
        var problem = Problem(.unauthorized, "a valid bearer token is required")
        problem.headers[.wwwAuthenticate] = "Bearer"
        return problem
    }()

    static let forbidden = Problem(.forbidden, "your role does not allow this")

    /// The problem for an error a use case threw; nil for one that is a server fault.
    static func from(_ error: any Error) -> Problem? {
        switch error {
        case let problem as Problem: return problem
        case let failure as ValidationFailure: return validation(failure.errors)
        case let field as FieldError: return validation([field])
        case let AdalError.notFound(entity, _): return notFound(entity)
        case let AdalError.conflict(field, reason, _):
            return Problem(.conflict, "\(field): \(reason)", errors: [FieldProblem(field: field, reason: reason)])
        case let AdalError.stale(current):
            var problem = Problem(.preconditionFailed, "the record changed since you read it; read it again")
            problem.headers[.eTag] = current
            return problem
        case let AdalError.preconditionRequired(message): return Problem(.preconditionRequired, message)
        case is SessionEnded: return unauthorized
        case AdalError.registeredElsewhere:
            return Problem(.conflict, "another office keeps a person with this national ID; an admin whose regions cover both will decide",
                           errors: [FieldProblem(field: "national_id", reason: "registered_elsewhere")],
                           type: "urn:adal:problem:registered_elsewhere")
        case let http as HTTPError:
            return Problem(http.status, http.body)
        // Text the database cannot store (a NUL, or bytes that are not UTF-8) that slipped past the checks.
        case let store as StoreError where store.sqlState == "22021" || store.sqlState == "22P05":
            return Problem(.unprocessableContent, "a text holds a character that cannot be stored")
        // A definer function refused the acting account (an admin's check made again by the database).
        case let store as StoreError where store.sqlState == "42501": return forbidden
        case let store as StoreError where store.isUnavailable:
            var problem = Problem(.serviceUnavailable, "the database is not answering; try again shortly")
            problem.headers[.retryAfter] = "2"
            return problem
        case let store as StoreError where store.sqlState == "40001" || store.sqlState == "40P01":
            var problem = Problem(.serviceUnavailable, "the database was busy; try again")
            problem.headers[.retryAfter] = "1"
            return problem
        default: return nil
        }
    }
}

/// The status (and `Retry-After`) the API answers `error` with; nil for an error it does not know,
/// which it answers 500. The web console answers with the same statuses.
public func answerStatus(for error: any Error) -> (status: HTTPResponse.Status, retryAfter: String?)? {
    guard let problem = Problem.from(error) else { return nil }
    return (problem.status, problem.headers[.retryAfter])
}

/// A response whose body is already in memory (so it can also be kept for idempotent retries).
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    var response: Response { Response(status: status, headers: headers, body: .init(byteBuffer: body)) }
}

enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        reply(value, status: status, headers: headers).response
    }

    static func reply<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Reply {
        let body = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json"
        return Reply(status: status, headers: fields, body: ByteBuffer(bytes: body))
    }
}
