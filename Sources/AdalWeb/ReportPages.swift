import AdalAPI
import AdalCore
import AdalDomain
import AdalReports
import Foundation
import Hummingbird

/// The four reports: chosen in a GET form (so a report is a link to share), shown with their
/// charts in the page, each section downloadable as CSV or as CSV for Excel. A report's words come
/// from the same catalogs as the page's, in the language chosen in the form.
struct ReportPages {
    let console: WebConsole

    func add(to pages: RouterGroup<AdalRequestContext>) {
        pages.get("/reports") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .runReports)
            return try await page(visit, name: visit.request.uri.queryParameters.get("report") ?? Reports.names[0])
        }
        pages.get("/reports/{name}/{section}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .runReports)
            let name = try requestContext.parameters.require("name")
            var key = try requestContext.parameters.require("section")
            let excel = key.hasSuffix(".excel.csv")
            guard Reports.names.contains(name), key.hasSuffix(".csv") else { throw ConsoleRefusal.notFound }
            key = String(key.dropLast(excel ? ".excel.csv".count : ".csv".count))
            let document = try await Reports(visit.scoped).run(name, reportRequest(visit))
            guard let section = document.section(key) else { throw ConsoleRefusal.notFound }
            return Response(status: .ok, headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(name)-\(key)\(excel ? "-excel" : "").csv\"",
            ], body: .init(byteBuffer: ByteBuffer(string: ReportRenderer.csv(section, excel: excel))))
        }
    }

    private func reportRequest(_ visit: Visit) -> Reports.Request {
        let query = visit.request.uri.queryParameters
        func value(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        return Reports.Request(regionCode: value("region"), from: value("from"), to: value("to"),
                               language: value("lang") ?? visit.catalog.language.rawValue,
                               methodology: value("methodology") ?? "standard")
    }

    private func page(_ visit: Visit, name: String) async throws -> Response {
        let catalog = visit.catalog
        guard Reports.names.contains(name) else { throw ConsoleRefusal.notFound }
        let asked = reportRequest(visit)
        var refusals: [String: String] = [:]
        var document: ReportDocument?
        do {
            document = try await Reports(visit.scoped).run(name, asked)
        } catch let failure as ValidationFailure {
            refusals = visit.fieldErrors(failure.errors)
        }
        let typed = TypedForm(catalog: catalog, values: [
            "region": asked.regionCode ?? "", "from": asked.from ?? "", "to": asked.to ?? "", "methodology": asked.methodology,
        ], errors: refusals)
        var report = typed.field("report", .select)
        report.options = Reports.names.map { ($0, catalog.term("report", $0), $0 == name) }
        var region = typed.field("region", .select)
        region.options = try await visit.regionChoices(selected: asked.regionCode, blank: catalog["filter_any"])
        var language = typed.field("lang", .select)
        language.options = LanguageChoice.ownNames.map { ($0.0.rawValue, $0.1, $0.0.rawValue == asked.language) }
        let fields = [report, region, typed.field("from", .date), typed.field("to", .date), language, typed.field("methodology")]
        let query = visit.request.uri.query.map { "?" + $0 } ?? ""
        let general = refusals.filter { key, _ in !["region", "from", "to", "methodology", "lang"].contains(key) }.map(\.value)
        return visit.page("reports", title: catalog.term("report", name), section: "reports",
                          status: refusals.isEmpty ? .ok : .unprocessableContent, [
            "fields": fields.map(\.model), "general": general,
            "errors_summary": refusals.isEmpty ? nil : catalog["form_refused"],
            "report": document.map(ReportRenderer.sections),
            "heading": document?.title, "period": document.map { "\(ReportRenderer.regionText($0)) · \($0.from) … \($0.to)" },
            "notes": document?.notes ?? [],
            "downloads": (document?.sections ?? []).map { section -> [String: Any] in
                ["title": section.title, "csv": "/reports/\(name)/\(section.key).csv\(query)",
                 "excel": "/reports/\(name)/\(section.key).excel.csv\(query)"]
            },
        ])
    }
}
