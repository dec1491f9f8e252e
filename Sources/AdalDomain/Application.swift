import Foundation

public enum ApplicationChannel: String, CaseIterable, Codable, Sendable {
    case eotinish, email, office, web
}

/// The kind of appeal eOtinish registers; its exports write it in English, Kazakh or Russian.
public enum AppealType: String, CaseIterable, Codable, Sendable {
    case proposal, application, complaint, request, response

    static let words: [String: AppealType] = [
        "proposal": .proposal, "ұсыныс": .proposal, "предложение": .proposal,
        "application": .application, "өтініш": .application, "заявление": .application,
        "complaint": .complaint, "шағым": .complaint, "жалоба": .complaint,
        "request": .request, "сұрау": .request, "сұрау салу": .request, "запрос": .request,
        "response": .response, "жауап": .response, "пікір": .response, "отклик": .response, "ответ": .response,
    ]

    /// Reads the type in any of the export's languages, ignoring case and surrounding spaces.
    public static func read(_ text: String) -> AppealType? {
        words[text.trimmingWhitespace().lowercased()]
    }
}

/// A file attached to an application, as received.
public struct AttachmentDraft: Sendable, Equatable {
    public static let maximumSize = 10 * 1024 * 1024
    public let fileName: String
    public let contentType: String
    public let content: Data

    public init(fileName: String, contentType: String, content: Data) {
        self.fileName = fileName
        self.contentType = contentType
        self.content = content
    }
}

/// An application as it arrived, before it is stored: every value as given, with the problems
/// its checks found. Problems do not stop it from being stored — an appeal must not be lost.
public struct ApplicationDraft: Sendable {
    public var channel: ApplicationChannel
    public var externalRef: String
    public var receivedAt: Date
    public var regionCode: String
    public var officeCode: String?
    public var appealType: AppealType?
    public var lastName: String?
    public var firstName: String?
    public var middleName: String?
    public var nationalID: String?
    public var nationalIDKind: NationalIDKind?
    public var nationalIDValid = false
    public var birthDate: CivilDate?
    public var phone: String?
    public var email: String?
    public var address: String?
    public var organisation: String?
    public var areas: [VolunteerArea] = []
    public var subject: String?
    public var motivation: String?
    public var rawSource: String
    public var problems: [FieldError] = []
    public var attachments: [AttachmentDraft] = []
    /// For an e-mail: the Message-IDs it answers (In-Reply-To, References), so that a reply stored
    /// before its original is joined to it when the original comes.
    public var answers: [String] = []

    public init(channel: ApplicationChannel, externalRef: String, receivedAt: Date, regionCode: String, rawSource: String) {
        self.channel = channel
        self.externalRef = externalRef
        self.receivedAt = receivedAt
        self.regionCode = regionCode
        self.rawSource = rawSource
    }

    /// The name as written, or a placeholder that says it is missing.
    public var fullName: String {
        let parts = [lastName, firstName, middleName].compactMap { $0.nonBlank }
        return parts.isEmpty ? "(no name given)" : parts.joined(separator: " ")
    }

    /// What problems call the applicant's fields: an export's column names, or a form's.
    public struct FieldNames: Sendable {
        public let name, nationalID, phone, email: String

        public static let export = FieldNames(name: "applicant_name", nationalID: "applicant_iin",
                                              phone: "applicant_phone", email: "applicant_email")
        public static let form = FieldNames(name: "last_name", nationalID: "national_id", phone: "phone", email: "email")
    }

    /// Checks the applicant's values for `country`, keeping each as written and listing what failed.
    public mutating func checkApplicant(country: Country, fields: FieldNames = .export) {
        if lastName.nonBlank == nil && firstName.nonBlank == nil {
            problems.append(FieldError(fields.name, "no name given"))
        }
        if let raw = nationalID.nonBlank {
            let kind = country.nationalIDKind
            nationalIDKind = kind
            do {
                let id = try NationalID.parse(raw, kind: kind, field: fields.nationalID)
                nationalID = id.value
                nationalIDValid = true
                if let birthDate, let derived = id.birthDate, birthDate != derived {
                    problems.append(FieldError("birth_date", "does not match the national ID, which encodes \(derived)"))
                } else if birthDate == nil {
                    birthDate = id.birthDate
                }
            } catch let error as FieldError {
                nationalID = raw
                problems.append(error)
            } catch {}
        }
        if let raw = phone.nonBlank {
            do { phone = try ContactDetails.phone(raw, country: country, field: fields.phone) }
            catch let error as FieldError { problems.append(error) } catch {}
        }
        if let raw = email.nonBlank {
            do { email = try ContactDetails.email(raw, field: fields.email) }
            catch let error as FieldError { problems.append(error) } catch {}
        }
        for attachment in attachments where attachment.content.count > AttachmentDraft.maximumSize {
            problems.append(FieldError("attachments", "\(attachment.fileName) is larger than 10 MB and was not kept"))
        }
        attachments.removeAll { $0.content.count > AttachmentDraft.maximumSize }
    }
}

/// A stored application as staff see it.
public struct ApplicationRecord: Codable, Sendable {
    public let id: UUID
    public let channel: ApplicationChannel
    public let externalRef: String
    public let regionCode: String
    public let officeCode: String?
    public let appealType: AppealType?
    public let receivedAt: Date
    public let fullName: String
    public let nationalIDKind: NationalIDKind?
    public let nationalID: String?
    public let nationalIDValid: Bool
    public let birthDate: CivilDate?
    public let phone: String?
    public let email: String?
    public let address: String?
    public let organisation: String?
    public let areas: [VolunteerArea]
    public let subject: String?
    public let motivation: String?
    public let problems: [ProblemEntry]
    public let status: ApplicationStatus
    public let reviewer: String?
    public let dueOn: CivilDate
    public let extensionDays: Int?
    public let decisionReason: String?
    public let volunteerID: UUID?
    /// The IANA zone of the application's region, in which its dates and times are shown.
    public var timeZone = "UTC"
    public var history: [HistoryEntry] = []
    public var attachments: [AttachmentInfo] = []
    public var duplicates: [DuplicateMatch] = []

    public struct ProblemEntry: Codable, Sendable, Equatable {
        public let field: String
        public let reason: String

        public init(field: String, reason: String) {
            self.field = field
            self.reason = reason
        }
    }

    public struct HistoryEntry: Codable, Sendable {
        public let at: Date
        public let actor: String
        public let kind: String
        public let fromStatus: String?
        public let toStatus: String?
        public let note: String?

        public init(at: Date, actor: String, kind: String, fromStatus: String?, toStatus: String?, note: String?) {
            self.at = at
            self.actor = actor
            self.kind = kind
            self.fromStatus = fromStatus
            self.toStatus = toStatus
            self.note = note
        }
    }

    public struct AttachmentInfo: Codable, Sendable {
        public let fileName: String
        public let contentType: String
        public let size: Int
        public let sha256: String

        public init(fileName: String, contentType: String, size: Int, sha256: String) {
            self.fileName = fileName
            self.contentType = contentType
            self.size = size
            self.sha256 = sha256
        }
    }

    /// Another record this application may be the same person as.
    public typealias DuplicateMatch = PossibleDuplicate

    public init(id: UUID, channel: ApplicationChannel, externalRef: String, regionCode: String, officeCode: String?,
                appealType: AppealType?, receivedAt: Date, fullName: String, nationalIDKind: NationalIDKind?,
                nationalID: String?, nationalIDValid: Bool, birthDate: CivilDate?, phone: String?, email: String?,
                address: String?, organisation: String?, areas: [VolunteerArea], subject: String?, motivation: String?,
                problems: [ProblemEntry], status: ApplicationStatus, reviewer: String?, dueOn: CivilDate,
                extensionDays: Int?, decisionReason: String?, volunteerID: UUID?) {
        self.id = id
        self.channel = channel
        self.externalRef = externalRef
        self.regionCode = regionCode
        self.officeCode = officeCode
        self.appealType = appealType
        self.receivedAt = receivedAt
        self.fullName = fullName
        self.nationalIDKind = nationalIDKind
        self.nationalID = nationalID
        self.nationalIDValid = nationalIDValid
        self.birthDate = birthDate
        self.phone = phone
        self.email = email
        self.address = address
        self.organisation = organisation
        self.areas = areas
        self.subject = subject
        self.motivation = motivation
        self.problems = problems
        self.status = status
        self.reviewer = reviewer
        self.dueOn = dueOn
        self.extensionDays = extensionDays
        self.decisionReason = decisionReason
        self.volunteerID = volunteerID
    }

    /// When it was received, as wall-clock time in its region (`yyyy-MM-dd HH:mm`).
    public var receivedLocal: String { LocalTime.format(receivedAt, zone: timeZone) }
}
