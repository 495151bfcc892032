import Foundation
import LinkwellDomain
import LinkwellStore

/// What the casework use cases share: the store, the clock, and the
/// deployment's time zone (so "today" is the link worker's today).
struct CaseworkContext: Sendable {
    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore
        let people: any PersonStore
        let practices: any PracticeStore
        let referrals: any ReferralStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            audit = all.audit
            people = all.people
            practices = all.practices
            referrals = all.referrals
            users = all.users
        }
    }

    let store: Stores
    let clock: any WallClock
    let timeZone: TimeZone

    var now: Date { clock.now() }
    var today: CalendarDate { CalendarDate(clock.now(), in: timeZone) }

    /// A registered GP practice, if given, is one of `organisation`'s own.
    func checkRegisteredPractice(_ details: PersonDetails, in organisation: OrganisationID) async throws {
        guard let code = details.registeredPractice else { return }
        guard try await store.practices.practices(in: organisation).contains(where: { $0.odsCode == code }) else {
            throw ServiceError.invalid(field: "registeredPractice", "Choose a practice from the list")
        }
    }

    func actor(_ acting: ActingUser) -> Actor {
        Actor(userID: acting.id, name: acting.user.name)
    }

    func audit(
        _ action: AuditAction, _ acting: ActingUser, target: AuditTarget?, detail: String = "", people: [PersonID] = [],
        concerns: [OrganisationID] = []
    ) -> AuditEntry {
        AuditEntry(
            occurredAt: now, organisationID: acting.organisationID, actorID: acting.id,
            actorLabel: acting.user.auditLabel,
            action: action, target: target, clientAddress: acting.clientAddress, detail: detail, people: people,
            concerns: concerns)
    }

    /// The one audit event of a page that lists people (`what` names the
    /// list): who looked, and every person shown. A list that shows nobody
    /// shows nobody's data, and writes nothing.
    /// `concerns`: the organisations those people belong to, where not the viewer's own.
    func listed(_ what: String, people: [PersonID], concerns: [OrganisationID] = [], _ acting: ActingUser) async throws
    {
        guard !people.isEmpty else { return }
        try await store.audit.append(
            audit(.peopleListed, acting, target: nil, detail: what, people: people, concerns: concerns))
    }

    /// The one audit event of a page that shows one person (and perhaps
    /// others beside them, such as a possible duplicate).
    func viewed(_ person: PersonID, _ what: String, also others: [PersonID] = [], _ acting: ActingUser) async throws {
        try await store.audit.append(
            audit(.personViewed, acting, target: .person(person), detail: what, people: others))
    }

    /// A person of the acting user's organisation. Anything else (another
    /// organisation's person, a made-up ID) is "not found", and the attempt
    /// is audited either way.
    func person(_ id: PersonID, _ acting: ActingUser) async throws -> Person {
        try AccessPolicy.requireCaseworker(acting)
        guard let person = try await store.people.person(id, in: acting.organisationID) else {
            try await store.audit.append(
                audit(.personAccessRefused, acting, target: .person(id), detail: "Not a person of this organisation"))
            throw ServiceError.notFound
        }
        return person
    }

    func referral(_ id: ReferralID, _ acting: ActingUser) async throws -> ReferralWithPerson {
        try AccessPolicy.requireCaseworker(acting)
        guard let found = try await store.referrals.referral(id, in: acting.organisationID) else {
            try await store.audit.append(
                audit(
                    .personAccessRefused, acting, target: .referral(id), detail: "Not a referral of this organisation"))
            throw ServiceError.notFound
        }
        return found
    }

    /// An active link worker of the acting user's organisation, to assign work to.
    func linkWorker(_ id: UserID, _ acting: ActingUser) async throws -> User {
        guard let user = try await store.users.user(id, in: acting.organisationID), user.isActive,
            user.role == .linkWorker || user.role == .manager
        else { throw ServiceError.invalid(field: "assignTo", "Choose a link worker from the list") }
        return user
    }
}

extension ServiceError {
    /// A referral transition the domain refused, as a message for the form.
    static func transition(_ error: ReferralTransitionError, field: String? = nil) -> ServiceError {
        switch error {
        case .notAllowed:
            .conflict(
                "This referral has moved on since the page was loaded: \(error.message.lowercased()). The page now shows where it stands."
            )
        case .notPermitted:
            .forbidden
        default:
            .invalid(field: field ?? error.field, error.message)
        }
    }
}
