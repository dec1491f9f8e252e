import AdalAPI
import AdalCore
import AdalDomain
import AdalIntake
import Crypto
import Foundation
import Hummingbird

/// An eOtinish export uploaded from the browser, and the report of what its run stored and refused.
struct ImportPages {
    let console: WebConsole

    func add(to pages: RouterGroup<AdalRequestContext>) {
        pages.get("/imports/new") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeApplications)
            return uploadForm(visit, error: nil, status: .ok)
        }
        pages.post("/imports") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .writeApplications)
            return try await upload(visit)
        }
        pages.get("/imports/{id}") { request, requestContext -> Response in
            let visit = try await console.visit(request, requestContext, needs: .readApplications)
            guard let id = requestContext.parameters.get("id", as: Int64.self) else { throw ConsoleRefusal.notFound }
            return try await report(visit, id: id)
        }
    }

    private func uploadForm(_ visit: Visit, error: String?, status: HTTPResponse.Status) -> Response {
        visit.page("import_form", title: visit.catalog["import_title"], section: "imports", status: status, [
            "error": error, "limit": ByteCountFormatter.string(fromByteCount: Int64(console.uploadLimit), countStyle: .file),
        ])
    }

    private func upload(_ visit: Visit) async throws -> Response {
        let catalog = visit.catalog
        guard let file = visit.form?.file("file"), !file.bytes.isEmpty else {
            return uploadForm(visit, error: catalog["error_file_required"], status: .unprocessableContent)
        }
        let contents: EOtinishFile.Contents
        do {
            contents = try EOtinishFile.read(file.bytes, name: file.fileName)
        } catch let error as FieldError {
            return uploadForm(visit, error: catalog.format("error_file_unreadable", ["reason": error.reason]), status: .unprocessableContent)
        }
        let digest = SHA256.hash(data: file.bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
        let report = try await Imports(visit.scoped).run(source: .eotinish("web-upload:sha256:\(digest)"), records: .eotinish(contents),
                                                        actor: visit.actor)
        return Visit.redirect("/imports/\(report.runID)")
    }

    private func report(_ visit: Visit, id: Int64) async throws -> Response {
        let catalog = visit.catalog
        let run = try await Imports(visit.scoped).runSummary(id)
        let zone = try await visit.homeTimeZone()
        return visit.page("import_report", title: catalog.format("import_report_title", ["id": String(run.id)]), section: "imports", [
            "id": run.id, "state": catalog.term("run_state", run.state), "reason": run.reason,
            "started": visit.dates.moment(run.startedAt, timeZone: zone), "actor": run.actor,
            "counts": [
                ["label": catalog["import_new"], "value": run.new], ["label": catalog["import_present"], "value": run.present],
                ["label": catalog["import_follow_ups"], "value": run.followUps], ["label": catalog["import_rejected"], "value": run.rejected],
            ] as [[String: Any]],
            "rejections": run.rejections.map { ["record": $0.record, "reason": $0.reason] as [String: Any] },
            "has_rejections": !run.rejections.isEmpty,
        ])
    }
}
