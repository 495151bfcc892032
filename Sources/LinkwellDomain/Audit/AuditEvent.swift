import Foundation

/// Something that happened that an auditor may ask about: who did what to which
/// record, when, and from where. Audit events are only ever appended.
public enum AuditAction: String, Sendable, CaseIterable, Codable {
    case signInSucceeded = "sign_in.succeeded"
    case signInFailed = "sign_in.failed"
    case accountLocked = "account.locked"
    case signedOut = "sign_out"
    case passwordChanged = "password.changed"
    case passwordReset = "password.reset"
    case organisationCreated = "organisation.created"
    case organisationUpdated = "organisation.updated"
    case practiceCreated = "practice.created"
    case practiceUpdated = "practice.updated"
    case userCreated = "user.created"
    case userUpdated = "user.updated"
    case userDeactivated = "user.deactivated"
    case userReactivated = "user.reactivated"
    case referralReceived = "referral.received"
    case referralStatusChanged = "referral.status_changed"
    case referralAssigned = "referral.assigned"
    case referralAttached = "referral.attached"
    case duplicateDismissed = "referral.duplicate_dismissed"
    case personViewed = "person.viewed"
    case peopleListed = "people.listed"
    case personUpdated = "person.updated"
    case personAccessRefused = "person.access_refused"
    case contactRecorded = "contact.recorded"
    case whatMattersUpdated = "what_matters.updated"
    case planSaved = "plan.saved"
    case planViewed = "plan.viewed"
    case dischargeLetterViewed = "discharge_letter.viewed"
    case needsListChanged = "needs.changed"
    case directoryImported = "directory.imported"
    case unmetNeedRecorded = "unmet_need.recorded"
    case directoryEntryChanged = "directory.entry_changed"
    case directoryEntryReviewed = "directory.entry_reviewed"
    case connectionMade = "connection.made"
    case connectionStatusChanged = "connection.status_changed"
    case connectionViewed = "connection.viewed"
    case connectionAccessRefused = "connection.access_refused"
    case connectionReminderSent = "connection.reminder_sent"
    case outcomeRecorded = "outcome.recorded"
    case instrumentAdded = "instrument.added"
    case wellbeingCheckedIn = "wellbeing.checked_in"
    case supervisionRecorded = "supervision.recorded"
    case workforcePolicyChanged = "workforce.policy_changed"
    case workerHoursSet = "workforce.hours_set"
    case teamCapacityViewed = "workforce.capacity_viewed"
    case trainingRequirementChanged = "training.requirement_changed"
    case trainingRecorded = "training.recorded"
    case trainingCertificateViewed = "training.certificate_viewed"
    case trainingNeedChanged = "training.need_changed"
    case teamTrainingViewed = "training.team_viewed"
    case researchExported = "workforce.research_exported"

    public var label: String {
        switch self {
        case .signInSucceeded: "Signed in"
        case .signInFailed: "Sign-in failed"
        case .accountLocked: "Account locked"
        case .signedOut: "Signed out"
        case .passwordChanged: "Password changed"
        case .passwordReset: "Password reset"
        case .organisationCreated: "Organisation created"
        case .organisationUpdated: "Organisation changed"
        case .practiceCreated: "Practice created"
        case .practiceUpdated: "Practice changed"
        case .userCreated: "User created"
        case .userUpdated: "User changed"
        case .userDeactivated: "User deactivated"
        case .userReactivated: "User reactivated"
        case .referralReceived: "Referral received"
        case .referralStatusChanged: "Referral status changed"
        case .referralAssigned: "Referral assigned"
        case .referralAttached: "Referral attached to known person"
        case .duplicateDismissed: "Possible duplicate dismissed"
        case .personViewed: "Person's record viewed"
        case .peopleListed: "People listed"
        case .personUpdated: "Person's details changed"
        case .personAccessRefused: "Access to a person refused"
        case .contactRecorded: "Contact recorded"
        case .whatMattersUpdated: "What matters updated"
        case .planSaved: "Plan saved"
        case .planViewed: "Plan viewed"
        case .dischargeLetterViewed: "Message to GP viewed"
        case .needsListChanged: "Needs list changed"
        case .directoryImported: "Directory imported"
        case .unmetNeedRecorded: "Unmet need recorded"
        case .directoryEntryChanged: "Directory entry changed"
        case .directoryEntryReviewed: "Directory entry confirmed"
        case .connectionMade: "Connection made"
        case .connectionStatusChanged: "Connection status changed"
        case .connectionViewed: "Connection viewed by provider"
        case .connectionAccessRefused: "Access to a connection refused"
        case .connectionReminderSent: "Provider reminded"
        case .outcomeRecorded: "Outcome measure recorded"
        case .instrumentAdded: "Outcome instrument added or changed"
        case .wellbeingCheckedIn: "Wellbeing check-in made"
        case .supervisionRecorded: "Supervision session recorded"
        case .workforcePolicyChanged: "Workforce settings changed"
        case .workerHoursSet: "Link worker's hours set"
        case .teamCapacityViewed: "Team capacity viewed"
        case .trainingRequirementChanged: "Required trainings changed"
        case .trainingRecorded: "Training recorded"
        case .trainingCertificateViewed: "Training certificate downloaded"
        case .trainingNeedChanged: "Training needs changed"
        case .teamTrainingViewed: "Team training viewed"
        case .researchExported: "Anonymised workforce data exported"
        }
    }
}

/// The record an audit event is about.
public struct AuditTarget: Hashable, Sendable {
    public let type: String
    public let id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    public static func organisation(_ id: OrganisationID) -> AuditTarget {
        .init(type: "organisation", id: id.description)
    }
    public static func practice(_ id: PracticeID) -> AuditTarget { .init(type: "practice", id: id.description) }
    public static func user(_ id: UserID) -> AuditTarget { .init(type: "user", id: id.description) }
    public static func person(_ id: PersonID) -> AuditTarget { .init(type: "person", id: id.description) }
    public static func referral(_ id: ReferralID) -> AuditTarget { .init(type: "referral", id: id.description) }
    public static func directoryService(_ id: String) -> AuditTarget { .init(type: "directory_service", id: id) }
    public static func connection(_ id: ConnectionID) -> AuditTarget { .init(type: "connection", id: id.description) }
}

extension User {
    /// How this user is named in the audit log.
    public var auditLabel: String { "\(name) <\(email)>" }
}

/// An event about to be appended; the store gives it its place in the chain.
public struct AuditEntry: Hashable, Sendable {
    public let occurredAt: Date
    /// The organisation whose data this concerns; `nil` for deployment-wide
    /// events such as a failed sign-in to an address nobody has.
    public let organisationID: OrganisationID?
    /// Who did it; `nil` when nobody was signed in (a failed sign-in).
    public let actorID: UserID?
    /// Who did it as they were named at the time ("Chris Walker <admin@…>", or
    /// "command line"), so the log reads correctly after names change.
    public let actorLabel: String
    public let action: AuditAction
    public let target: AuditTarget?
    /// The client's network address as the server saw it (or as a trusted proxy reported it).
    public let clientAddress: String?
    /// A short description of what happened, from Linkwell's own words
    /// (a status, a kind, a count): never a password or a token, never text
    /// someone typed, never a score.
    public let detail: String
    /// The people whose data the action showed or touched, beyond `target`:
    /// every person on a list that was shown (sorted, once each).
    public let people: [PersonID]
    /// Other organisations whose people's data the action showed (a
    /// provider's list of referrals from several services): the event is
    /// theirs to see too.
    public let concerns: [OrganisationID]

    public init(
        occurredAt: Date, organisationID: OrganisationID?, actorID: UserID?, actorLabel: String = "",
        action: AuditAction, target: AuditTarget?, clientAddress: String?, detail: String = "", people: [PersonID] = [],
        concerns: [OrganisationID] = []
    ) {
        // Cleaned here, whoever made the entry, so that what the hash covers
        // is exactly what either database stores (SQLite keeps text only up
        // to a NUL; PostgreSQL refuses one).
        self.occurredAt = Date.millisecondPrecision(occurredAt)
        self.organisationID = organisationID
        self.actorID = actorID
        self.actorLabel = Text.cleaned(actorLabel)
        self.action = action
        self.target = target.map { AuditTarget(type: Text.cleaned($0.type), id: Text.cleaned($0.id)) }
        self.clientAddress = clientAddress.map(Text.cleaned)
        self.detail = Text.cleaned(detail)
        self.people = Array(Set(people)).sorted { $0.description < $1.description }
        self.concerns = Array(Set(concerns).subtracting(organisationID.map { [$0] } ?? [])).sorted {
            $0.description < $1.description
        }
    }
}

/// An appended event: its entry, its position, and the hashes that chain it to
/// the one before, so that editing or removing an earlier event shows.
public struct AuditEvent: Hashable, Sendable {
    public let sequence: Int64
    public let entry: AuditEntry
    public let previousHash: String
    public let hash: String

    public init(sequence: Int64, entry: AuditEntry, previousHash: String, hash: String) {
        self.sequence = sequence
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }
}
