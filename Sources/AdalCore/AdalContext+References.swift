import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

// How use cases turn what a user named (a region's code, an office's, a council's, a staff
// account's e-mail) into records they may use, each refusal naming the field.

extension AdalContext {
    /// The region a user named by code (or older alias), or a refusal on `field` that says so.
    public func region(code: String, field: String = "region", on connection: PostgresConnection) async throws -> Region {
        guard let region = try await regions.find(code: code, on: connection) else {
            throw ValidationFailure([FieldError(field, "no region has the code '\(code)'")])
        }
        return region
    }

    /// The row key of an optional region filter: nil for none, a refusal for an unknown code.
    func regionID(filter code: String?, on connection: PostgresConnection) async throws -> Int64? {
        guard let code else { return nil }
        return try await region(code: code, on: connection).id
    }
}

extension AdalContext {
    /// The office a record of `region` names by `code`: it must exist, serve that region (be in it,
    /// above it or below it, so never another region's or country's), and lie in the acting scope.
    /// - Throws: `ValidationFailure` on `field` naming which of these it is not.
    func office(code: String, field: String = "office", serving region: (id: Int64, code: String),
                on connection: PostgresConnection) async throws -> Int64 {
        guard let office = try await offices.find(code: code, on: connection) else {
            throw ValidationFailure([FieldError(field, "no office has the code '\(code)'")])
        }
        guard try await regions.areNested(office.regionID, region.id, on: connection) else {
            throw ValidationFailure([FieldError(field, "office \(code.uppercased()) does not serve \(region.code)")])
        }
        guard scope.contains(regionID: office.regionID) else {
            throw ValidationFailure([FieldError(field, "office \(code.uppercased()) is outside the regions you work in")])
        }
        return office.id
    }

    /// The council an event of `region` belongs to: in the acting scope and serving that region.
    func council(code: String, serving region: (id: Int64, code: String),
                 on connection: PostgresConnection) async throws -> Int64 {
        guard let council = try await councils.find(code: code, on: connection), scope.contains(regionID: council.regionID) else {
            throw ValidationFailure([FieldError("council", "no council has the code '\(code)' in your regions")])
        }
        guard try await regions.areNested(council.regionID, region.id, on: connection) else {
            throw ValidationFailure([FieldError("council", "council \(code.uppercased()) does not serve \(region.code)")])
        }
        return council.id
    }

    /// The staff account `email` names, given work in `regionID` that takes `permission`: it must
    /// exist, be active, hold a role with that permission and see that region.
    /// - Throws: `ValidationFailure` on `field` naming which of these it is not.
    func staffAssignee(_ email: String, field: String, may permission: Permission, regionID: Int64,
                       on connection: PostgresConnection) async throws -> StaffUser {
        guard let assignee = try await staff.assignee(email: email, regionID: regionID, on: connection) else {
            throw ValidationFailure([FieldError(field, "no staff account has the e-mail '\(email)'")])
        }
        guard !assignee.user.disabled else {
            throw ValidationFailure([FieldError(field, "the account \(assignee.user.email) is disabled")])
        }
        guard permission.roles.contains(assignee.user.role) else {
            let roles = permission.roles.map(\.rawValue).sorted().joined(separator: " or ")
            throw ValidationFailure([FieldError(field, "\(assignee.user.email) has the role \(assignee.user.role.rawValue); this work needs \(roles)")])
        }
        guard assignee.coversRegion else {
            throw ValidationFailure([FieldError(field, "\(assignee.user.email) does not work in this record's region")])
        }
        return assignee.user
    }
}

