import AdalCore
import AdalStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `Idempotency-Key` on POSTs that create: a retry gets the first response; the same key with
/// another body is 422; a retry while the first is still being answered waits for its answer.
struct Idempotency: Sendable {
    let context: AdalContext

    static let header = HTTPField.Name("Idempotency-Key")!
    /// Headers a replay repeats from the first response.
    static let keptHeaders: [HTTPField.Name] = [.location, .eTag, .contentType]

    func run(_ request: inout Request, owner: String, bodyLimit: Int = JSONInput.defaultLimit,
             _ perform: (inout Request) async throws -> Reply) async throws -> Response {
        guard let key = request.headers[Self.header] else { return try await perform(&request).response }
        guard (1...255).contains(key.count) else {
            throw Problem.validation([.init("Idempotency-Key", "must have 1 to 255 characters")])
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: bodyLimit)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "the body is larger than \(bodyLimit) bytes")
        }
        let fingerprint = Array("\(request.method.rawValue) \(request.uri.path)\n".utf8) + Array(buffer: body)
        do {
            let outcome = try await IdempotentRequests(context).once(owner: owner, key: key, request: fingerprint) {
                () -> (Response, IdempotentRequests.StoredResponse) in
                let reply: Reply
                do {
                    reply = try await perform(&request)
                } catch {
                    guard let problem = Problem.from(error), problem.statusCode < 500 else { throw error }
                    reply = problem.reply()
                }
                // A failure on the server's side is not kept: the client may retry it.
                if reply.status.code >= 500 { throw NotKept(response: reply.response) }
                var headers: [String: String] = [:]
                for name in Self.keptHeaders { if let value = reply.headers[name] { headers[name.canonicalName] = value } }
                return (reply.response, .init(status: reply.status.code, headers: headers, body: Array(buffer: reply.body)))
            }
            switch outcome {
            case .keyReused:
                throw Problem(.unprocessableContent, "this Idempotency-Key was used for another request")
            case .inProgress:
                throw Problem(.conflict, "the first request with this Idempotency-Key is still being answered")
            case let .replay(stored):
                var headers = HTTPFields()
                for (name, value) in stored.headers { if let field = HTTPField.Name(name) { headers[field] = value } }
                headers[.init("Idempotent-Replayed")!] = "true"
                return Response(status: .init(code: stored.status), headers: headers,
                                body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
            case let .performed(response):
                return response
            }
        } catch let unkept as NotKept {
            return unkept.response
        }
    }

    /// A server-side failure answered without keeping it for the key (its writes rolled back).
    struct NotKept: Error {
        let response: Response
    }
}
