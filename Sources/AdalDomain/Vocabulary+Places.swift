// The closed lists of regions, offices and organisations.

public enum RegionLevel: String, CaseIterable, Codable, Sendable {
    case country, region, district, ruralDistrict = "rural_district"
}

public enum OfficeKind: String, CaseIterable, Codable, Sendable {
    case preventionOffice = "prevention_office"
    case agencyDepartment = "agency_department"
    case localGovernment = "local_government"
}

public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case ngo, business, quasiPublic = "quasi_public", university, media, stateBody = "state_body"
}
