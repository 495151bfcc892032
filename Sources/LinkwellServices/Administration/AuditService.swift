import Foundation
import LinkwellDomain
import LinkwellStore

/// Reading the audit log, which only administrators may do, and then only
/// their own organisation's events (and what they themselves did in
/// others, and events that showed their organisation's people elsewhere).
/// The whole deployment's log is for its operator: `linkwell audit verify`.
public struct AuditService: Sendable {
    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore

        init(_ all: any LinkwellStore) {
            audit = all.audit
        }
    }

    let store: Stores

    public init(store: any LinkwellStore) {
        self.store = Stores(store)
    }

    public func events(matching query: AuditQuery, page: PageRequest, _ acting: ActingUser) async throws
        -> Page<AuditEvent>
    {
        try AccessPolicy.requireAdministrator(acting)
        var scoped = query
        scoped.organisationID = nil
        scoped.scope = Self.scope(for: acting)
        return try await store.audit.events(matching: scoped, page: page)
    }

    static func scope(for acting: ActingUser) -> AuditQuery.Scope {
        AuditQuery.Scope(organisation: acting.organisationID, orActor: acting.id)
    }

    /// Walks the whole chain, a batch at a time, and says whether it is
    /// intact or where every broken link is.
    public func verifyChain(_ acting: ActingUser) async throws -> AuditChain.Verdict {
        try AccessPolicy.requireAdministrator(acting)
        return try await Self.verify(store.audit)
    }

    /// The same check without a signed-in user, for `linkwell audit verify`.
    /// Reads the log a batch at a time, so memory does not grow with it.
    public static func verify(_ audit: any AuditStore, batchSize: Int = 5_000) async throws -> AuditChain.Verdict {
        var verifier = AuditChain.Verifier()
        var next: Int64 = 1
        while true {
            let batch = try await audit.events(fromSequence: next, limit: batchSize)
            for event in batch { verifier.check(event) }
            guard let last = batch.last, batch.count == batchSize else { break }
            next = last.sequence + 1
        }
        return verifier.verdict
    }
}
