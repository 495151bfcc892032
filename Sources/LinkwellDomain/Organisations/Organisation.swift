import Foundation

/// A body that uses Linkwell: the PCN or charity that employs link workers, a
/// council or agency that refers, a community provider that receives referrals.
public struct Organisation: Hashable, Sendable, Identifiable {
    public let id: OrganisationID
    public var name: String
    public var kind: OrganisationKind
    public var odsCode: ODSCode?
    /// Runs a social prescribing service: referrals can be sent to it.
    public var acceptsReferrals: Bool
    /// Its public self-referral form is open (only if it accepts referrals).
    public var selfReferralEnabled: Bool
    /// Days a provider has to answer a formal referral from this organisation
    /// before it becomes "no response" (`ConnectionDeadline`).
    public var connectionResponseDays: Int
    /// Weeks between outcome measures (`OutcomeSchedule`).
    public var outcomeFollowUpWeeks: Int
    /// Weeks between clinical supervision sessions (`SupervisionPolicy`).
    public var clinicalSupervisionWeeks: Int
    public let createdAt: Date
    public var updatedAt: Date
    /// Incremented by every change; an edit based on an older version is refused
    /// rather than silently overwriting someone else's change.
    public var version: Int

    public init(
        id: OrganisationID, name: String, kind: OrganisationKind, odsCode: ODSCode?, acceptsReferrals: Bool = false,
        selfReferralEnabled: Bool = false, connectionResponseDays: Int = ConnectionDeadline.defaultDays,
        outcomeFollowUpWeeks: Int = OutcomeSchedule.defaultFollowUpWeeks,
        clinicalSupervisionWeeks: Int = SupervisionPolicy.defaultWeeks, createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.odsCode = odsCode
        self.acceptsReferrals = acceptsReferrals
        self.selfReferralEnabled = selfReferralEnabled
        self.connectionResponseDays = connectionResponseDays
        self.outcomeFollowUpWeeks = outcomeFollowUpWeeks
        self.clinicalSupervisionWeeks = clinicalSupervisionWeeks
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

public enum OrganisationKind: String, Sendable, CaseIterable, Codable {
    case primaryCareNetwork = "pcn"
    case voluntarySector = "vcse"
    case localAuthority = "local_authority"
    case nhsTrust = "nhs_trust"
    case housingAssociation = "housing_association"
    case other = "other"

    public var label: String {
        switch self {
        case .primaryCareNetwork: "Primary Care Network"
        case .voluntarySector: "Voluntary, community or social enterprise"
        case .localAuthority: "Local authority"
        case .nhsTrust: "NHS trust"
        case .housingAssociation: "Housing association"
        case .other: "Other"
        }
    }

    /// Which ODS format applies to organisations of this kind.
    public var odsCodeKind: ODSCode.Kind {
        self == .primaryCareNetwork ? .primaryCareNetwork : .organisation
    }
}

/// What a person typed to create or change an organisation, validated as a whole.
public struct OrganisationDetails: Hashable, Sendable {
    public let name: String
    public let kind: OrganisationKind
    public let odsCode: ODSCode?
    public let acceptsReferrals: Bool
    public let selfReferralEnabled: Bool
    public let connectionResponseDays: Int
    public let outcomeFollowUpWeeks: Int

    public init(
        name: String, kind: OrganisationKind, odsCode: ODSCode?, acceptsReferrals: Bool = false,
        selfReferralEnabled: Bool = false, connectionResponseDays: Int = ConnectionDeadline.defaultDays,
        outcomeFollowUpWeeks: Int = OutcomeSchedule.defaultFollowUpWeeks
    ) {
        self.name = name
        self.kind = kind
        self.odsCode = odsCode
        self.acceptsReferrals = acceptsReferrals
        self.selfReferralEnabled = acceptsReferrals && selfReferralEnabled
        self.connectionResponseDays = connectionResponseDays
        self.outcomeFollowUpWeeks = outcomeFollowUpWeeks
    }

    /// Checks every field and reports every problem at once. The ODS code is
    /// optional (many charities have none) but must be valid when given.
    public static func validate(
        name: String, kind: String, odsCode: String, acceptsReferrals: Bool = false, selfReferralEnabled: Bool = false,
        connectionResponseDays: String = String(ConnectionDeadline.defaultDays),
        outcomeFollowUpWeeks: String = String(OutcomeSchedule.defaultFollowUpWeeks)
    ) throws(ValidationFailure) -> OrganisationDetails {
        var collector = ValidationCollector()
        let name = collector.check("name") { () throws(ValidationFailure) in
            try Text.requiredName(name, what: "the organisation's name")
        }
        let kind = OrganisationKind(rawValue: kind)
        if kind == nil { collector.add("kind", "Select the type of organisation") }
        var code: ODSCode?
        if !odsCode.trimmingWhitespace().isEmpty, let kind {
            code = collector.check("odsCode") { () throws(ValidationFailure) in
                try ODSCode(odsCode, kind: kind.odsCodeKind)
            }
        }
        if selfReferralEnabled && !acceptsReferrals {
            collector.add("selfReferralEnabled", "Only an organisation that receives referrals can take self-referrals")
        }
        // Left blank: the usual 14 days.
        let typedDays = connectionResponseDays.trimmingWhitespace()
        let days =
            typedDays.isEmpty
            ? ConnectionDeadline.defaultDays : NumberText.whole(typedDays, in: ConnectionDeadline.allowedDays)
        if days == nil {
            collector.add(
                "connectionResponseDays",
                "Enter a number of days from \(ConnectionDeadline.allowedDays.lowerBound) to \(ConnectionDeadline.allowedDays.upperBound)"
            )
        }
        let typedWeeks = outcomeFollowUpWeeks.trimmingWhitespace()
        let weeks =
            typedWeeks.isEmpty
            ? OutcomeSchedule.defaultFollowUpWeeks
            : NumberText.whole(typedWeeks, in: OutcomeSchedule.allowedFollowUpWeeks)
        if weeks == nil {
            collector.add(
                "outcomeFollowUpWeeks",
                "Enter a number of weeks from \(OutcomeSchedule.allowedFollowUpWeeks.lowerBound) to \(OutcomeSchedule.allowedFollowUpWeeks.upperBound)"
            )
        }
        try collector.throwIfAny()
        return OrganisationDetails(
            name: name!, kind: kind!, odsCode: code, acceptsReferrals: acceptsReferrals,
            selfReferralEnabled: selfReferralEnabled, connectionResponseDays: days!, outcomeFollowUpWeeks: weeks!)
    }
}
