import Foundation
import LinkwellDomain
import LinkwellStore

/// Working with one person: their record, contacts, what matters, the plan,
/// discharge and the message back to their GP; and the link worker's caseload.
/// Every read of a person's record and every change is audited.
public struct CaseService: Sendable {
    let context: CaseworkContext
    let referrals: ReferralService

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore
        let casework: any CaseworkStore
        let connections: any ConnectionStore
        let needs: any NeedStore
        let organisations: any OrganisationStore
        let outcomes: any OutcomeStore
        let people: any PersonStore
        let referrals: any ReferralStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            audit = all.audit
            casework = all.casework
            connections = all.connections
            needs = all.needs
            organisations = all.organisations
            outcomes = all.outcomes
            people = all.people
            referrals = all.referrals
            users = all.users
        }
    }

    let store: Stores

    // MARK: A referral

    public struct ReferralView: Sendable {
        public let referral: Referral
        public let person: Person
        public let possibleDuplicate: (person: Person, reason: DuplicateMatching.Reason)?
        public let assignee: User?
    }

    /// A referral to triage or look at (a read of the person's record, and
    /// of the possible duplicate's, audited as one).
    public func referral(_ id: ReferralID, _ acting: ActingUser) async throws -> ReferralView {
        let view = try await loadReferral(id, acting)
        try await context.viewed(
            view.person.id, "Referral", also: view.possibleDuplicate.map { [$0.person.id] } ?? [], acting)
        return view
    }

    private func loadReferral(_ id: ReferralID, _ acting: ActingUser) async throws -> ReferralView {
        let found = try await context.referral(id, acting)
        var duplicate: (Person, DuplicateMatching.Reason)?
        if let other = found.referral.possibleDuplicateOf,
            let known = try await store.people.person(other, in: acting.organisationID)
        {
            duplicate = DuplicateMatching.match(found.person.details, known.details).map { (known, $0) }
        }
        let assignee = try await found.referral.assignedTo.asyncMap {
            try await store.users.user($0, in: acting.organisationID)
        }
        return ReferralView(
            referral: found.referral, person: found.person, possibleDuplicate: duplicate, assignee: assignee)
    }

    /// What the contact form needs: the referral and, for the first
    /// conversation, what matters to the person so far. One view, audited once.
    public struct ContactFormView: Sendable {
        public let view: ReferralView
        public let isFirst: Bool
        public let whatMatters: WhatMatters
        public let whatMattersVersion: Int
        public let needs: [Need]
    }

    public func contactForm(on id: ReferralID, _ acting: ActingUser) async throws -> ContactFormView {
        let view = try await loadReferral(id, acting)
        let isFirst = view.referral.status == .accepted
        var matters = (WhatMatters(), 0)
        if isFirst { matters = try await store.casework.whatMatters(of: view.person.id, in: acting.organisationID) }
        try await context.viewed(
            view.person.id, isFirst ? "First conversation" : "Contact",
            also: view.possibleDuplicate.map { [$0.person.id] } ?? [], acting)
        return ContactFormView(
            view: view, isFirst: isFirst, whatMatters: matters.0, whatMattersVersion: matters.1,
            needs: try await store.needs.all())
    }

    // MARK: The person's record

    /// Something that happened, for the person's timeline.
    public struct TimelineEntry: Sendable {
        public enum Kind: String, Sendable { case contact, status, plan, connection }
        public let kind: Kind
        public let at: Date
        public let title: String
        public let detail: String
        public let by: String
    }

    public struct PersonRecord: Sendable {
        public let person: Person
        /// Newest first.
        public let referrals: [Referral]
        /// The open referral, or else the most recent.
        public let current: Referral?
        public let whatMatters: WhatMatters
        public let whatMattersVersion: Int
        public let plan: (plan: Plan, version: Int)?
        public let contacts: [Contact]
        public let timeline: [TimelineEntry]
        /// Names of the users referrals are assigned to.
        public let workerNames: [UserID: String]
        public let needs: [Need]
        /// The name of their registered GP practice, when it is recorded.
        public let registeredPracticeName: String?
    }

    public func record(of id: PersonID, _ acting: ActingUser) async throws -> PersonRecord {
        let person = try await context.person(id, acting)
        let organisation = acting.organisationID
        async let referralList = store.referrals.referrals(of: id, in: organisation)
        async let matters = store.casework.whatMatters(of: id, in: organisation)
        async let contactList = store.casework.contacts(of: id, in: organisation)
        async let needs = store.needs.all()
        let all = try await referralList
        let current = all.first { $0.status.isOpen } ?? all.first
        let plan = try await current.asyncMap { try await store.casework.plan(of: $0.id, in: organisation) }
        let contacts = try await contactList

        var timeline: [TimelineEntry] = contacts.map { contact in
            TimelineEntry(
                kind: .contact, at: contact.recordedAt,
                title: "\(contact.mode.label), \(contact.durationMinutes) minutes, \(contact.occurredOn.longText)",
                detail: contact.note, by: contact.recordedByName)
        }
        for referral in all {
            for change in try await store.referrals.statusHistory(of: referral.id, in: organisation) {
                timeline.append(
                    TimelineEntry(
                        kind: .status, at: change.occurredAt,
                        title: change.to == .received
                            ? "Referral received" : "Referral \(change.to.label.lowercased())",
                        detail: change.reason, by: change.actorName))
            }
            for version in try await store.casework.planVersions(of: referral.id, in: organisation) {
                timeline.append(
                    TimelineEntry(
                        kind: .plan, at: version.savedAt, title: "Plan saved (version \(version.version))",
                        detail: version.summary, by: version.savedByName))
            }
        }
        for connection in try await store.connections.connections(of: id, in: organisation) {
            for change in try await store.connections.history(of: connection.id, in: organisation) {
                let title: String =
                    switch change.to {
                    case .suggested: "\(connection.service.name) suggested"
                    case .referred: "\(connection.kind.label) to \(connection.service.name)"
                    default: "\(connection.service.name): \(change.to.label.lowercased())"
                    }
                timeline.append(
                    TimelineEntry(
                        kind: .connection, at: change.occurredAt, title: title, detail: change.reason,
                        by: change.actorName))
            }
        }
        timeline.sort { $0.at > $1.at }

        var names: [UserID: String] = [:]
        for assignee in Set(all.compactMap(\.assignedTo)) {
            names[assignee] = try await store.users.user(assignee, in: organisation)?.name
        }
        try await context.viewed(id, "Record", acting)
        let (whatMatters, version) = try await matters
        return PersonRecord(
            person: person, referrals: all, current: current, whatMatters: whatMatters, whatMattersVersion: version,
            plan: plan, contacts: contacts, timeline: timeline, workerNames: names, needs: try await needs,
            registeredPracticeName: try await person.details.registeredPractice.asyncMap { code in
                try await context.store.practices.practices(in: organisation).first { $0.odsCode == code }?.name
            } ?? nil)
    }

    @discardableResult
    public func updateDetails(of id: PersonID, _ form: PersonForm, version: Int, _ acting: ActingUser) async throws
        -> Person
    {
        _ = try await context.person(id, acting)
        let details = try validated { () throws(ValidationFailure) in try form.validate(today: context.today) }
        try await context.checkRegisteredPractice(details, in: acting.organisationID)
        return try await ServiceError.mappingStoreErrors {
            try await store.people.update(
                id, in: acting.organisationID, expectedVersion: version, details: details, at: context.now,
                audit: context.audit(.personUpdated, acting, target: .person(id)))
        }
    }

    // MARK: Contacts and what matters

    /// Records a contact; with `whatMatters`, the first conversation, saved
    /// together in one transaction. The first contact makes the referral active.
    @discardableResult
    public func recordContact(
        on referral: ReferralID, _ form: ContactForm, whatMatters: (form: WhatMattersForm, version: Int)? = nil,
        _ acting: ActingUser
    ) async throws -> Contact {
        let current = try await context.referral(referral, acting).referral
        let needs = try await store.needs.all()
        var failures: [FieldError] = []
        var contact: NewContact?
        do { contact = try form.validate(today: context.today) } catch { failures += error.errors }
        var matters: WhatMatters?
        if let whatMatters {
            do { matters = try whatMatters.form.validate(needs: needs) } catch { failures += error.errors }
        }
        if !failures.isEmpty { throw ServiceError.invalid(ValidationFailure(failures)) }
        guard current.status.isOnCaseload else {
            throw ServiceError.conflict(
                "Contacts can only be recorded while the referral is accepted or active; it is \(current.status.label.lowercased())."
            )
        }
        // The first contact starts the work: the referral becomes active with it.
        var startingCase: ReferralTransition?
        if current.status == .accepted {
            do { startingCase = try current.transition(.firstContact, by: acting.role) } catch {
                throw ServiceError.transition(error)
            }
        }
        let detail =
            "\(contact!.mode.label), \(contact!.durationMinutes) minutes"
            + (matters == nil ? "" : ", with what matters")
        return try await ServiceError.mappingStoreErrors {
            try await store.casework.recordContact(
                id: ContactID(), on: referral, in: acting.organisationID, contact!, startingCase: startingCase,
                whatMatters: matters.map { ($0, whatMatters!.version) }, at: context.now, by: context.actor(acting),
                audit: context.audit(.contactRecorded, acting, target: .person(current.personID), detail: detail))
        }
    }

    @discardableResult
    public func saveWhatMatters(of id: PersonID, _ form: WhatMattersForm, version: Int, _ acting: ActingUser)
        async throws -> Int
    {
        _ = try await context.person(id, acting)
        let needs = try await store.needs.all()
        let value = try validated { () throws(ValidationFailure) in try form.validate(needs: needs) }
        return try await ServiceError.mappingStoreErrors {
            try await store.casework.saveWhatMatters(
                of: id, in: acting.organisationID, value, expectedVersion: version, at: context.now,
                by: context.actor(acting),
                audit: context.audit(.whatMattersUpdated, acting, target: .person(id)))
        }
    }

    // MARK: The plan

    public struct PlanView: Sendable {
        public let referral: Referral
        public let person: Person
        public let plan: Plan?
        public let version: Int
    }

    /// The plan to edit or print (printing is a read of the record, audited).
    public func plan(of referral: ReferralID, forPrinting: Bool = false, _ acting: ActingUser) async throws -> PlanView
    {
        let view = try await loadPlan(referral, acting)
        try await store.audit.append(
            context.audit(
                .planViewed, acting, target: .person(view.person.id), detail: forPrinting ? "Printable plan" : "Plan"))
        return view
    }

    private func loadPlan(_ referral: ReferralID, _ acting: ActingUser) async throws -> PlanView {
        let found = try await context.referral(referral, acting)
        let current = try await store.casework.plan(of: referral, in: acting.organisationID)
        return PlanView(
            referral: found.referral, person: found.person, plan: current?.plan, version: current?.version ?? 0)
    }

    /// A plan saved: its new version, and whose it is (for going back to them).
    public struct PlanSaved: Sendable {
        public let version: Int
        public let personID: PersonID
    }

    /// Saves the plan. A write, audited as one: it is not also a view.
    @discardableResult
    public func savePlan(of referral: ReferralID, _ form: PlanForm, version: Int, _ acting: ActingUser) async throws
        -> PlanSaved
    {
        let found = try await context.referral(referral, acting)
        guard found.referral.status.isOpen else {
            throw ServiceError.conflict(
                "The plan can only be changed while the referral is open; it is \(found.referral.status.label.lowercased())."
            )
        }
        let plan = try validated { () throws(ValidationFailure) in try form.validate(today: context.today) }
        let previous = try await store.casework.plan(of: referral, in: acting.organisationID)?.plan
        let summary = plan.describeChanges(from: previous)
        let saved = try await ServiceError.mappingStoreErrors {
            try await store.casework.savePlan(
                of: referral, in: acting.organisationID, plan, summary: summary, expectedVersion: version,
                at: context.now,
                by: context.actor(acting),
                audit: context.audit(.planSaved, acting, target: .person(found.person.id), detail: summary))
        }
        return PlanSaved(version: saved, personID: found.person.id)
    }

    public func planHistory(of referral: ReferralID, _ acting: ActingUser) async throws -> (PlanView, [PlanVersion]) {
        let view = try await loadPlan(referral, acting)
        let versions = try await store.casework.planVersions(of: referral, in: acting.organisationID)
        try await store.audit.append(
            context.audit(.planViewed, acting, target: .person(view.person.id), detail: "Plan history"))
        return (view, versions)
    }

    // MARK: Discharge

    @discardableResult
    public func discharge(_ referral: ReferralID, _ form: DischargeForm, version: Int, _ acting: ActingUser)
        async throws -> Referral
    {
        let current = try await context.referral(referral, acting).referral
        let (reason, summary) = try validated { () throws(ValidationFailure) in try form.validate() }
        return try await referrals.move(
            current, .discharge(reason, summary: summary), field: "summary", version: version, acting,
            detail: "Discharged: \(reason.label)")
    }

    /// The "message back to the GP and referrer": what mattered, the support
    /// offered, and the outcomes, for a discharged referral.
    public struct DischargeLetter: Sendable {
        public let person: Person
        public let referral: Referral
        public let needs: [(need: String, importance: WhatMatters.Importance, ownWords: String)]
        public let contactCount: Int
        public let contactMinutes: Int
        public let firstContact: CalendarDate?
        public let lastContact: CalendarDate?
        public let plan: Plan?
        public let linkWorker: String?
        public let organisation: String
    }

    public func dischargeLetter(_ referral: ReferralID, _ acting: ActingUser) async throws -> DischargeLetter {
        let found = try await context.referral(referral, acting)
        guard found.referral.status == .discharged else { throw ServiceError.notFound }
        let organisation = acting.organisationID
        let contacts = try await store.casework.contacts(of: found.person.id, in: organisation).filter {
            $0.referralID == referral
        }
        let labels = Dictionary(uniqueKeysWithValues: try await store.needs.all().map { ($0.code, $0.label) })
        let matters = try await store.casework.whatMatters(of: found.person.id, in: organisation).value
        let plan = try await store.casework.plan(of: referral, in: organisation)?.plan
        let worker = try await found.referral.assignedTo.asyncMap {
            try await store.users.user($0, in: organisation)?.name
        }
        let home = try await store.organisations.organisation(organisation)
        try await store.audit.append(context.audit(.dischargeLetterViewed, acting, target: .person(found.person.id)))
        return DischargeLetter(
            person: found.person, referral: found.referral,
            needs: matters.needs.sorted { $0.importance > $1.importance }.map {
                (labels[$0.need] ?? $0.need, $0.importance, $0.ownWords)
            },
            contactCount: contacts.count, contactMinutes: contacts.reduce(0) { $0 + $1.durationMinutes },
            firstContact: contacts.map(\.occurredOn).min(), lastContact: contacts.map(\.occurredOn).max(), plan: plan,
            linkWorker: worker, organisation: home?.name ?? "")
    }

    /// The name of a user of the acting user's organisation (for "your link worker").
    public func userName(_ id: UserID, _ acting: ActingUser) async throws -> String? {
        try await store.users.user(id, in: acting.organisationID)?.name
    }

    // MARK: The caseload

    public struct CaseloadEntry: Sendable {
        public let row: CaseloadRow
        public let nextAction: NextAction
        public let daysSinceReferral: Int
        /// Negative when overdue.
        public let daysUntilDue: Int
        /// The next outcome measure (`OutcomeSchedule`).
        public let outcomeDue: OutcomeSchedule.Due?
    }

    /// The link worker's open referrals, what is due today or overdue first:
    /// a list of people, audited as one view of them all.
    public func caseload(of worker: UserID? = nil, _ acting: ActingUser) async throws -> [CaseloadEntry] {
        let entries = try await caseloadEntries(of: worker, acting)
        try await context.listed(
            worker == nil ? "Caseload" : "A link worker's caseload", people: entries.map(\.row.person.id), acting)
        return entries
    }

    /// How many a worker has, and how many are overdue: for the manager's
    /// team table, which shows no one's name, so reads no one's record.
    public func caseloadCounts(of worker: UserID, _ acting: ActingUser) async throws -> (total: Int, overdue: Int) {
        let entries = try await caseloadEntries(of: worker, acting)
        return (entries.count, entries.filter { $0.daysUntilDue < 0 }.count)
    }

    private func caseloadEntries(of worker: UserID?, _ acting: ActingUser) async throws -> [CaseloadEntry] {
        try AccessPolicy.requireCaseworker(acting)
        let whose = worker ?? acting.id
        if whose != acting.id { try AccessPolicy.requireManager(acting) }
        let today = context.today
        let rows = try await store.referrals.caseload(of: whose, in: acting.organisationID)
        let measured = try await store.outcomes.measurementDays(of: rows.map(\.referral.id), in: acting.organisationID)
        let weeks =
            try await store.organisations.organisation(acting.organisationID)?.outcomeFollowUpWeeks
            ?? OutcomeSchedule.defaultFollowUpWeeks
        return rows.map { row in
            let received = CalendarDate(row.referral.receivedAt, in: context.timeZone)
            let action = NextAction.compute(
                urgency: row.referral.urgency, receivedOn: received, firstContact: row.firstContact,
                lastContact: row.lastContact, plan: row.plan)
            return CaseloadEntry(
                row: row, nextAction: action, daysSinceReferral: received.days(until: today),
                daysUntilDue: today.days(until: action.due),
                outcomeDue: OutcomeSchedule.due(
                    firstContact: row.firstContact, latestMeasure: measured[row.referral.id]?.latest,
                    followUpWeeks: weeks))
        }.sorted { ($0.nextAction.due, $0.row.person.name) < ($1.nextAction.due, $1.row.person.name) }
    }
}
