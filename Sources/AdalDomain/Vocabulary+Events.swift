// The closed lists of events and who takes part in them.

public enum EventKind: String, CaseIterable, Codable, Sendable {
    case publicHearing = "public_hearing"
    case councilMeeting = "council_meeting"
    case commissionMeeting = "commission_meeting"
    case seminar
    case roundTable = "round_table"
    case videoconference
    case awarenessMeeting = "awareness_meeting"
    case training
}

public enum EventFormat: String, CaseIterable, Codable, Sendable {
    case inPerson = "in_person", online, hybrid
}

public enum EventStatus: String, CaseIterable, Codable, Sendable {
    case planned, held, cancelled, postponed
}

public enum ParticipantRole: String, CaseIterable, Codable, Sendable {
    case moderator, speaker, participant, media, observer, organiser
}

public enum Attendance: String, CaseIterable, Codable, Sendable {
    case attended, absent
}
