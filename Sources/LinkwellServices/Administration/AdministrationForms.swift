import LinkwellDomain

/// What an administrator typed, exactly as typed. The services validate it;
/// the web layer only carries it, so a form with an error comes back with
/// everything the person entered.
public struct OrganisationForm: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var odsCode: String
    public var acceptsReferrals: Bool
    public var selfReferralEnabled: Bool
    public var connectionResponseDays: String
    public var outcomeFollowUpWeeks: String

    public init(
        name: String = "", kind: String = "", odsCode: String = "", acceptsReferrals: Bool = false,
        selfReferralEnabled: Bool = false, connectionResponseDays: String = String(ConnectionDeadline.defaultDays),
        outcomeFollowUpWeeks: String = String(OutcomeSchedule.defaultFollowUpWeeks)
    ) {
        self.name = name
        self.kind = kind
        self.odsCode = odsCode
        self.acceptsReferrals = acceptsReferrals
        self.selfReferralEnabled = selfReferralEnabled
        self.connectionResponseDays = connectionResponseDays
        self.outcomeFollowUpWeeks = outcomeFollowUpWeeks
    }
}

public struct PracticeForm: Sendable, Equatable {
    public var name: String
    public var odsCode: String

    public init(name: String = "", odsCode: String = "") {
        self.name = name
        self.odsCode = odsCode
    }
}

public struct UserForm: Sendable, Equatable {
    public var name: String
    public var email: String
    public var role: String
    public var organisationID: String
    public var practiceID: String

    public init(
        name: String = "", email: String = "", role: String = "", organisationID: String = "", practiceID: String = ""
    ) {
        self.name = name
        self.email = email
        self.role = role
        self.organisationID = organisationID
        self.practiceID = practiceID
    }
}
