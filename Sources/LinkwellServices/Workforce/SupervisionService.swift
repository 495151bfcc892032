import Foundation
import LinkwellDomain
import LinkwellStore

/// Supervision: the link worker records their sessions (the reflective note
/// is theirs), sees when clinical supervision is next due; the manager sees
/// that fact for the team, and never a note.
public struct SupervisionService: Sendable {
    let context: CaseworkContext

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let organisations: any OrganisationStore
        let supervision: any SupervisionStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            organisations = all.organisations
            supervision = all.supervision
            users = all.users
        }
    }

    let store: Stores

    /// Colleagues who may be named as supervisor.
    public func colleagues(_ acting: ActingUser) async throws -> [User] {
        try AccessPolicy.requireTeamMember(acting)
        return try await store.users.users(in: acting.organisationID).filter {
            $0.isActive && $0.id != acting.id && $0.role != .administrator
        }
    }

    @discardableResult
    public func record(_ form: SupervisionForm, _ acting: ActingUser) async throws -> SupervisionSession {
        try AccessPolicy.requireTeamMember(acting)
        let colleagues = Dictionary(
            try await colleagues(acting).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let checked: SupervisionForm.Checked
        do { checked = try form.validate(colleagues: colleagues, today: context.today) } catch {
            throw ServiceError.invalid(error)
        }
        let session = SupervisionSession(
            id: SupervisionSessionID(), organisationID: acting.organisationID, superviseeID: acting.id,
            supervisorID: checked.supervisorID, supervisorName: checked.supervisorName, kind: checked.kind,
            heldOn: checked.heldOn,
            durationMinutes: checked.minutes, note: checked.note, noteSharedWithSupervisor: checked.share)
        // The audit says a session was recorded; the note never leaves the table.
        try await store.supervision.record(
            session,
            audit: context.audit(
                .supervisionRecorded, acting, target: nil, detail: "\(checked.kind.label), \(checked.heldOn.longText)"))
        return session
    }

    /// The acting worker's sessions, oldest first, and when clinical supervision is next due.
    public func mine(_ acting: ActingUser) async throws -> (sessions: [SupervisionSession], clinicalDue: CalendarDate) {
        try AccessPolicy.requireTeamMember(acting)
        let sessions = try await store.supervision.sessions(of: acting.id, in: acting.organisationID, reader: acting.id)
        let weeks =
            try await store.organisations.organisation(acting.organisationID)?.clinicalSupervisionWeeks
            ?? SupervisionPolicy.defaultWeeks
        let last = sessions.filter { $0.kind == .clinical }.map(\.heldOn).max()
        return (sessions, SupervisionPolicy.due(lastClinical: last, weeks: weeks, today: context.today))
    }

    /// The sessions the acting user gave as supervisor, newest first, with
    /// a note only where the supervisee chose to share it.
    public func given(_ acting: ActingUser) async throws -> [SupervisionSession] {
        try AccessPolicy.requireTeamMember(acting)
        return try await store.supervision.sessions(givenBy: acting.id, in: acting.organisationID)
    }

    /// For the manager: each worker's next clinical supervision date (a fact, never a note).
    public func teamDue(_ acting: ActingUser) async throws -> [UserID: CalendarDate] {
        try AccessPolicy.requireManager(acting)
        let latest = try await store.supervision.latestClinical(in: acting.organisationID)
        let weeks =
            try await store.organisations.organisation(acting.organisationID)?.clinicalSupervisionWeeks
            ?? SupervisionPolicy.defaultWeeks
        var due: [UserID: CalendarDate] = [:]
        for worker in try await store.users.users(in: acting.organisationID)
        where [.linkWorker, .manager].contains(worker.role) {
            due[worker.id] = SupervisionPolicy.due(lastClinical: latest[worker.id], weeks: weeks, today: context.today)
        }
        return due
    }
}
