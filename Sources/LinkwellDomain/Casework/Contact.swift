import Foundation

public typealias ContactID = Identifier<Contact>

public enum ContactMode: String, Sendable, CaseIterable, Codable {
    case faceToFace = "face_to_face"
    case phone
    case video
    case homeVisit = "home_visit"
    case group
    case textOrEmail = "text_or_email"

    public var label: String {
        switch self {
        case .faceToFace: "Face to face"
        case .phone: "Phone"
        case .video: "Video"
        case .homeVisit: "Home visit"
        case .group: "Group"
        case .textOrEmail: "Text or email"
        }
    }
}

/// A conversation or other contact with a person, and the time it took.
public struct Contact: Hashable, Sendable, Identifiable {
    public let id: ContactID
    public let organisationID: OrganisationID
    public let personID: PersonID
    public let referralID: ReferralID
    public let occurredOn: CalendarDate
    public let durationMinutes: Int
    public let mode: ContactMode
    public let note: String
    public let recordedBy: UserID
    public let recordedByName: String
    public let recordedAt: Date

    public init(
        id: ContactID, organisationID: OrganisationID, personID: PersonID, referralID: ReferralID,
        occurredOn: CalendarDate,
        durationMinutes: Int, mode: ContactMode, note: String, recordedBy: UserID, recordedByName: String,
        recordedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.personID = personID
        self.referralID = referralID
        self.occurredOn = occurredOn
        self.durationMinutes = durationMinutes
        self.mode = mode
        self.note = note
        self.recordedBy = recordedBy
        self.recordedByName = recordedByName
        self.recordedAt = recordedAt
    }
}

public struct NewContact: Hashable, Sendable {
    public let occurredOn: CalendarDate
    public let durationMinutes: Int
    public let mode: ContactMode
    public let note: String

    public init(occurredOn: CalendarDate, durationMinutes: Int, mode: ContactMode, note: String) {
        self.occurredOn = occurredOn
        self.durationMinutes = durationMinutes
        self.mode = mode
        self.note = note
    }
}

public struct ContactForm: Sendable, Equatable {
    public var day = ""
    public var month = ""
    public var year = ""
    public var durationMinutes = ""
    public var mode = ""
    public var note = ""

    public init() {}

    /// The date defaults to today when left empty: most contacts are recorded the same day.
    public func validate(today: CalendarDate) throws(ValidationFailure) -> NewContact {
        var collector = ValidationCollector()
        var date = today
        if !(day + month + year).trimmingWhitespace().isEmpty {
            if let parsed = collector.check(
                "day",
                { () throws(ValidationFailure) in
                    try CalendarDate.parse(day: day, month: month, year: year, what: "the date of the contact")
                })
            {
                if parsed > today { collector.add("day", "The date of the contact cannot be in the future") }
                if parsed < today.adding(days: -366) {
                    collector.add("day", "The date of the contact must be within the last year")
                }
                date = parsed
            }
        }
        let minutes = NumberText.whole(durationMinutes, in: 1...600)
        if durationMinutes.trimmingWhitespace().isEmpty {
            collector.add("durationMinutes", "Enter how many minutes the contact took")
        } else if minutes == nil {
            collector.add("durationMinutes", "Minutes must be a whole number from 1 to 600")
        }
        let mode = ContactMode(rawValue: self.mode)
        if mode == nil { collector.add("mode", "Select how the contact happened") }
        let note = self.note.trimmingWhitespace()
        if note.count > 10_000 { collector.add("note", "The note must be 10,000 characters or fewer") }
        try collector.throwIfAny()
        return NewContact(occurredOn: date, durationMinutes: minutes!, mode: mode!, note: note)
    }
}
