import Foundation

public typealias SupervisionSessionID = Identifier<SupervisionSession>

public enum SupervisionKind: String, Sendable, CaseIterable, Codable {
    case clinical, managerial, peer

    public var label: String {
        switch self {
        case .clinical: "Clinical or professional"
        case .managerial: "Managerial"
        case .peer: "Peer or group"
        }
    }
}

/// One supervision session a link worker had. Its reflective note is the
/// supervisee's: only they read it, and their supervisor if they choose.
public struct SupervisionSession: Hashable, Sendable, Identifiable {
    public let id: SupervisionSessionID
    public let organisationID: OrganisationID
    public let superviseeID: UserID
    /// A colleague on Linkwell, if the supervisor is one.
    public let supervisorID: UserID?
    public let supervisorName: String
    public let kind: SupervisionKind
    public let heldOn: CalendarDate
    public let durationMinutes: Int
    /// Nil when the reader may not see it.
    public let note: String?
    public let noteSharedWithSupervisor: Bool

    public init(
        id: SupervisionSessionID, organisationID: OrganisationID, superviseeID: UserID, supervisorID: UserID?,
        supervisorName: String,
        kind: SupervisionKind, heldOn: CalendarDate, durationMinutes: Int, note: String?, noteSharedWithSupervisor: Bool
    ) {
        self.id = id
        self.organisationID = organisationID
        self.superviseeID = superviseeID
        self.supervisorID = supervisorID
        self.supervisorName = supervisorName
        self.kind = kind
        self.heldOn = heldOn
        self.durationMinutes = durationMinutes
        self.note = note
        self.noteSharedWithSupervisor = noteSharedWithSupervisor
    }

    /// The session as `reader` may see it: the note only for the supervisee,
    /// and for the supervisor when shared.
    public func seen(by reader: UserID) -> SupervisionSession {
        let mayRead = reader == superviseeID || (noteSharedWithSupervisor && supervisorID == reader)
        return SupervisionSession(
            id: id, organisationID: organisationID, superviseeID: superviseeID, supervisorID: supervisorID,
            supervisorName: supervisorName, kind: kind, heldOn: heldOn, durationMinutes: durationMinutes,
            note: mayRead ? note : nil, noteSharedWithSupervisor: noteSharedWithSupervisor)
    }
}

/// How often clinical supervision is due: at least every so many weeks (4,
/// "monthly", unless the organisation sets another).
public enum SupervisionPolicy {
    public static let defaultWeeks = 4

    /// When the next clinical supervision is due: now, if there has been none.
    public static func due(lastClinical: CalendarDate?, weeks: Int, today: CalendarDate) -> CalendarDate {
        lastClinical.map { $0.adding(days: 7 * weeks) } ?? today
    }
}

/// The supervision form as typed, checked whole.
public struct SupervisionForm: Sendable, Equatable {
    public var kind = ""
    public var supervisorID = ""
    public var supervisorName = ""
    public var day = ""
    public var month = ""
    public var year = ""
    public var minutes = ""
    public var note = ""
    public var share = false

    public init() {}

    public struct Checked: Sendable, Equatable {
        public let kind: SupervisionKind
        /// A colleague on Linkwell, or nil for someone from outside (named).
        public let supervisorID: UserID?
        public let supervisorName: String
        public let heldOn: CalendarDate
        public let minutes: Int
        public let note: String
        public let share: Bool
    }

    /// Every problem at once. `colleagues` are those who may be chosen as
    /// supervisor (ID → name).
    public func validate(colleagues: [UserID: String], today: CalendarDate) throws(ValidationFailure) -> Checked {
        var problems = ValidationCollector()
        let kind = SupervisionKind(rawValue: self.kind)
        if kind == nil { problems.add("kind", "Choose the kind of supervision") }
        var supervisor: (id: UserID, name: String)?
        if !supervisorID.isEmpty {
            if let id = UserID(supervisorID), let name = colleagues[id] {
                supervisor = (id, name)
            } else {
                problems.add("supervisorID", "Choose a colleague from the list, or name someone from outside")
            }
        }
        let outside = supervisorName.trimmingCharacters(in: .whitespacesAndNewlines)
        if supervisorID.isEmpty, outside.isEmpty { problems.add("supervisorName", "Name your supervisor") }
        if outside.unicodeScalars.count > 200 { problems.add("supervisorName", "Must be 200 characters or fewer") }
        let held = problems.check("day") { () throws(ValidationFailure) in
            try CalendarDate.parse(day: day, month: month, year: year, what: "the date of the session")
        }
        if let held, held > today { problems.add("day", "The session cannot be in the future") }
        let minutes = NumberText.whole(self.minutes, in: 5...600)
        if minutes == nil { problems.add("minutes", "Enter the length in minutes, from 5 to 600") }
        let note = self.note.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(
            in: .whitespacesAndNewlines)
        if note.count > 5000 { problems.add("note", "Keep the note to 5,000 characters or fewer") }
        if share, supervisor == nil { problems.add("share", "Only a colleague on Linkwell can be shown the note") }
        try problems.throwIfAny()
        return Checked(
            kind: kind!, supervisorID: supervisor?.id, supervisorName: supervisor?.name ?? outside, heldOn: held!,
            minutes: minutes!,
            note: note, share: share && supervisor != nil)
    }
}
