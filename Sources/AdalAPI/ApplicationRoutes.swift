import AdalCore
import AdalDomain
import AdalIntake
import Crypto
import Foundation
import AdalStore
import Hummingbird
import NIOCore

/// `/v1/applications`: list, read, take in at the office, the workflow's transitions, eOtinish uploads.
struct ApplicationRoutes {
    let context: AdalContext
    let gate: Gate
    let uploadLimit: Int

    /// An application in a list: who, where, when due; the national ID masked, no contact details.
    struct Summary: Encodable {
        let id: UUID
        let channel: ApplicationChannel
        let externalRef: String
        let region: String
        let office: String?
        let receivedAt: Date
        let fullName: String
        let nationalId: String?
        let status: ApplicationStatus
        let reviewer: String?
        let dueOn: CivilDate
        let extensionDays: Int?
        let problems: Int

        init(_ record: ApplicationRecord) {
            id = record.id
            channel = record.channel
            externalRef = record.externalRef
            region = record.regionCode
            office = record.officeCode
            receivedAt = record.receivedAt
            fullName = record.fullName
            nationalId = record.nationalID.map(Masking.nationalID)
            status = record.status
            reviewer = record.reviewer
            dueOn = record.dueOn
            extensionDays = record.extensionDays
            problems = record.problems.count
        }
    }

    static let formFields: Set<String> = [
        "last_name", "first_name", "middle_name", "national_id", "birth_date", "phone", "email", "address",
        "organisation", "areas", "motivation", "region", "office",
    ]

    /// A parameter of a media type (`text/csv; charset=windows-1251`), unquoted; nil when absent.
    static func parameter(_ name: String, in mediaType: String) -> String? {
        for part in mediaType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name { return pair[1] }
        }
        return nil
    }

    /// The office form's fields from a JSON body (the public form adds `consent`).
    static func form(_ input: inout JSONInput) -> Applications.OfficeForm {
        Applications.OfficeForm(
            lastName: input.requiredString("last_name"), firstName: input.requiredString("first_name"),
            middleName: input.string("middle_name"), nationalID: input.string("national_id"),
            birthDate: input.string("birth_date"), phone: input.string("phone"), email: input.string("email"),
            address: input.string("address"), organisation: input.string("organisation"),
            areas: input.strings("areas") ?? [], motivation: input.string("motivation"),
            regionCode: input.requiredString("region"), officeCode: input.string("office"))
    }

    func add(to router: Router<AdalRequestContext>) {
        router.get("/v1/applications") { request, _ -> Response in
            let (_, scoped) = try await gate.admit(request, .readApplications)
            var query = try Query(request, allowed: ["region", "status", "overdue_on", "due_before", "reviewer", "after", "limit"])
            let filter = Applications.Filter(
                status: query.value("status", as: ApplicationStatus.self), overdueOn: query.date("overdue_on"),
                dueBefore: query.date("due_before"), reviewer: query.string("reviewer"), limit: query.limit(),
                after: query.uuid("after"))
            try query.finish()
            let found = try await Applications(scoped).list(filter, regionCode: query.string("region"))
            let next = found.count == filter.limit ? found.last?.id.uuidString : nil
            return JSONBody.response(Page(items: found.map(Summary.init), nextAfter: next))
        }

        router.get("/v1/applications/{id}") { request, requestContext -> Response in
            let (_, scoped) = try await gate.admit(request, .readApplications)
            return JSONBody.response(try await Applications(scoped).show(try requestContext.parameters.require("id")))
        }

        router.post("/v1/applications") { request, _ -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeApplications)
            var request = request
            return try await Idempotency(context: context).run(&request, owner: principal.actor) { request in
                var input = try await JSONInput(&request, fields: Self.formFields)
                let form = Self.form(&input)
                try input.finish()
                let record = try await Applications(scoped).add(form, actor: principal.actor)
                return JSONBody.reply(record, status: .created,
                                      headers: [.location: "/v1/applications/\(record.id.uuidString)"])
            }
        }

        for action in ApplicationAction.allCases {
            router.post("/v1/applications/{id}/\(action.rawValue)") { request, requestContext -> Response in
                let (principal, scoped) = try await gate.admit(request, .writeApplications)
                var request = request
                let fields: Set<String> = action == .accept ? ["note", "kind", "areas"] : ["note"]
                var input = try await JSONInput(&request, fields: fields)
                let note = input.string("note")
                var acceptance = Applications.Acceptance()
                var errors = FieldErrorCollector()
                if let kind = input.string("kind") {
                    acceptance.kind = errors.check { try VolunteerKind.parse(kind, field: "kind") } ?? .individual
                }
                acceptance.areas = (input.strings("areas") ?? []).compactMap { raw in
                    errors.check { try VolunteerArea.parse(raw, field: "areas") }
                }
                try input.finish()
                try errors.throwIfAny()
                let record = try await Applications(scoped).act(action, on: try requestContext.parameters.require("id"),
                                                                note: note, acceptance: acceptance, actor: principal.actor)
                return JSONBody.response(record)
            }
        }

        router.post("/v1/applications/{id}/assign") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeApplications)
            var request = request
            var input = try await JSONInput(&request, fields: ["reviewer"])
            let reviewer = input.requiredString("reviewer")
            try input.finish()
            return JSONBody.response(try await Applications(scoped).assign(
                try requestContext.parameters.require("id"), to: reviewer, actor: principal.actor))
        }

        router.post("/v1/applications/{id}/extend") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeApplications)
            var request = request
            var input = try await JSONInput(&request, fields: ["days", "reason"])
            let days = input.integer("days")
            let reason = input.string("reason")
            if !input.has("days") { try input.finish(); throw Problem.validation([.init("days", "is required")]) }
            try input.finish()
            return JSONBody.response(try await Applications(scoped).extend(
                try requestContext.parameters.require("id"), days: days ?? 0, reason: reason, actor: principal.actor))
        }

        router.post("/v1/applications/imports") { request, _ -> Response in
            let (principal, scoped) = try await gate.admit(request, .writeApplications)
            var request = request
            let type = request.headers[.contentType]?.lowercased() ?? ""
            let format: EOtinishFile.Format
            if type.hasPrefix("text/csv") { format = .csv }
            else if type.hasPrefix("application/json") { format = .json }
            else if type.hasPrefix("application/x-ndjson") || type.hasPrefix("application/jsonl") { format = .jsonLines }
            else { throw Problem(.unsupportedMediaType, "upload an eOtinish export as text/csv, application/json or application/x-ndjson") }
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: uploadLimit)
            } catch is NIOTooManyBytesError {
                throw Problem(.contentTooLarge, "the file is larger than \(uploadLimit) bytes (ADAL_UPLOAD_LIMIT)")
            }
            let bytes = Data(buffer: body)
            let contents: EOtinishFile.Contents
            do {
                let charset = try EOtinishFile.charset(label: Self.parameter("charset", in: type), field: "charset")
                contents = try EOtinishFile.read(bytes, name: "upload", format: format, charset: charset)
            } catch let error as FieldError {
                throw Problem.validation([error])
            }
            let digest = SHA256.hash(data: bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
            let report = try await Imports(scoped).run(source: .eotinish("api-upload:sha256:\(digest)"), records: .eotinish(contents),
                                                       actor: principal.actor)
            return JSONBody.response(report)
        }
    }
}
