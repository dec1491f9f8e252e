import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

/// The admins' side of staff accounts: list, another role and scope, disable, enable. Acting for a
/// console session, each change goes through the database's definer functions.
extension StaffAccounts {
    /// Gives an account another role and scope (exactly one of an office, a region or every region).
    public func change(email: String, role: StaffRole, officeCode: String?, regionCode: String?, allRegions: Bool,
                       actor: String) async throws -> StaffUser {
        if [officeCode != nil, regionCode != nil, allRegions].filter({ $0 }).count != 1 {
            throw ValidationFailure([FieldError("scope", "give exactly one of an office, a region or every region")])
        }
        return try await context.act(actor: actor) { change in
            let connection = change.connection
            let before = try await requireUser(email, on: connection)
            let (regionID, officeID) = try await scope(officeCode: officeCode, regionCode: regionCode, on: connection)
            let coveredBefore = try await context.staff.countriesCovered(userID: before.id, on: connection)
            if let session = actingSession {
                try await context.staff.changeAsAdmin(actorToken: session, userID: before.id, role: role, regionID: regionID,
                                                      officeID: officeID, on: connection)
            } else {
                try await context.staff.change(userID: before.id, role: role, regionID: regionID, officeID: officeID, on: connection)
            }
            let after = try await requireUser(email, on: connection)
            if before.role == .admin && !before.disabled {
                let coveredAfter = after.role == .admin ? try await context.staff.countriesCovered(userID: after.id, on: connection) : []
                try await requireAnotherAdmin(for: coveredBefore.subtracting(coveredAfter), than: before, on: connection)
            }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: "staff.change", entity: "staff_user", entityID: before.id.uuidString.lowercased(),
                regionID: regionID, before: AuditJSON.encode(before), after: AuditJSON.encode(after)), on: connection)
            return after
        }
    }

    /// The row keys of an account's scope: an office's (and its region), a region's, or none (every region).
    func scope(officeCode: String?, regionCode: String?,
                       on connection: PostgresConnection) async throws -> (regionID: Int64?, officeID: Int64?) {
        if let officeCode {
            guard let office = try await context.offices.find(code: officeCode, on: connection) else {
                throw ValidationFailure([FieldError("office", "no office has the code '\(officeCode)'")])
            }
            return (office.regionID, office.id)
        }
        if let regionCode { return (try await context.region(code: regionCode, on: connection).id, nil) }
        return (nil, nil)
    }

    /// Disables the account and revokes its tokens.
    public func disable(email: String, actor: String) async throws {
        try await setDisabled(email: email, true, actor: actor)
    }

    /// Lets a disabled account sign in again; its sessions from before stay revoked.
    public func enable(email: String, actor: String) async throws {
        try await setDisabled(email: email, false, actor: actor)
    }

    private func setDisabled(email: String, _ disabled: Bool, actor: String) async throws {
        try await context.act(actor: actor) { change in
            let connection = change.connection
            let user = try await requireUser(email, on: connection)
            if disabled && user.role == .admin && !user.disabled {
                try await requireAnotherAdmin(for: try await context.staff.countriesCovered(userID: user.id, on: connection),
                                              than: user, on: connection)
            }
            if let session = actingSession {
                try await context.staff.setDisabledAsAdmin(actorToken: session, userID: user.id, disabled: disabled, on: connection)
            } else if disabled {
                try await context.staff.disable(userID: user.id, on: connection)
            } else {
                try await context.staff.enable(userID: user.id, on: connection)
            }
            try await context.audit.append(AuditEntryDraft(
                actor: actor, action: disabled ? "staff.disable" : "staff.enable", entity: "staff_user",
                entityID: user.id.uuidString.lowercased(), regionID: nil, before: nil, after: nil), on: connection)
        }
    }

    /// Refuses a change that would leave one of `countries` without an active admin who sees it whole.
    private func requireAnotherAdmin(for countries: Set<Country>, than user: StaffUser,
                                     on connection: PostgresConnection) async throws {
        guard !countries.isEmpty else { return }
        let others = try await context.staff.countriesCoveredByOtherAdmins(than: user.id, on: connection)
        let uncovered = countries.subtracting(others).map(\.rawValue).sorted()
        guard uncovered.isEmpty else {
            throw ValidationFailure([FieldError("email", "\(user.email) is the last active admin who sees all of \(uncovered.joined(separator: ", ")); give another admin that scope first")])
        }
    }

    /// The session this context acts for (the console's signed-in admin), when it acts for one: staff
    /// accounts are then changed through the database's definer functions, which check that admin
    /// again; the operator's CLI, as the owner, changes them directly.
    var actingSession: [UInt8]? {
        if case let .session(digest)? = context.database.entry { return digest }
        return nil
    }

    /// Every staff account, for the admins' list.
    public func list() async throws -> [StaffUser] {
        try await context.read { connection in try await context.staff.list(on: connection) }
    }
}
