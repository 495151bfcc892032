import LinkwellDomain
import LinkwellStore

/// The signed-in user's own workplace: their organisation, their practice and,
/// for managers, their team.
public struct TeamService: Sendable {
    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let organisations: any OrganisationStore
        let practices: any PracticeStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            organisations = all.organisations
            practices = all.practices
            users = all.users
        }
    }

    let store: Stores

    public init(store: any LinkwellStore) {
        self.store = Stores(store)
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
