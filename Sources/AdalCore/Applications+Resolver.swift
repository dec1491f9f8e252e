import AdalDomain
import AdalStore
import Foundation
import PostgresNIO

extension Applications {
    /// A region as intake needs it.
    public struct RegionInfo: Sendable {
        public let id: Int64
        public let code: String
        public let country: Country
        public let timeZone: String
        public let zone: TimeZone
    }

    /// Resolves region texts, offices and calendars once per import or request.
    /// One resolver serves one task at a time (an import's batches run one after another).
    public final class Resolver: @unchecked Sendable {
        let context: AdalContext
        private var regions: [String: RegionInfo?] = [:]
        private var offices: [String: (id: Int64, regionID: Int64)?] = [:]
        /// Every office by its code and by the key of each of its names and aliases; read once.
        private var officeNames: OfficeNameIndex?
        /// Whether an office's region serves a record's region, by the pair of region keys.
        private var serving: [[Int64]: Bool] = [:]
        private var calendars: [Country: WorkingCalendar] = [:]

        public init(_ context: AdalContext) { self.context = context }

        public func region(_ text: String, on connection: PostgresConnection) async throws -> RegionInfo? {
            let key = text.lowercased()
            if let cached = regions[key] { return cached }
            let found = try await context.regions.find(codeOrName: text, on: connection).map {
                RegionInfo(id: $0.id, code: $0.code, country: $0.country, timeZone: $0.timeZone,
                           zone: TimeZone(identifier: $0.timeZone) ?? TimeZone(identifier: "UTC")!)
            }
            regions[key] = found
            return found
        }

        /// The office's row key and its region's, by its code or by any name it is known by (its own
        /// in each language, or an alias as eOtinish and the mail write it).
        public func office(_ codeOrName: String, on connection: PostgresConnection) async throws -> (id: Int64, regionID: Int64)? {
            if let cached = offices[codeOrName] { return cached }
            if officeNames == nil {
                officeNames = OfficeNameIndex(try await context.offices.directory(on: connection))
            }
            let found = officeNames?.office(codeOrName).map { (id: $0.id, regionID: $0.regionID) }
            offices[codeOrName] = found
            return found
        }

        func serves(_ officeRegion: Int64, _ region: Int64, on connection: PostgresConnection) async throws -> Bool {
            if let known = serving[[officeRegion, region]] { return known }
            let nested = try await context.regions.areNested(officeRegion, region, on: connection)
            serving[[officeRegion, region]] = nested
            return nested
        }

        public func calendar(_ country: Country, on connection: PostgresConnection) async throws -> WorkingCalendar {
            if let cached = calendars[country] { return cached }
            let calendar = try await context.calendars.calendar(for: country, on: connection)
            calendars[country] = calendar
            return calendar
        }

        /// The draft ready to store: office resolved (an unknown one is a problem, not a refusal) and due date set.
        public func prepare(_ draft: ApplicationDraft, region: RegionInfo,
                            on connection: PostgresConnection) async throws -> ApplicationRepository.NewApplication {
            var draft = draft
            var officeID: Int64?
            if let named = draft.officeCode {
                if let office = try await office(named, on: connection) {
                    // An office of another region or country is not this application's, whatever the record says.
                    if try await serves(office.regionID, region.id, on: connection) {
                        officeID = office.id
                    } else {
                        draft.problems.append(FieldError("recipient", "office '\(named)' does not serve \(region.code)"))
                    }
                } else {
                    draft.problems.append(FieldError("recipient", "no office has the code or the name '\(named)'"))
                }
            }
            let received = CivilDate(draft.receivedAt, zone: region.zone)
            let due = try await calendar(region.country, on: connection)
                .adding(workingDays: Applications.answerTerm[region.country] ?? 15, to: received)
            return .init(draft: draft, regionID: region.id, officeID: officeID, dueOn: due)
        }
    }
}

/// Offices by code and by the comparison key of every name they are known by. A key two offices
/// share names neither: an application is better left for a person to route than sent to the wrong one.
struct OfficeNameIndex: Sendable {
    private var byCode: [String: OfficeRepository.Names] = [:]
    private var byKey: [String: OfficeRepository.Names?] = [:]

    init(_ offices: [OfficeRepository.Names]) {
        for office in offices {
            byCode[office.code.uppercased()] = office
            for name in Array(office.names.values) + office.aliases {
                let key = OfficeName.key(name)
                guard !key.isEmpty else { continue }
                if let existing = byKey[key], existing?.id != office.id { byKey[key] = .some(nil) } else { byKey[key] = office }
            }
        }
    }

    func office(_ codeOrName: String) -> OfficeRepository.Names? {
        let trimmed = codeOrName.trimmingCharacters(in: .whitespacesAndNewlines)
        if let office = byCode[trimmed.uppercased()] { return office }
        return byKey[OfficeName.key(trimmed)] ?? nil
    }
}
