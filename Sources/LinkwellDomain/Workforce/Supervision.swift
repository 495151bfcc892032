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
        id: SupervisionSessionID, organisationID: OrganisationID, superviseeID: UserID, supervisorID: UserID?, supervisorName: String,
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
