import Foundation
import LinkwellDomain
import LinkwellStore
import Logging

/// Connecting people to community services and closing the loop: the link
/// worker's side (connect, follow up, record what happened) and the
/// provider's (see what was sent to them, answer, record attendance).
///
/// Access: link workers and managers act on their own organisation's
/// connections; a provider's users only on what was sent to their
/// organisation, through `SharedDetails` and never the person's record.
/// Every read by a provider and every change is audited against the
/// organisation whose person it is.
public struct ConnectionService: Sendable {
    let context: CaseworkContext
    let wording: ConnectionMessages
    let outcomes: OutcomeService

    init(context: CaseworkContext, store: Stores, publicAddress: String, outcomes: OutcomeService) {
        self.context = context
        self.store = store
        wording = ConnectionMessages(address: publicAddress, timeZone: context.timeZone)
        self.outcomes = outcomes
    }

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore
        let casework: any CaseworkStore
        let connections: any ConnectionStore
        let directory: any DirectoryStore
        let messages: any MessageStore
        let needs: any NeedStore
        let organisations: any OrganisationStore
        let people: any PersonStore
        let referrals: any ReferralStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            audit = all.audit
            casework = all.casework
            connections = all.connections
            directory = all.directory
            messages = all.messages
            needs = all.needs
            organisations = all.organisations
            people = all.people
            referrals = all.referrals
            users = all.users
        }
    }

    let store: Stores

    // MARK: - The link worker's side

    /// What the connect form needs: who, to what, through which episode.
    public struct Draft: Sendable {
        public let person: Person
        public let referral: Referral
        public let entry: DirectoryEntry
        /// The organisation that answers for the service on Linkwell, if any.
        public let provider: Organisation?
        public let statistics: ProviderStatistics
        /// Whether a formal referral can be made (the provider is on Linkwell).
        public var canRefer: Bool { provider != nil }
    }

    public func draft(for personID: PersonID, service serviceID: String, _ acting: ActingUser) async throws -> Draft {
        let person = try await context.person(personID, acting)
        guard let entry = try await store.directory.entry(id: serviceID) else { throw ServiceError.notFound }
        let referrals = try await store.referrals.referrals(of: personID, in: acting.organisationID)
        guard let referral = referrals.first(where: { $0.status == .accepted || $0.status == .active }) else {
            throw ServiceError.conflict(
                "\(person.name) has no open referral: accept their referral first, or make a new one, and connect them from there."
            )
        }
        let provider = try await entry.maintainedBy.asyncMap { try await store.organisations.organisation($0) } ?? nil
        let outcomes = try await store.connections.outcomes(of: [serviceID])
        try await context.viewed(personID, "Connect", acting)
        return Draft(
            person: person, referral: referral, entry: entry, provider: provider,
            statistics: ProviderStatistics(outcomes[serviceID] ?? []))
    }

    /// Makes the connection: sent now (`send`), or kept as a suggestion to
    /// talk through first. Tells the provider (by email, never who it is)
    /// and the person (by text, if that is how they like to be contacted).
    @discardableResult
    public func connect(
        _ personID: PersonID, to serviceID: String, _ form: ConnectionRequestForm, send: Bool, _ acting: ActingUser
    ) async throws -> Connection {
        let draft = try await draft(for: personID, service: serviceID, acting)
        let valid: (kind: ConnectionKind, shared: [SharedItem], note: String)
        do { valid = try form.validate() } catch { throw ServiceError.invalid(error) }
        if valid.kind == .formalReferral, draft.provider == nil {
            throw ServiceError.invalid(
                field: "kind",
                "\(draft.entry.service.name) does not answer referrals on Linkwell: make a warm introduction, or signpost, and follow it up yourself"
            )
        }
        let (matters, _) = try await store.casework.whatMatters(of: personID, in: acting.organisationID)
        let labels = try await needLabels()
        let organisation = try await store.organisations.organisation(acting.organisationID)
        let service = ConnectedService(
            id: serviceID, name: draft.entry.service.name, providerID: draft.provider?.id,
            providerName: draft.provider?.name ?? draft.entry.service.organization?.name ?? "")
        let new = NewConnection(
            service: service, kind: valid.kind, sharedItems: valid.shared,
            shared: SharedDetails(valid.shared, of: draft.person, whatMatters: matters, needLabels: labels),
            note: valid.note,
            status: send ? .referred : .suggested,
            responseDays: organisation?.connectionResponseDays ?? ConnectionDeadline.defaultDays)
        let id = ConnectionID()
        var messages: [Message] = []
        if send {
            messages += try await providerMessages(for: new, id: id, from: organisation?.name ?? "A link worker")
            messages += wording.toPerson(
                draft.person, connectedTo: draft.entry.service, by: acting.user.name, kind: valid.kind)
        }
        let audit = context.audit(
            .connectionMade, acting, target: .connection(id),
            detail:
                "\(valid.kind.label)\(send ? "" : " (suggested)"); shares \(valid.shared.isEmpty ? "nothing" : valid.shared.map(\.rawValue).joined(separator: ", "))"
        )
        return try await Self.mapping {
            try await store.connections.create(
                id: id, on: draft.referral.id, in: acting.organisationID, new, at: context.now,
                by: context.actor(acting),
                messages: messages, audit: audit)
        }
    }

    /// The emails that tell a provider on Linkwell something was sent to it.
    func providerMessages(for connection: NewConnection, id: ConnectionID, from organisation: String) async throws
        -> [Message]
    {
        guard connection.kind.sharesData, let provider = connection.service.providerID else { return [] }
        return try await store.users.users(in: provider, role: .provider).filter(\.isActive).map { user in
            wording.toProvider(
                user, kind: connection.kind, service: connection.service.name, from: organisation, id: id)
        }
    }

    /// A connection with its history, for the person's page.
    public struct Followed: Sendable {
        public let connection: Connection
        public let history: [ConnectionStatusChange]
    }

    public func connections(of personID: PersonID, _ acting: ActingUser) async throws -> [Followed] {
        _ = try await context.person(personID, acting)
        var followed: [Followed] = []
        for connection in try await store.connections.connections(of: personID, in: acting.organisationID) {
            followed.append(
                Followed(
                    connection: connection,
                    history: try await store.connections.history(of: connection.id, in: acting.organisationID)))
        }
        return followed
    }

    public func connection(_ id: ConnectionID, _ acting: ActingUser) async throws -> Followed {
        try AccessPolicy.requireCaseworker(acting)
        guard let connection = try await store.connections.connection(id, in: acting.organisationID) else {
            try await store.audit.append(
                context.audit(
                    .connectionAccessRefused, acting, target: .connection(id),
                    detail: "Not a connection of this organisation"))
            throw ServiceError.notFound
        }
        return Followed(
            connection: connection, history: try await store.connections.history(of: id, in: acting.organisationID))
    }

    /// A link worker moves a connection on: sends a suggestion, records what
    /// a provider not on Linkwell said, records attendance, or cancels.
    @discardableResult
    public func move(
        _ id: ConnectionID, to status: ConnectionStatus, reason: String = "", version: Int, _ acting: ActingUser
    ) async throws -> Connection {
        let current = try await connection(id, acting).connection
        let transition = try Self.transition(current, to: status, by: .linkWorker, reason: reason)
        guard current.moves(by: .linkWorker).contains(status) else {
            throw ServiceError.conflict(
                "\(current.service.providerName) answers this referral on Linkwell. You can cancel it if it is no longer wanted."
            )
        }
        var messages: [Message] = []
        if transition.from == .suggested, transition.to == .referred {
            // Sending a suggestion is connecting: the same checks and messages.
            guard let referral = try await store.referrals.referral(current.referralID, in: acting.organisationID),
                referral.referral.status.isOpen
            else {
                throw ServiceError.conflict(
                    "The referral this belongs to has closed, so nothing more can be sent from it.")
            }
            let organisation = try await store.organisations.organisation(acting.organisationID)
            let new = NewConnection(
                service: current.service, kind: current.kind, sharedItems: [], shared: current.shared,
                note: current.note,
                status: .referred, responseDays: current.responseDays)
            messages += try await providerMessages(
                for: new, id: current.id, from: organisation?.name ?? "A link worker")
            if let entry = try await store.directory.entry(id: current.service.id) {
                messages += wording.toPerson(
                    referral.person, connectedTo: entry.service, by: acting.user.name, kind: current.kind)
            }
        }
        return try await Self.mapping {
            try await store.connections.transition(
                id, in: acting.organisationID, transition, expectedVersion: version, at: context.now,
                by: ConnectionMover(kind: .linkWorker, userID: acting.id, name: acting.user.name), messages: messages,
                audit: context.audit(
                    .connectionStatusChanged, acting, target: .connection(id),
                    detail: status.label))
        }
    }

    // MARK: - The provider's side

    /// What was sent to the acting provider, waiting first, and how many
    /// wait. Listing shows names where they were shared, so it is audited:
    /// one event naming everyone listed.
    public func sentToProvider(_ acting: ActingUser, page: PageRequest = PageRequest()) async throws
        -> (page: Page<Connection>, waiting: Int)
    {
        try AccessPolicy.requireProvider(acting)
        let listed = try await store.connections.connections(sentTo: acting.organisationID, page: page)
        let waiting = try await store.connections.awaitingAnswer(sentTo: acting.organisationID)
        try await context.listed(
            "Referrals to the provider", people: listed.items.map(\.personID),
            concerns: listed.items.map(\.organisationID), acting)
        return (listed, waiting)
    }

    /// One connection sent to the acting provider, with what was shared.
    /// Reading it is audited (for the person's organisation to see).
    public func providerView(_ id: ConnectionID, _ acting: ActingUser) async throws -> Connection {
        try AccessPolicy.requireProvider(acting)
        guard let connection = try await store.connections.connection(id, sentTo: acting.organisationID) else {
            try await store.audit.append(
                context.audit(
                    .connectionAccessRefused, acting, target: .connection(id), detail: "Not sent to this organisation"))
            throw ServiceError.notFound
        }
        try await store.audit.append(
            AuditEntry(
                occurredAt: context.now, organisationID: connection.organisationID, actorID: acting.id,
                actorLabel: acting.user.auditLabel, action: .connectionViewed, target: .connection(id),
                clientAddress: acting.clientAddress, detail: "By the provider"))
        return connection
    }

    /// The provider answers (accepts or declines, with a reason) or records
    /// attendance. The link worker is told in the app; the person by text,
    /// when accepted, if that is how they like to be contacted.
    @discardableResult
    public func answer(
        _ id: ConnectionID, with status: ConnectionStatus, reason: String = "", version: Int, _ acting: ActingUser
    ) async throws -> Connection {
        try AccessPolicy.requireProvider(acting)
        guard let current = try await store.connections.connection(id, sentTo: acting.organisationID) else {
            try await store.audit.append(
                context.audit(
                    .connectionAccessRefused, acting, target: .connection(id), detail: "Not sent to this organisation"))
            throw ServiceError.notFound
        }
        let transition = try Self.transition(current, to: status, by: .provider, reason: reason)
        let provider = try await store.organisations.organisation(acting.organisationID)
        var messages = try await workerNotices(
            current,
            text: wording.answered(
                current, status: status, by: "\(acting.user.name) at \(provider?.name ?? current.service.providerName)",
                reason: transition.reason))
        if status == .accepted, let person = try await store.people.person(current.personID, in: current.organisationID)
        {
            messages += wording.acceptedToPerson(person, service: current.service.name)
        }
        return try await Self.mapping {
            try await store.connections.transition(
                id, in: current.organisationID, transition, expectedVersion: version, at: context.now,
                by: ConnectionMover(kind: .provider, userID: acting.id, name: acting.user.name), messages: messages,
                audit: AuditEntry(
                    occurredAt: context.now, organisationID: current.organisationID, actorID: acting.id,
                    actorLabel: acting.user.auditLabel, action: .connectionStatusChanged, target: .connection(id),
                    clientAddress: acting.clientAddress,
                    detail: "\(status.label) by the provider"))
        }
    }

    // MARK: - Shared

    /// Notices for the link worker who has the person now (the referral's
    /// assignee) and the one who made the connection, if another, led by
    /// the person's name (the notices are their own organisation's).
    func workerNotices(_ connection: Connection, text: String) async throws -> [Message] {
        let found = try await store.referrals.referral(connection.referralID, in: connection.organisationID)
        let href = "/people/\(connection.personID)#connection-\(connection.id)"
        let users = [found?.referral.assignedTo, connection.createdBy].compactMap { $0 }
        let said = found.map { "\($0.person.name): \(text)" } ?? text
        return users.reduce(into: [UserID]()) { if !$0.contains($1) { $0.append($1) } }.map {
            .notice(to: $0, text: said, href: href)
        }
    }

    func needLabels() async throws -> [String: String] {
        Dictionary(try await store.needs.all().map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    static func transition(
        _ connection: Connection, to status: ConnectionStatus, by actor: ConnectionActor, reason: String
    ) throws -> ConnectionTransition {
        do {
            return try connection.status.transition(to: status, by: actor, reason: reason)
        } catch {
            switch error {
            case .notAllowed:
                throw ServiceError.conflict(
                    "This connection has moved on since the page was loaded: \(error.message.lowercased()). The page now shows where it stands."
                )
            case .notYours: throw ServiceError.forbidden
            default: throw ServiceError.invalid(field: "reason", error.message)
            }
        }
    }

    /// The store's errors in a connection's words: its own two cases first,
    /// the rest as everywhere else.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        try await ServiceError.mappingStoreErrors {
            do {
                return try await body()
            } catch StoreError.invalidReference(field: "status") {
                throw ServiceError.conflict(
                    "This connection has moved on since the page was loaded (someone else may have answered it). The page now shows where it stands."
                )
            } catch StoreError.invalidReference(field: "referral") {
                throw ServiceError.conflict(
                    "The referral this belongs to has closed, so nothing more can be connected to it.")
            }
        }
    }
}

extension ConnectionService {
    /// The acting user's notices, newest first; they count as read once listed.
    public func notices(_ acting: ActingUser, limit: Int = 100) async throws -> [Notice] {
        let notices = try await store.messages.notices(for: acting.id, limit: limit)
        // A notice about someone is led by their name and links to them.
        let people = notices.compactMap { notice -> PersonID? in
            guard notice.href.hasPrefix("/people/") else { return nil }
            return PersonID(notice.href.dropFirst("/people/".count).prefix { $0 != "#" && $0 != "/" && $0 != "?" })
        }
        try await context.listed("Notices", people: people, acting)
        // Only what was listed: a notice written since is still new next time.
        if let newest = notices.first?.createdAt {
            try await store.messages.markNoticesRead(for: acting.id, upTo: newest, at: context.now)
        }
        return notices
    }

    public func unreadNotices(_ acting: ActingUser) async throws -> Int {
        try await store.messages.unreadNoticeCount(for: acting.id)
    }
}

extension ConnectionService {
    /// A referral as its referrer sees it, with the outcome summary once discharged.
    public struct MadeReferral: Sendable {
        public let progress: ReferralProgress
        /// Scores' change in words (never answers or notes).
        public let outcomes: [String]
    }

    /// The referrer's view: referrals their organisation made and where each
    /// stands, with the discharge message and outcome summary; never notes,
    /// plans or contacts.
    public func referralsMade(_ acting: ActingUser, page: PageRequest = PageRequest()) async throws -> Page<
        MadeReferral
    > {
        guard acting.role == .referrer, acting.user.isActive else { throw ServiceError.forbidden }
        let made = try await store.connections.referralsMade(
            by: acting.organisationID, practice: acting.user.practiceID, page: page)
        var items: [MadeReferral] = []
        for progress in made.items {
            let outcomes =
                progress.status == .discharged
                ? try await self.outcomes.summary(
                    of: progress.referralID, person: progress.personID, in: progress.organisationID) : []
            items.append(MadeReferral(progress: progress, outcomes: outcomes))
        }
        try await context.listed(
            "Referrals made", people: made.items.map(\.personID), concerns: made.items.map(\.organisationID), acting)
        return Page(items: items, request: made.request, totalItems: made.totalItems)
    }
}

extension ConnectionService {
    /// "Usually replies in 3 days · 94% accepted" for each of `services`
    /// (directory IDs) with enough answered referrals to say.
    public func statistics(of services: [String]) async throws -> [String: String] {
        try await store.connections.outcomes(of: services).compactMapValues { ProviderStatistics($0).summary }
    }

    /// The person a link worker is finding a service for (checked like any
    /// read of their record).
    public func personToConnect(_ id: PersonID, _ acting: ActingUser) async throws -> Person {
        let person = try await context.person(id, acting)
        try await context.viewed(id, "Finding a service", acting)
        return person
    }
}
