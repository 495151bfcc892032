import Foundation

public typealias OutcomeMeasurementID = Identifier<OutcomeMeasurement>

/// When in someone's time with the service a measure was taken.
public enum OutcomeOccasion: String, Sendable, CaseIterable, Codable {
    /// At the start: the first conversation.
    case baseline
    /// On the organisation's schedule (every 12 weeks unless it sets another).
    case followUp = "follow-up"
    /// At the end.
    case discharge

    public var label: String {
        switch self {
        case .baseline: "Baseline"
        case .followUp: "Follow-up"
        case .discharge: "At discharge"
        }
    }
}

/// One completed questionnaire: the answers as given, and the score they
/// made under the definition of the time (kept, so a later change to a
/// definition never rewrites history).
public struct OutcomeMeasurement: Hashable, Sendable, Identifiable {
    public let id: OutcomeMeasurementID
    public let organisationID: OrganisationID
    public let personID: PersonID
    public let referralID: ReferralID
    public let instrumentID: String
    public let instrumentVersion: String
    public let occasion: OutcomeOccasion
    /// Item ID → the option's value.
    public let answers: [String: Double]
    /// The total, where the instrument has one and enough was answered.
    public let score: Double?
    /// Answered by the person on the device, one question at a time.
    public let handedOver: Bool
    public let takenOn: CalendarDate
    public let recordedByName: String
    public let recordedAt: Date

    public init(
        id: OutcomeMeasurementID, organisationID: OrganisationID, personID: PersonID, referralID: ReferralID,
        instrumentID: String,
        instrumentVersion: String, occasion: OutcomeOccasion, answers: [String: Double], score: Double?,
        handedOver: Bool,
        takenOn: CalendarDate, recordedByName: String, recordedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.personID = personID
        self.referralID = referralID
        self.instrumentID = instrumentID
        self.instrumentVersion = instrumentVersion
        self.occasion = occasion
        self.answers = answers
        self.score = score
        self.handedOver = handedOver
        self.takenOn = takenOn
        self.recordedByName = recordedByName
        self.recordedAt = recordedAt
    }
}
