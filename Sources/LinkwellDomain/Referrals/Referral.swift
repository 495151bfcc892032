import Foundation

public typealias ReferralID = Identifier<Referral>

/// SNOMED CT codes recorded with referrals (DOMAIN.md).
public enum SNOMED {
    /// Referral to social prescribing service (first interaction of an episode).
    public static let referralToSocialPrescribing = "871731000000106"
    /// Social prescribing declined.
    public static let socialPrescribingDeclined = "871711000000103"
}

public enum Urgency: String, Sendable, CaseIterable, Codable, Comparable {
    case routine, soon, urgent

    public var label: String {
        switch self {
        case .routine: "Routine"
        case .soon: "Soon (within a week)"
        case .urgent: "Urgent (within 2 working days)"
        }
    }

    public var shortLabel: String {
        switch self {
        case .routine: "Routine"
        case .soon: "Soon"
        case .urgent: "Urgent"
        }
    }

    /// How many days the first contact may take.
    public var firstContactWithinDays: Int {
        switch self {
        case .routine: 10
        case .soon: 5
        case .urgent: 2
        }
    }

    private var rank: Int {
        switch self {
        case .routine: 0
        case .soon: 1
        case .urgent: 2
        }
    }

    public static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.rank < rhs.rank }
}

public enum ReferralSource: String, Sendable, CaseIterable, Codable {
    case staff
    case selfReferral = "self"

    public var label: String { self == .staff ? "Professional referral" : "Self-referral" }
}

/// Who referred: a GP practice, an agency, or the person themselves.
public struct Referrer: Hashable, Sendable, Codable {
    /// The practice, when the referrer works at one of the receiving organisation's practices.
    public var practiceID: PracticeID?
    /// The referring organisation or practice, by name.
    public var organisation: String
    public var name: String
    public var role: String
    /// When a referrer signed in to Linkwell sends a referral for someone
    /// else (a colleague, another practice), who that is, as they typed it.
    /// The referrer of record is always the one signed in.
    public var onBehalfOf: String?

    public init(
        practiceID: PracticeID? = nil, organisation: String, name: String, role: String, onBehalfOf: String? = nil
    ) {
        self.practiceID = practiceID
        self.organisation = organisation
        self.name = name
        self.role = role
        self.onBehalfOf = onBehalfOf
    }

    /// "Dr Helen Carter, GP, Riverside Medical Centre", and on whose behalf.
    public var description: String {
        "\(name), \(role), \(organisation)" + (onBehalfOf.map { " (on behalf of \($0))" } ?? "")
    }

    /// The referrer of record for a signed-in referrer: their own name and
    /// their own practice (or organisation), whatever the form said; a form
    /// naming anyone or anywhere else is kept as "on behalf of".
    public static func ofRecord(
        typed: Referrer, name: String, workplace: String, practiceID: PracticeID?, typedPracticeName: String?
    ) -> Referrer {
        func same(_ a: String, _ b: String) -> Bool {
            a.trimmingWhitespace().lowercased() == b.trimmingWhitespace().lowercased()
        }
        var other: [String] = []
        if !same(typed.name, name) { other.append(typed.name) }
        if let typedPractice = typed.practiceID, typedPractice != practiceID {
            other.append(typedPracticeName ?? typed.organisation)
        } else if !typed.organisation.isEmpty, !same(typed.organisation, workplace), typed.practiceID == nil {
            other.append(typed.organisation)
        }
        return Referrer(
            practiceID: practiceID, organisation: workplace, name: name, role: typed.role,
            onBehalfOf: other.isEmpty ? nil : String(other.joined(separator: ", ").prefix(300)))
    }
}

/// Consent to the referral: who gave it and when.
public struct Consent: Hashable, Sendable, Codable {
    public enum GivenBy: String, Sendable, CaseIterable, Codable {
        case person
        case representative

        public var label: String {
            self == .person ? "The person themselves" : "Someone on their behalf (carer, family, advocate)"
        }
    }

    public var givenBy: GivenBy
    /// The representative's name and relationship, when not the person.
    public var representative: String?
    public var givenOn: CalendarDate

    public init(givenBy: GivenBy, representative: String? = nil, givenOn: CalendarDate) {
        self.givenBy = givenBy
        self.representative = representative
        self.givenOn = givenOn
    }
}

/// Why a person's time with the service ended.
public enum DischargeReason: String, Sendable, CaseIterable, Codable {
    case goalsMet = "goals_met"
    case declinedFurtherSupport = "declined_further_support"
    case movedAway = "moved_away"
    case noContact = "no_contact"
    case statutoryService = "statutory_service"
    case died
    case other

    public var label: String {
        switch self {
        case .goalsMet: "Goals met"
        case .declinedFurtherSupport: "Declined further support"
        case .movedAway: "Moved away"
        case .noContact: "No contact after three attempts"
        case .statutoryService: "Referred to a statutory service"
        case .died: "Died"
        case .other: "Other"
        }
    }
}

/// A referral to the social prescribing service: the "referral" message of
/// the information standard, and the episode of support that follows it.
public struct Referral: Hashable, Sendable, Identifiable {
    public let id: ReferralID
    public let organisationID: OrganisationID
    public var personID: PersonID
    public let receivedAt: Date
    public let source: ReferralSource
    public var referrer: Referrer
    /// Codes from the needs list.
    public var reasons: [String]
    /// What the referrer wrote, in their words.
    public var details: String
    public var urgency: Urgency
    public var consent: Consent
    public var status: ReferralStatus
    /// SNOMED CT code recorded: referral received, or social prescribing declined.
    public var snomedCode: String
    public var assignedTo: UserID?
    /// Where a redirected referral was sent.
    public var redirectedTo: String?
    public var dischargeReason: DischargeReason?
    public var dischargeSummary: String?
    public var closedAt: Date?
    /// Another person this referral may be about (same NHS number, or same
    /// name and birth date, or same birth date and postcode), until someone
    /// decides; `nil` when there is no match or it has been resolved.
    public var possibleDuplicateOf: PersonID?
    public var updatedAt: Date
    public var version: Int

    public init(
        id: ReferralID, organisationID: OrganisationID, personID: PersonID, receivedAt: Date, source: ReferralSource,
        referrer: Referrer, reasons: [String], details: String, urgency: Urgency, consent: Consent,
        status: ReferralStatus, snomedCode: String, assignedTo: UserID?, redirectedTo: String?,
        dischargeReason: DischargeReason?, dischargeSummary: String?, closedAt: Date?, possibleDuplicateOf: PersonID?,
        updatedAt: Date, version: Int
    ) {
        self.id = id
        self.organisationID = organisationID
        self.personID = personID
        self.receivedAt = receivedAt
        self.source = source
        self.referrer = referrer
        self.reasons = reasons
        self.details = details
        self.urgency = urgency
        self.consent = consent
        self.status = status
        self.snomedCode = snomedCode
        self.assignedTo = assignedTo
        self.redirectedTo = redirectedTo
        self.dischargeReason = dischargeReason
        self.dischargeSummary = dischargeSummary
        self.closedAt = closedAt
        self.possibleDuplicateOf = possibleDuplicateOf
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// A new referral, checked, before it has an ID.
public struct NewReferral: Hashable, Sendable {
    public var person: PersonDetails
    public var source: ReferralSource
    public var referrer: Referrer
    public var reasons: [String]
    public var details: String
    public var urgency: Urgency
    public var consent: Consent
    /// The organisation on Linkwell whose referrer sent it, which may follow
    /// its progress; nil when it reached the service another way.
    public var referringOrganisationID: OrganisationID?
    /// The referrer's own GP practice, when they work at one: its people
    /// follow the practice's referrals.
    public var referringPracticeID: PracticeID?

    public init(
        person: PersonDetails, source: ReferralSource, referrer: Referrer, reasons: [String], details: String,
        urgency: Urgency,
        consent: Consent, referringOrganisationID: OrganisationID? = nil, referringPracticeID: PracticeID? = nil
    ) {
        self.person = person
        self.source = source
        self.referrer = referrer
        self.reasons = reasons
        self.details = details
        self.urgency = urgency
        self.consent = consent
        self.referringOrganisationID = referringOrganisationID
        self.referringPracticeID = referringPracticeID
    }
}

/// The referral form as typed (staff and self-referral share it).
public struct ReferralForm: Sendable, Equatable {
    public var person = PersonForm()
    public var referrerPracticeID = ""
    public var referrerOrganisation = ""
    public var referrerName = ""
    public var referrerRole = ""
    public var reasons: [String] = []
    public var details = ""
    public var urgency = ""
    public var consentGivenBy = ""
    public var consentRepresentative = ""
    public var consentDay = ""
    public var consentMonth = ""
    public var consentYear = ""

    public init() {}

    /// Checks the whole form. `needs` is the current needs list (a reason must
    /// be one of its active codes); `source` decides whether referrer fields
    /// are required (a self-referral has none).
    public func validate(source: ReferralSource, needs: [Need], today: CalendarDate) throws(ValidationFailure)
        -> NewReferral
    {
        var collector = ValidationCollector()
        var person: PersonDetails?
        do {
            person = try self.person.validate(today: today)
        } catch {
            for fieldError in error.errors { collector.add(fieldError.field, fieldError.message) }
        }
        var referrer = Referrer(organisation: "", name: "", role: "")
        if source == .staff {
            let organisation = referrerOrganisation.trimmingWhitespace()
            if organisation.isEmpty && referrerPracticeID.isEmpty {
                collector.add("referrerOrganisation", "Enter the referring practice or organisation")
            }
            let name = collector.check("referrerName") { () throws(ValidationFailure) in
                try Text.requiredName(referrerName, what: "the referrer's name")
            }
            let role = collector.check("referrerRole") { () throws(ValidationFailure) in
                try Text.requiredName(
                    referrerRole, what: "the referrer's role, like GP or housing officer", maximumLength: 100)
            }
            referrer = Referrer(
                practiceID: PracticeID(referrerPracticeID), organisation: organisation, name: name ?? "",
                role: role ?? "")
        } else {
            referrer = Referrer(
                organisation: "Self-referral", name: self.person.name.trimmingWhitespace(), role: "Self")
        }
        let activeCodes = Set(needs.filter(\.isActive).map(\.code))
        let chosen = reasons.filter { activeCodes.contains($0) }
        if chosen.isEmpty { collector.add("reasons", "Select at least one reason for the referral") }
        let details = self.details.trimmingWhitespace()
        if details.count > 5000 { collector.add("details", "Must be 5000 characters or fewer") }
        let urgency = Urgency(rawValue: self.urgency)
        if urgency == nil { collector.add("urgency", "Select how urgent the referral is") }
        let givenBy = Consent.GivenBy(rawValue: consentGivenBy)
        if givenBy == nil {
            collector.add("consentGivenBy", "Select who agreed to the referral: it needs their consent")
        }
        let representative = consentRepresentative.trimmingWhitespace()
        if givenBy == .representative, representative.isEmpty {
            collector.add("consentRepresentative", "Enter the name of the person who agreed, and how they know them")
        }
        var consentDate = today
        if !(consentDay + consentMonth + consentYear).trimmingWhitespace().isEmpty {
            if let date = collector.check(
                "consentDay",
                { () throws(ValidationFailure) in
                    try CalendarDate.parse(
                        day: consentDay, month: consentMonth, year: consentYear, what: "the date consent was given")
                })
            {
                if date > today { collector.add("consentDay", "The date consent was given cannot be in the future") }
                consentDate = date
            }
        }
        try collector.throwIfAny()
        return NewReferral(
            person: person!, source: source, referrer: referrer,
            reasons: needs.map(\.code).filter { chosen.contains($0) }, details: details, urgency: urgency!,
            consent: Consent(
                givenBy: givenBy!, representative: givenBy == .representative ? representative : nil,
                givenOn: consentDate))
    }
}
