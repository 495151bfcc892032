import Foundation
import LinkwellDomain

/// Who did something, as the record will show it: the user and their name
/// at the time (nil user for the public self-referral form).
public struct Actor: Sendable, Equatable {
    public let userID: UserID?
    public let name: String

    public init(userID: UserID?, name: String) {
        self.userID = userID
        self.name = name
    }
}

/// The needs list, shared by the deployment.
public protocol NeedStore: Sendable {
    /// In list order, inactive ones included.
    func all() async throws -> [Need]

    /// Adds the need, or changes the label, order and activity of the one with its code.
    func save(_ need: Need, audit: AuditEntry) async throws
}

/// People: the demographics of those referred, one record per person per organisation.
public protocol PersonStore: Sendable {
    func person(_ id: PersonID, in organisation: OrganisationID) async throws -> Person?

    /// Throws `notFound` or `versionConflict`.
    @discardableResult
    func update(
        _ id: PersonID, in organisation: OrganisationID, expectedVersion: Int, details: PersonDetails, at time: Date,
        audit: AuditEntry
    ) async throws -> Person

    /// People of the organisation who may be the person `details` describe
    /// (see `DuplicateMatching`), except `excluding`.
    func possibleDuplicates(of details: PersonDetails, in organisation: OrganisationID, excluding: PersonID?)
        async throws
        -> [(Person, DuplicateMatching.Reason)]
}

/// What the inbox can be narrowed to.
public struct InboxFilter: Sendable, Equatable {
    public var practiceID: PracticeID?
    public var reason: String?
    public var urgency: Urgency?

    public init(practiceID: PracticeID? = nil, reason: String? = nil, urgency: Urgency? = nil) {
        self.practiceID = practiceID
        self.reason = reason
        self.urgency = urgency
    }
}

/// A referral with the person it is about.
public struct ReferralWithPerson: Sendable {
    public let referral: Referral
    public let person: Person

    public init(referral: Referral, person: Person) {
        self.referral = referral
        self.person = person
    }
}

/// One open referral on a link worker's caseload, with what the next action
/// is computed from.
public struct CaseloadRow: Sendable {
    public let referral: Referral
    public let person: Person
    public let firstContact: CalendarDate?
    public let lastContact: CalendarDate?
    public let plan: Plan?

    public init(
        referral: Referral, person: Person, firstContact: CalendarDate?, lastContact: CalendarDate?, plan: Plan?
    ) {
        self.referral = referral
        self.person = person
        self.firstContact = firstContact
        self.lastContact = lastContact
        self.plan = plan
    }
}

/// What a status change writes besides the status.
/// Referrals and their status changes.
public protocol ReferralStore: Sendable {
    /// Records a new referral and the person it is about (a new person record),
    /// with its reasons and its first status change (to received), in one
    /// transaction. `possibleDuplicateOf` flags a person it may duplicate.
    @discardableResult
    func create(
        id: ReferralID, personID: PersonID, in organisation: OrganisationID, _ referral: NewReferral,
        possibleDuplicateOf: PersonID?, at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> ReferralWithPerson

    func referral(_ id: ReferralID, in organisation: OrganisationID) async throws -> ReferralWithPerson?

    /// Every referral about a person, newest first.
    func referrals(of person: PersonID, in organisation: OrganisationID) async throws -> [Referral]

    /// Received referrals waiting for a decision, oldest first.
    func inbox(in organisation: OrganisationID, filter: InboxFilter) async throws -> [ReferralWithPerson]

    /// Open referrals (accepted or active) assigned to `user`.
    func caseload(of user: UserID, in organisation: OrganisationID) async throws -> [CaseloadRow]

    /// Moves the referral if it is still at `transition.from` and at
    /// `expectedVersion`, writing the fields `transition.applied(to:at:)`
    /// decides and recording who, when and why. Throws `notFound`,
    /// `versionConflict`, or `invalidReference(field: "status")` when its status
    /// has moved on (the schema also refuses any move not allowed).
    @discardableResult
    func transition(
        _ id: ReferralID, in organisation: OrganisationID, _ transition: ReferralTransition, expectedVersion: Int,
        at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> Referral

    /// Gives an open referral to another link worker of the organisation.
    @discardableResult
    func assign(
        _ id: ReferralID, in organisation: OrganisationID, to user: UserID, expectedVersion: Int, at time: Date,
        audit: AuditEntry
    ) async throws -> Referral

    /// Moves the referral onto `person` (the one it duplicates) and deletes
    /// the record the referral made, which has nothing else of its own.
    @discardableResult
    func attach(
        _ id: ReferralID, in organisation: OrganisationID, to person: PersonID, expectedVersion: Int, at time: Date,
        audit: AuditEntry
    ) async throws -> Referral

    /// Records that the possible duplicate is a different person.
    @discardableResult
    func dismissDuplicate(
        _ id: ReferralID, in organisation: OrganisationID, expectedVersion: Int, at time: Date, audit: AuditEntry
    ) async throws -> Referral

    /// Oldest first.
    func statusHistory(of id: ReferralID, in organisation: OrganisationID) async throws -> [ReferralStatusChange]

    /// How many referrals the organisation has had.
    func count(in organisation: OrganisationID) async throws -> Int
}

/// Contacts, "what matters" and plans: the casework itself.
public protocol CaseworkStore: Sendable {
    /// Records a contact on a referral on someone's caseload. The first one
    /// comes with `startingCase` (`ReferralMove.firstContact`), which makes the
    /// referral active in the same transaction; throws
    /// `invalidReference(field: "status")` if the referral has moved on from
    /// what the caller decided on. With `whatMatters`, also saves that (the
    /// first conversation).
    @discardableResult
    func recordContact(
        id: ContactID, on referral: ReferralID, in organisation: OrganisationID, _ contact: NewContact,
        startingCase: ReferralTransition?, whatMatters: (value: WhatMatters, expectedVersion: Int)?, at time: Date,
        by actor: Actor, audit: AuditEntry
    ) async throws -> Contact

    /// Newest first.
    func contacts(of person: PersonID, in organisation: OrganisationID) async throws -> [Contact]

    /// The person's "what matters" and its version (0 when never saved).
    func whatMatters(of person: PersonID, in organisation: OrganisationID) async throws -> (
        value: WhatMatters, version: Int
    )

    @discardableResult
    func saveWhatMatters(
        of person: PersonID, in organisation: OrganisationID, _ value: WhatMatters, expectedVersion: Int, at time: Date,
        by actor: Actor, audit: AuditEntry
    ) async throws -> Int

    /// The referral's current plan and its version, if one has been made.
    func plan(of referral: ReferralID, in organisation: OrganisationID) async throws -> (plan: Plan, version: Int)?

    /// Saves the plan as a new version (0 expected for the first), keeping
    /// every earlier one. Returns the new version number.
    @discardableResult
    func savePlan(
        of referral: ReferralID, in organisation: OrganisationID, _ plan: Plan, summary: String, expectedVersion: Int,
        at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> Int

    /// Every saved version, newest first.
    func planVersions(of referral: ReferralID, in organisation: OrganisationID) async throws -> [PlanVersion]
}

/// Counting self-referrals per client, to slow down anyone flooding the form.
public protocol RateLimitStore: Sendable {
    /// Records an attempt by `key` at `time` and returns how many attempts
    /// `key` has made since `since` (this one included). Forgets attempts
    /// older than `since` as it goes.
    func recordAttempt(key: String, at time: Date, since: Date) async throws -> Int
}

/// Needs no service could meet, for the gap report.
public protocol UnmetNeedStore: Sendable {
    /// Records it with its audit event, in one transaction.
    func record(_ need: UnmetNeed, recordedBy: UserID, audit: AuditEntry) async throws

    /// The person's, newest first.
    func unmetNeeds(of person: PersonID, in organisation: OrganisationID) async throws -> [UnmetNeed]

    /// The organisation's, recorded at or after `since`, newest first.
    func unmetNeeds(in organisation: OrganisationID, since: Date) async throws -> [UnmetNeed]
}
