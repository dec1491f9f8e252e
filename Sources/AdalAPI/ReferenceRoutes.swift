import AdalCore
import AdalDomain
import Foundation
import Hummingbird

/// `/v1/plans` and `/v1/offices`: the reference data every signed-in user reads, which an admin adds to.
struct ReferenceRoutes {
    let gate: Gate

    func add(to router: Router<AdalRequestContext>) {
        router.get("/v1/plans") { request, _ -> Response in
            let principal = try await gate.principal(request)
            var query = try Query(request, allowed: ["country"])
            let country = query.value("country", as: Country.self)
            try query.finish()
            return JSONBody.response(["items": try await Plans(gate.context.scoped(to: principal.scope)).list(country: country?.rawValue)])
        }

        router.post("/v1/plans") { request, _ -> Response in
            let (principal, scoped) = try await gate.admit(request, .manageReferenceData)
            var request = request
            var input = try await JSONInput(&request, fields: ["code", "country", "title", "first_year", "last_year", "adopted_by"])
            let (code, country, title) = (input.requiredString("code"), input.requiredString("country"), input.texts("title") ?? [:])
            let (first, last, adoptedBy) = (input.integer("first_year"), input.integer("last_year"), input.string("adopted_by"))
            try input.finish()
            guard let first, let last else {
                throw Problem.validation([first == nil ? .init("first_year", "is required") : .init("last_year", "is required")])
            }
            return JSONBody.response(try await Plans(scoped).add(code: code, country: country, title: title, firstYear: first,
                                                                 lastYear: last, adoptedBy: adoptedBy, actor: principal.actor),
                                     status: .created)
        }

        router.post("/v1/plans/{code}/items") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .manageReferenceData)
            var request = request
            var input = try await JSONInput(&request, fields: ["number", "title"])
            let (number, title) = (input.requiredString("number"), input.texts("title") ?? [:])
            try input.finish()
            return JSONBody.response(try await Plans(scoped).addItem(planCode: try requestContext.parameters.require("code"),
                                                                     number: number, title: title, actor: principal.actor),
                                     status: .created)
        }

        router.get("/v1/offices") { request, _ -> Response in
            let principal = try await gate.principal(request)
            try Query(request, allowed: []).finish()
            return JSONBody.response(["items": try await Offices(gate.context.scoped(to: principal.scope)).list()])
        }

        router.post("/v1/offices/{code}/aliases") { request, requestContext -> Response in
            let (principal, scoped) = try await gate.admit(request, .manageReferenceData)
            var request = request
            var input = try await JSONInput(&request, fields: ["alias"])
            let alias = input.requiredString("alias")
            try input.finish()
            return JSONBody.response(try await Offices(scoped).addAlias(code: try requestContext.parameters.require("code"),
                                                                        alias: alias, actor: principal.actor),
                                     status: .created)
        }
    }
}
