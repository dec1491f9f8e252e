import Foundation

/// The reference and demo world in `seeds/`: each file is a JSON object holding any of these lists.
/// Records are known by natural keys (codes, names, `ref`s), so loading twice adds nothing.
public struct SeedWorld: Codable, Sendable {
    public var regions: [Region] = []
    public var offices: [Office] = []
    public var organisations: [Organisation] = []
    public var plans: [Plan] = []
    public var programmes: [Programme] = []
    public var people: [Person] = []
    public var councils: [Council] = []
    public var events: [Event] = []
    public var volunteers: [Volunteer] = []
    public var calendars: [CalendarDay] = []
    public var ratingCriteria: [RatingCriterion] = []

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        regions = try c.decodeIfPresent([Region].self, forKey: .regions) ?? []
        offices = try c.decodeIfPresent([Office].self, forKey: .offices) ?? []
        organisations = try c.decodeIfPresent([Organisation].self, forKey: .organisations) ?? []
        plans = try c.decodeIfPresent([Plan].self, forKey: .plans) ?? []
        programmes = try c.decodeIfPresent([Programme].self, forKey: .programmes) ?? []
        people = try c.decodeIfPresent([Person].self, forKey: .people) ?? []
        councils = try c.decodeIfPresent([Council].self, forKey: .councils) ?? []
        events = try c.decodeIfPresent([Event].self, forKey: .events) ?? []
        volunteers = try c.decodeIfPresent([Volunteer].self, forKey: .volunteers) ?? []
        calendars = try c.decodeIfPresent([CalendarDay].self, forKey: .calendars) ?? []
        ratingCriteria = try c.decodeIfPresent([RatingCriterion].self, forKey: .ratingCriteria) ?? []
    }

    /// Adds another file's records after this one's.
    public mutating func merge(_ other: SeedWorld) {
        regions += other.regions
        offices += other.offices
        organisations += other.organisations
        plans += other.plans
        programmes += other.programmes
        people += other.people
        councils += other.councils
        events += other.events
        volunteers += other.volunteers
        calendars += other.calendars
        ratingCriteria += other.ratingCriteria
    }

    enum CodingKeys: String, CodingKey {
        case regions, offices, organisations, plans, programmes, people, councils, events, volunteers, calendars
        case ratingCriteria = "rating_criteria"
    }

    /// One weighted criterion of a council-rating methodology; counts have a target per year.
    public struct RatingCriterion: Codable, Sendable {
        public var methodology: String
        public var key: String
        public var weight: Double
        public var target: Double?
        public var titles: [String: String]
    }

    /// A weekday off (`holiday`) or a weekend day worked (`working`, a transferred working day).
    public struct CalendarDay: Codable, Sendable {
        public var country: Country
        public var day: CivilDate
        public var kind: Kind
        public var name: String

        public enum Kind: String, Codable, Sendable { case holiday, working }
    }

    public struct Region: Codable, Sendable {
        public var code: String
        public var parent: String?
        public var level: RegionLevel
        public var timeZone: String
        public var names: [String: String]
        public var aliases: [String]?
    }

    public struct Office: Codable, Sendable {
        public var code: String
        public var region: String
        public var kind: OfficeKind
        public var names: [String: String]
        public var email: String?
        public var phone: String?
        public var address: String?
        /// Other names the office is known by (as eOtinish and the mail write it).
        public var aliases: [String]?
    }

    public struct Organisation: Codable, Sendable {
        public var name: String
        public var kind: OrganisationKind
        public var region: String?
    }

    public struct Plan: Codable, Sendable {
        public var code: String
        public var country: Country
        public var title: [String: String]
        public var firstYear: Int
        public var lastYear: Int
        public var adoptedBy: String?
        public var items: [Item]

        public struct Item: Codable, Sendable {
            public var number: String
            public var title: [String: String]
        }
    }

    public struct Programme: Codable, Sendable {
        public var code: String
        public var region: String
        public var office: String?
        public var names: [String: String]
        public var areas: [VolunteerArea]
        public var intakeChannels: [String]
        public var contactEmail: String?
        public var startedOn: CivilDate?
    }

    public struct Person: Codable, Sendable {
        public var ref: String
        public var region: String
        public var fullName: String
        public var position: String?
        public var organisation: String?
        public var language: Language
    }

    public struct Council: Codable, Sendable {
        public var code: String
        public var region: String
        public var office: String?
        public var kind: CouncilKind
        public var names: [String: String]
        public var establishedOn: CivilDate?
        public var quorumFraction: Double?
        public var members: [Member]?

        public struct Member: Codable, Sendable {
            public var person: String
            public var role: CouncilRole
            public var position: String?
            public var termFrom: CivilDate?
        }
    }

    public struct Event: Codable, Sendable {
        public var ref: String
        public var region: String
        public var office: String?
        public var council: String?
        public var kind: EventKind
        public var format: EventFormat
        public var title: String
        public var topic: String?
        public var venue: String?
        public var link: String?
        /// Local time in the region's zone, `yyyy-MM-ddTHH:mm`; absent when the source gives no date.
        public var startsAt: String?
        public var endsAt: String?
        /// The day a past event was held, when the source gives the date but not the time.
        public var heldOn: CivilDate?
        public var status: EventStatus
        public var planItems: [String]?
        public var partners: [String]?
        public var participants: [Participant]?

        public struct Participant: Codable, Sendable {
            public var person: String
            public var role: ParticipantRole
            public var attendance: Attendance?
        }
    }

    /// A demo volunteer, registered through the same checks as one typed by a registrar.
    public struct Volunteer: Codable, Sendable {
        public var lastName: String
        public var firstName: String
        public var middleName: String?
        public var nationalID: String
        public var country: String
        public var region: String
        public var office: String?
        public var phone: String?
        public var email: String?
        public var kind: String
        public var areas: [String]
        public var organisation: String?
        public var language: String
        public var consentVersion: String
        public var joinedOn: String?

        public var form: VolunteerRegistrationForm {
            VolunteerRegistrationForm(lastName: lastName, firstName: firstName, middleName: middleName,
                                      nationalID: nationalID, country: country, regionCode: region, officeCode: office,
                                      phone: phone, email: email, kind: kind, areas: areas, organisation: organisation,
                                      language: language, consentVersion: consentVersion, joinedOn: joinedOn)
        }
    }
}

public enum LocalTime {
    /// The instant a wall-clock time `yyyy-MM-ddTHH:mm` denotes in the IANA zone `zone`.
    public static func instant(_ local: String, zone: String) -> Date? {
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.date(from: local)
    }

    /// The instant shown as wall-clock time in `zone`, `yyyy-MM-dd HH:mm`.
    public static func format(_ instant: Date, zone: String) -> String {
        WallClock(instant, zone: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!).minutes
    }
}
