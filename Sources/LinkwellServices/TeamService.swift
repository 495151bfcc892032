import LinkwellDomain
import LinkwellStore

/// The signed-in user's own workplace: their organisation, their practice and,
/// for managers, their team.
public struct TeamService: Sendable {
    let store: any LinkwellStore

    public init(store: any LinkwellStore) {
        self.store = store
    }

    /// The active link workers of the manager's own organisation.
    public func linkWorkers(_ acting: ActingUser) async throws -> [User] {
        try AccessPolicy.requireManager(acting)
        return try await store.users.users(in: acting.organisationID, role: .linkWorker)
    }

    /// The acting user's own organisation (everyone may see their own).
    public func ownOrganisation(_ acting: ActingUser) async throws -> Organisation {
        guard let organisation = try await store.organisations.organisation(acting.organisationID) else {
            throw ServiceError.notFound
        }
        return organisation
    }

    /// The acting user's organisation's GP practices.
    public func practices(_ acting: ActingUser) async throws -> [Practice] {
        try await store.practices.practices(in: acting.organisationID)
    }

    /// The practice the acting user works at, if they are linked to one.
    public func ownPractice(_ acting: ActingUser) async throws -> Practice? {
        guard let practice = acting.user.practiceID else { return nil }
        return try await store.practices.practice(practice, in: acting.organisationID)
    }
}
