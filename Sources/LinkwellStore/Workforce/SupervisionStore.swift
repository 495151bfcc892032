import Foundation
import LinkwellDomain

/// Supervision sessions. A session's note is returned only to its supervisee,
/// and to its supervisor if shared: every read names its reader, and the
/// store blanks the note for anyone else.
public protocol SupervisionStore: Sendable {
    func record(_ session: SupervisionSession, audit: AuditEntry) async throws

    /// The supervisee's sessions, oldest first, as `reader` may see them.
    /// Throws `notFound` unless the reader is the supervisee or the
    /// supervisor of at least one of them.
    func sessions(of supervisee: UserID, in organisation: OrganisationID, reader: UserID) async throws
        -> [SupervisionSession]

    /// The sessions `supervisor` gave, newest first, each as the supervisor
    /// may see it (the note only where the supervisee shared it).
    func sessions(givenBy supervisor: UserID, in organisation: OrganisationID) async throws -> [SupervisionSession]

    /// For each of the organisation's people who has had one: the day of
    /// their latest clinical supervision. Facts only, never notes.
    func latestClinical(in organisation: OrganisationID) async throws -> [UserID: CalendarDate]
}
