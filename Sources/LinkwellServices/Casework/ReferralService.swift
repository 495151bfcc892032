import Foundation
import LinkwellDomain
import LinkwellStore
import Logging

/// Referrals in, and their triage: the form, the inbox, accepting and
/// assigning, declining, redirecting, duplicates.
public struct ReferralService: Sendable {
    let context: CaseworkContext
    let logger: Logger

    init(context: CaseworkContext, store: Stores, logger: Logger) {
        self.context = context
        self.store = store
        self.logger = logger
    }

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let needs: any NeedStore
        let organisations: any OrganisationStore
        let people: any PersonStore
        let practices: any PracticeStore
        let rateLimits: any RateLimitStore
        let referrals: any ReferralStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            needs = all.needs
            organisations = all.organisations
            people = all.people
            practices = all.practices
            rateLimits = all.rateLimits
            referrals = all.referrals
            users = all.users
        }
    }

    let store: Stores

    /// What the referral form offers the acting user.
    public struct FormOptions: Sendable {
        public let needs: [Need]
        /// Where this user may refer to (their own organisation, for caseworkers).
        public let services: [Organisation]
        /// Practices of the receiving organisation, to say where a referral came from.
        public let practices: [Practice]
        /// The form, filled in with what is known about the referrer.
        public let prefilled: ReferralForm
    }

    public func formOptions(to organisation: OrganisationID?, _ acting: ActingUser) async throws -> FormOptions {
        try AccessPolicy.requireReferrer(acting)
        let services = try await receivingServices(acting)
        let target = organisation.flatMap { id in services.first { $0.id == id } } ?? services.first
        let practices = try await target.asyncMap { try await store.practices.practices(in: $0.id) } ?? []
        var form = ReferralForm()
        if acting.role == .referrer {
            let home = try await store.organisations.organisation(acting.organisationID)
            let practice = try await acting.user.practiceID.asyncMap {
                try await store.practices.practice($0, in: acting.organisationID)
            }
            form.referrerName = acting.user.name
            form.referrerOrganisation = practice?.name ?? home?.name ?? ""
            if let practice, practice.organisationID == target?.id { form.referrerPracticeID = practice.id.description }
        }
        form.urgency = Urgency.routine.rawValue
        return FormOptions(
            needs: try await store.needs.all().filter(\.isActive), services: services, practices: practices,
            prefilled: form)
    }

    /// Services that take referrals: for caseworkers, their own organisation
    /// (it must receive referrals); for referrers, every one that does.
    func receivingServices(_ acting: ActingUser) async throws -> [Organisation] {
        let all = try await store.organisations.all().filter(\.acceptsReferrals)
        if acting.role == .referrer { return all }
        return all.filter { $0.id == acting.organisationID }
    }

    /// A referral by a professional, to `organisation` (a referrer's choice;
    /// a caseworker's own organisation). Returns it with any possible duplicates.
    public func refer(_ form: ReferralForm, to organisation: OrganisationID?, _ acting: ActingUser) async throws
        -> ReferralWithPerson
    {
        try AccessPolicy.requireReferrer(acting)
        let services = try await receivingServices(acting)
        guard let target = services.first(where: { $0.id == (organisation ?? acting.organisationID) }) else {
            throw ServiceError.invalid(field: "organisationID", "Choose a social prescribing service to refer to")
        }
        let needs = try await store.needs.all()
        var referral = try validated { () throws(ValidationFailure) in
            try form.validate(source: .staff, needs: needs, today: context.today)
        }
        try await context.checkRegisteredPractice(referral.person, in: target.id)
        var chosenPractice: Practice?
        if let practice = referral.referrer.practiceID {
            guard let found = try await store.practices.practice(practice, in: target.id) else {
                throw ServiceError.invalid(field: "referrerPracticeID", "Choose a practice from the list")
            }
            chosenPractice = found
            if referral.referrer.organisation.isEmpty { referral.referrer.organisation = found.name }
        }
        if acting.role == .referrer {
            // The referrer of record is who is signed in, at their own practice:
            // anyone else the form names is "on behalf of", and shown so.
            referral.referringOrganisationID = acting.organisationID
            referral.referringPracticeID = acting.user.practiceID
            let home = try await store.organisations.organisation(acting.organisationID)
            let own = try await acting.user.practiceID.asyncMap {
                try await store.practices.practice($0, in: acting.organisationID)
            }
            referral.referrer = Referrer.ofRecord(
                typed: referral.referrer, name: acting.user.name, workplace: own?.name ?? home?.name ?? "",
                practiceID: own.flatMap { $0.organisationID == target.id ? $0.id : nil },
                typedPracticeName: chosenPractice?.name)
        }
        return try await create(referral, in: target.id, actor: context.actor(acting), acting: acting)
    }

    /// The organisation behind a public self-referral form, if it takes self-referrals.
    public func selfReferralService(_ id: OrganisationID) async throws -> Organisation? {
        guard let organisation = try await store.organisations.organisation(id), organisation.selfReferralEnabled else {
            return nil
        }
        return organisation
    }

    public enum SelfReferralOutcome: Sendable, Equatable {
        case received
        /// Too many from this address recently: ask them to phone instead.
        case tooMany
    }

    /// The public self-referral form. `honeypot` is a field people never see
    /// (bots fill it in): such submissions are thanked and dropped.
    public func selfRefer(
        _ form: ReferralForm, to organisation: OrganisationID, honeypot: String, clientAddress: String?,
        limit: (count: Int, window: TimeInterval) = (5, 3600)
    ) async throws -> SelfReferralOutcome {
        guard let target = try await store.organisations.organisation(organisation), target.selfReferralEnabled else {
            throw ServiceError.notFound
        }
        let key = "self-referral:" + (clientAddress ?? "unknown").sha256Hex
        let attempts = try await store.rateLimits.recordAttempt(
            key: key, at: context.now, since: context.now.addingTimeInterval(-limit.window))
        guard attempts <= limit.count else {
            logger.notice("self-referral rate limit reached", metadata: ["organisation": "\(organisation)"])
            return .tooMany
        }
        if !honeypot.isEmpty {
            logger.notice("self-referral honeypot filled; dropped", metadata: ["organisation": "\(organisation)"])
            return .received
        }
        let needs = try await store.needs.all()
        let referral = try validated { () throws(ValidationFailure) in
            try form.validate(source: .selfReferral, needs: needs, today: context.today)
        }
        try await context.checkRegisteredPractice(referral.person, in: target.id)
        _ = try await create(
            referral, in: target.id, actor: Actor(userID: nil, name: "\(referral.person.name) (self-referral)"),
            acting: nil,
            clientAddress: clientAddress)
        return .received
    }

    private func create(
        _ referral: NewReferral, in organisation: OrganisationID, actor: Actor, acting: ActingUser?,
        clientAddress: String? = nil
    ) async throws -> ReferralWithPerson {
        let duplicates = try await store.people.possibleDuplicates(
            of: referral.person, in: organisation, excluding: nil)
        let id = ReferralID()
        let audit = AuditEntry(
            occurredAt: context.now, organisationID: organisation, actorID: acting?.id,
            actorLabel: acting?.user.auditLabel ?? "self-referral form", action: .referralReceived,
            target: .referral(id),
            clientAddress: acting?.clientAddress ?? clientAddress,
            detail: "\(referral.source.label), \(referral.urgency.shortLabel.lowercased())"
                + (duplicates.isEmpty ? "" : "; may duplicate a known person (\(duplicates[0].1.rawValue))"))
        return try await ServiceError.mappingStoreErrors {
            try await store.referrals.create(
                id: id, personID: PersonID(), in: organisation, referral, possibleDuplicateOf: duplicates.first?.0.id,
                at: context.now, by: actor, audit: audit)
        }
    }

    /// One referral waiting in the inbox.
    public struct InboxItem: Sendable {
        public let referral: Referral
        public let person: Person
        public let daysWaiting: Int
        /// The known person it may duplicate, and why.
        public let possibleDuplicate: (person: Person, reason: DuplicateMatching.Reason)?
    }

    public func inbox(_ filter: InboxFilter, _ acting: ActingUser) async throws -> [InboxItem] {
        try AccessPolicy.requireCaseworker(acting)
        let today = context.today
        var items: [InboxItem] = []
        for entry in try await store.referrals.inbox(in: acting.organisationID, filter: filter) {
            var duplicate: (Person, DuplicateMatching.Reason)?
            if let other = entry.referral.possibleDuplicateOf,
                let known = try await store.people.person(other, in: acting.organisationID)
            {
                duplicate = DuplicateMatching.match(entry.person.details, known.details).map { (known, $0) }
            }
            items.append(
                InboxItem(
                    referral: entry.referral, person: entry.person,
                    daysWaiting: CalendarDate(entry.referral.receivedAt, in: context.timeZone).days(until: today),
                    possibleDuplicate: duplicate))
        }
        try await context.listed(
            "Inbox", people: items.flatMap { [$0.person.id] + ($0.possibleDuplicate.map { [$0.person.id] } ?? []) },
            acting)
        // Urgent first, then the longest waiting.
        return items.sorted { ($0.referral.urgency, $0.daysWaiting) > ($1.referral.urgency, $1.daysWaiting) }
    }

    /// How many referrals wait in the inbox: a number, no one's data.
    public func inboxCount(_ acting: ActingUser) async throws -> Int {
        try AccessPolicy.requireCaseworker(acting)
        return try await store.referrals.inbox(in: acting.organisationID, filter: InboxFilter()).count
    }

    /// Who referrals can be assigned to: the organisation's active link workers.
    public func linkWorkers(_ acting: ActingUser) async throws -> [User] {
        try AccessPolicy.requireCaseworker(acting)
        return try await store.users.users(in: acting.organisationID, role: .linkWorker)
    }

    /// Accepts a received referral into the service and gives it to a link worker.
    @discardableResult
    public func accept(_ id: ReferralID, assignTo worker: UserID, version: Int, _ acting: ActingUser) async throws
        -> Referral
    {
        let current = try await context.referral(id, acting).referral
        let assignee = try await context.linkWorker(worker, acting)
        return try await move(
            current, .accept(assignTo: assignee.id), version: version, acting,
            detail: "Accepted and assigned to user \(assignee.id)")
    }

    /// Gives an open referral to another link worker.
    @discardableResult
    public func reassign(_ id: ReferralID, to worker: UserID, version: Int, _ acting: ActingUser) async throws
        -> Referral
    {
        let current = try await context.referral(id, acting).referral
        // A referral in the inbox goes to someone by being accepted: that is
        // when it joins their caseload.
        guard current.status != .received else {
            throw ServiceError.invalid(field: "assignTo", "Accept the referral to give it to a link worker")
        }
        let assignee = try await context.linkWorker(worker, acting)
        return try await ServiceError.mappingStoreErrors {
            try await store.referrals.assign(
                current.id, in: acting.organisationID, to: assignee.id, expectedVersion: version, at: context.now,
                audit: context.audit(
                    .referralAssigned, acting, target: .referral(id), detail: "Assigned to user \(assignee.id)"))
        }
    }

    /// Declined (the person does not want it; SNOMED "social prescribing
    /// declined"), redirected to another service, or withdrawn.
    @discardableResult
    public func close(
        _ id: ReferralID, as status: ReferralStatus, reason: String, redirectedTo: String = "", version: Int,
        _ acting: ActingUser
    ) async throws -> Referral {
        let current = try await context.referral(id, acting).referral
        let move: ReferralMove
        switch status {
        case .declined: move = .decline(reason: reason)
        case .redirected: move = .redirect(to: redirectedTo, note: reason)
        case .withdrawn: move = .withdraw(reason: reason)
        default: throw ServiceError.forbidden
        }
        // The reason is the referral's own record; the audit says only what happened.
        return try await self.move(current, move, version: version, acting, detail: status.label)
    }

    /// Makes the move if the domain allows it, by this person, from where the
    /// referral stands; every field it sets is the domain's decision.
    func move(
        _ current: Referral, _ move: ReferralMove, field: String? = nil, version: Int, _ acting: ActingUser,
        detail: String
    ) async throws -> Referral {
        let transition: ReferralTransition
        do { transition = try current.transition(move, by: acting.role) } catch {
            throw ServiceError.transition(error, field: field)
        }
        return try await ServiceError.mappingStoreErrors {
            try await store.referrals.transition(
                current.id, in: acting.organisationID, transition, expectedVersion: version,
                at: context.now, by: context.actor(acting),
                audit: context.audit(
                    .referralStatusChanged, acting, target: .referral(current.id), detail: String(detail.prefix(300))))
        }
    }

    /// The referral is about a person already known: it joins their record.
    @discardableResult
    public func attachToKnownPerson(_ id: ReferralID, version: Int, _ acting: ActingUser) async throws -> Referral {
        let current = try await context.referral(id, acting).referral
        guard let known = current.possibleDuplicateOf else {
            throw ServiceError.conflict("This referral is not marked as a possible duplicate.")
        }
        return try await ServiceError.mappingStoreErrors {
            try await store.referrals.attach(
                id, in: acting.organisationID, to: known, expectedVersion: version, at: context.now,
                audit: context.audit(
                    .referralAttached, acting, target: .referral(id), detail: "Attached to person \(known)"))
        }
    }

    /// The possible duplicate is someone else: keep the new record.
    @discardableResult
    public func dismissDuplicate(_ id: ReferralID, version: Int, _ acting: ActingUser) async throws -> Referral {
        _ = try await context.referral(id, acting)
        return try await ServiceError.mappingStoreErrors {
            try await store.referrals.dismissDuplicate(
                id, in: acting.organisationID, expectedVersion: version, at: context.now,
                audit: context.audit(.duplicateDismissed, acting, target: .referral(id)))
        }
    }
}
