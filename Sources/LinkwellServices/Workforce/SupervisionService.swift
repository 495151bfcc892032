import Foundation
import LinkwellDomain
import LinkwellStore

/// Supervision: the link worker records their sessions (the reflective note
/// is theirs), sees when clinical supervision is next due; the manager sees
/// that fact for the team, and never a note.
public struct SupervisionService: Sendable {
    let context: CaseworkContext

    var store: any LinkwellStore { context.store }

    public struct Form: Sendable, Equatable {
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
    }

    static func requireWorker(_ acting: ActingUser) throws(ServiceError) {
        guard [.linkWorker, .manager].contains(acting.role), acting.user.isActive else { throw .forbidden }
    }

    /// Colleagues who may be named as supervisor.
    public func colleagues(_ acting: ActingUser) async throws -> [User] {
        try Self.requireWorker(acting)
        return try await store.users.users(in: acting.organisationID).filter { $0.isActive && $0.id != acting.id && $0.role != .administrator }
    }

    @discardableResult
    public func record(_ form: Form, _ acting: ActingUser) async throws -> SupervisionSession {
        try Self.requireWorker(acting)
        var problems = ValidationCollector()
        let kind = SupervisionKind(rawValue: form.kind)
        if kind == nil { problems.add("kind", "Choose the kind of supervision") }
        var supervisor: User?
        if !form.supervisorID.isEmpty {
            supervisor = try await colleagues(acting).first { $0.id.description == form.supervisorID }
            if supervisor == nil { problems.add("supervisorID", "Choose a colleague from the list, or name someone from outside") }
        }
        let outside = form.supervisorName.trimmingCharacters(in: .whitespacesAndNewlines)
        if supervisor == nil, form.supervisorID.isEmpty, outside.isEmpty { problems.add("supervisorName", "Name your supervisor") }
        if outside.count > 200 { problems.add("supervisorName", "Must be 200 characters or fewer") }
        let held = problems.check("day") { () throws(ValidationFailure) in
            try CalendarDate.parse(day: form.day, month: form.month, year: form.year, what: "the date of the session")
        }
        if let held, held > context.today { problems.add("day", "The session cannot be in the future") }
        let minutes = Int(form.minutes.trimmingCharacters(in: .whitespaces))
        if minutes.map({ (5...600).contains($0) }) != true { problems.add("minutes", "Enter the length in minutes, from 5 to 600") }
        let note = form.note.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 5000 { problems.add("note", "Keep the note to 5,000 characters or fewer") }
        if form.share, supervisor == nil { problems.add("share", "Only a colleague on Linkwell can be shown the note") }
        do { try problems.throwIfAny() } catch { throw ServiceError.invalid(error) }
        let session = SupervisionSession(
            id: SupervisionSessionID(), organisationID: acting.organisationID, superviseeID: acting.id, supervisorID: supervisor?.id,
            supervisorName: supervisor?.name ?? outside, kind: kind!, heldOn: held!, durationMinutes: minutes!, note: note,
            noteSharedWithSupervisor: form.share && supervisor != nil)
        // The audit says a session was recorded; the note never leaves the table.
        try await store.supervision.record(
            session, audit: context.audit(.supervisionRecorded, acting, target: nil, detail: "\(kind!.label), \(held!.longText)"))
        return session
    }

    /// The acting worker's sessions, oldest first, and when clinical supervision is next due.
    public func mine(_ acting: ActingUser) async throws -> (sessions: [SupervisionSession], clinicalDue: CalendarDate) {
        try Self.requireWorker(acting)
        let sessions = try await store.supervision.sessions(of: acting.id, in: acting.organisationID, reader: acting.id)
        let weeks = try await store.organisations.organisation(acting.organisationID)?.clinicalSupervisionWeeks ?? SupervisionPolicy.defaultWeeks
        let last = sessions.filter { $0.kind == .clinical }.map(\.heldOn).max()
        return (sessions, SupervisionPolicy.due(lastClinical: last, weeks: weeks, today: context.today))
    }

    /// For the manager: each worker's next clinical supervision date (a fact, never a note).
    public func teamDue(_ acting: ActingUser) async throws -> [UserID: CalendarDate] {
        try AccessPolicy.requireManager(acting)
        let latest = try await store.supervision.latestClinical(in: acting.organisationID)
        let weeks = try await store.organisations.organisation(acting.organisationID)?.clinicalSupervisionWeeks ?? SupervisionPolicy.defaultWeeks
        var due: [UserID: CalendarDate] = [:]
        for worker in try await store.users.users(in: acting.organisationID) where [.linkWorker, .manager].contains(worker.role) {
            due[worker.id] = SupervisionPolicy.due(lastClinical: latest[worker.id], weeks: weeks, today: context.today)
        }
        return due
    }
}
