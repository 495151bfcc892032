import Foundation
import LinkwellDomain

/// The audit log. There is deliberately no way to change or remove an event:
/// the interface has none, and both schemas refuse UPDATE and DELETE.
public protocol AuditStore: Sendable {
    /// Appends an event that goes with no other change (a failed sign-in to an
    /// unknown address, say). Changes append theirs through their own store call.
    @discardableResult
    func append(_ entry: AuditEntry) async throws -> AuditEvent

    /// Newest first, filtered and paged.
    func events(matching query: AuditQuery, page: PageRequest) async throws -> Page<AuditEvent>

    /// Up to `limit` events in chain order from `sequence` on, for verifying the chain.
    func events(fromSequence sequence: Int64, limit: Int) async throws -> [AuditEvent]
}

public struct AuditQuery: Sendable, Equatable {
    public var organisationID: OrganisationID?
    public var actorID: UserID?
    public var action: AuditAction?
    public var target: AuditTarget?
    /// An organisation's own events, and those its administrator did
    /// elsewhere (setting up another organisation): what an administrator sees.
    public var scope: Scope?
    /// Events about this person: as the target, or among the people listed.
    public var person: PersonID?

    public struct Scope: Sendable, Equatable {
        public let organisation: OrganisationID
        public let orActor: UserID

        public init(organisation: OrganisationID, orActor: UserID) {
            self.organisation = organisation
            self.orActor = orActor
        }
    }

    public init(
        organisationID: OrganisationID? = nil, actorID: UserID? = nil, action: AuditAction? = nil,
        target: AuditTarget? = nil
    ) {
        self.organisationID = organisationID
        self.actorID = actorID
        self.action = action
        self.target = target
    }
}
