import Foundation
import LinkwellDomain
import LinkwellStore

/// Short ways to put records in a store for a test, each with a proper audit entry.
public struct StoreFixtures: Sendable {
    public let store: any LinkwellStore
    public let clock: ManualClock

    public init(store: any LinkwellStore, clock: ManualClock = ManualClock()) {
        self.store = store
        self.clock = clock
    }

    public func audit(
        _ action: AuditAction, organisation: OrganisationID? = nil, actor: UserID? = nil, target: AuditTarget? = nil,
        detail: String = ""
    ) -> AuditEntry {
        AuditEntry(
            occurredAt: clock.now(), organisationID: organisation, actorID: actor, action: action, target: target,
            clientAddress: "127.0.0.1", detail: detail)
    }

    @discardableResult
    public func organisation(
        _ name: String = "Riverside Primary Care Network", kind: OrganisationKind = .primaryCareNetwork,
        odsCode: String? = nil
    ) async throws -> Organisation {
        let id = OrganisationID()
        let details = OrganisationDetails(
            name: name, kind: kind, odsCode: try odsCode.map { try ODSCode($0, kind: kind.odsCodeKind) })
        return try await store.organisations.create(
            id: id, details: details, at: clock.now(),
            audit: audit(.organisationCreated, organisation: id, target: .organisation(id)))
    }

    @discardableResult
    public func practice(_ name: String = "Riverside Surgery", odsCode: String, in organisation: OrganisationID)
        async throws -> Practice
    {
        let id = PracticeID()
        return try await store.practices.create(
            id: id, in: organisation,
            details: PracticeDetails(name: name, odsCode: try ODSCode(odsCode, kind: .gpPractice)),
            at: clock.now(), audit: audit(.practiceCreated, organisation: organisation, target: .practice(id)))
    }

    @discardableResult
    public func user(
        _ name: String = "Sam Okafor", email: String? = nil, role: Role = .linkWorker, in organisation: OrganisationID,
        practice: PracticeID? = nil, passwordHash: String = "not-a-real-hash"
    ) async throws -> User {
        let id = UserID()
        let address = try EmailAddress(email ?? "user-\(id.description.prefix(8))@example.org")
        let details = UserDetails(
            name: name, email: address, role: role, organisationID: organisation, practiceID: practice)
        return try await store.users.create(
            id: id, details: details, passwordHash: passwordHash, mustChangePassword: false, at: clock.now(),
            audit: audit(.userCreated, organisation: organisation, target: .user(id)))
    }

    public func session(for user: UserID, token: String = SecureToken.generate()) -> (token: String, session: Session) {
        let now = clock.now()
        let session = Session(
            tokenHash: SecureToken.hash(token), userID: user, csrfToken: SecureToken.generate(), createdAt: now,
            lastSeenAt: now, clientAddress: "127.0.0.1")
        return (token, session)
    }

    /// Every audit event, oldest first.
    public func auditTrail() async throws -> [AuditEvent] {
        try await store.audit.events(fromSequence: 1, limit: 100_000)
    }
}

extension Date {
    /// Equal to the millisecond: what both backends promise to keep.
    public func isSameInstant(as other: Date?) -> Bool {
        guard let other else { return false }
        return millisecondsSince1970 == other.millisecondsSince1970
    }
}
