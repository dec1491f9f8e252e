import AdalCore
import AdalReports
import Foundation
import Hummingbird
import NIOCore

/// `GET /v1/reports/{name}`: a report in the caller's scope, as JSON, CSV (one section) or an
/// HTML page, by `Accept`.
struct ReportRoutes {
    let gate: Gate

    func add(to router: Router<AdalRequestContext>) {
        router.get("/v1/reports/{name}") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .runReports)
            let query = try Query(request, allowed: ["region", "from", "to", "lang", "methodology", "section", "excel"])
            let excel = query.string("excel")
            if let excel, !["true", "false"].contains(excel) {
                throw Problem.validation([.init("excel", "must be true or false")])
            }
            try query.finish()
            let name = try requestContext.parameters.require("name")
            guard Reports.names.contains(name) else { throw Problem(.notFound, "there is no report '\(name)'") }
            let document = try await Reports(scoped).run(name, Reports.Request(
                regionCode: query.string("region"), from: query.string("from"), to: query.string("to"),
                language: query.string("lang") ?? "en", methodology: query.string("methodology") ?? "standard"))
            let accept = request.headers[.accept]?.lowercased() ?? ""
            if accept.contains("text/csv") {
                let key = query.string("section") ?? document.sections[0].key
                guard let section = document.section(key) else {
                    throw Problem.validation([.init("section", "is not one of: \(document.sections.map(\.key).joined(separator: ", "))")])
                }
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: ReportRenderer.csv(section, excel: excel == "true"))))
            }
            if accept.contains("text/html") {
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: ReportRenderer.html(document))))
            }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: try ReportRenderer.json(document))))
        }
    }
}
