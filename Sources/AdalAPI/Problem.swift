import Foundation
import Hummingbird

/// An RFC 9457 problem document, sent as `application/problem+json`.
struct Problem: Error, Encodable, Sendable {
    let type: String
    let title: String
    let status: Int
    let detail: String?
    let errors: [FieldProblem]?
    var headers: HTTPFields = [:]

    struct FieldProblem: Encodable, Sendable {
        let field: String
        let reason: String
    }

    init(status: HTTPResponse.Status, detail: String? = nil, errors: [FieldProblem]? = nil) {
        self.type = "about:blank"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey { case type, title, status, detail, errors }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields = headers
        fields[.contentType] = "application/problem+json"
        let body = (try? encoder.encode(self)) ?? Data()
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

enum JSONBody {
    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let body = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
