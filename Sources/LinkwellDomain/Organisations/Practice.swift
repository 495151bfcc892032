import Foundation

/// A GP practice whose patients an organisation serves; referrals come from
/// practices and reports are broken down by them.
public struct Practice: Hashable, Sendable, Identifiable {
    public let id: PracticeID
    public let organisationID: OrganisationID
    public var name: String
    public var odsCode: ODSCode
    public let createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: PracticeID, organisationID: OrganisationID, name: String, odsCode: ODSCode,
        createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.odsCode = odsCode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

public struct PracticeDetails: Hashable, Sendable {
    public let name: String
    public let odsCode: ODSCode

    public init(name: String, odsCode: ODSCode) {
        self.name = name
        self.odsCode = odsCode
    }

    public static func validate(name: String, odsCode: String) throws(ValidationFailure) -> PracticeDetails {
        var collector = ValidationCollector()
        let name = collector.check("name") { () throws(ValidationFailure) in
            try Text.requiredName(name, what: "the practice's name")
        }
        let code = collector.check("odsCode") { () throws(ValidationFailure) in
            try ODSCode(odsCode, kind: .gpPractice)
        }
        try collector.throwIfAny()
        return PracticeDetails(name: name!, odsCode: code!)
    }
}
