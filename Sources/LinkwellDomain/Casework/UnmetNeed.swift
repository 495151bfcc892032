import Foundation

/// A need no service in the directory could meet for someone, and where: the
/// link worker notes it in one step when nothing suitable exists, and the gap
/// report counts them by need and area for commissioners.
public struct UnmetNeed: Sendable, Equatable {
    public let id: UnmetNeedID
    public let organisationID: OrganisationID
    public let personID: PersonID
    /// A code from the needs list.
    public let need: String
    /// Where it was needed: a postcode district such as "RV2", or a place name.
    public let area: String
    public let note: String
    public let recordedAt: Date
    public let recordedByName: String

    public init(
        id: UnmetNeedID, organisationID: OrganisationID, personID: PersonID, need: String, area: String, note: String,
        recordedAt: Date, recordedByName: String
    ) {
        self.id = id
        self.organisationID = organisationID
        self.personID = personID
        self.need = need
        self.area = area
        self.note = note
        self.recordedAt = recordedAt
        self.recordedByName = recordedByName
    }
}

public typealias UnmetNeedID = Identifier<UnmetNeed>

/// The unmet-need form, as typed.
public struct UnmetNeedForm: Sendable, Equatable {
    public var need = ""
    public var area = ""
    public var note = ""

    public init(need: String = "", area: String = "", note: String = "") {
        self.need = need
        self.area = area
        self.note = note
    }

    /// The need code, area and note, or every problem with them.
    public func validate(needs: [Need]) throws(ValidationFailure) -> (need: String, area: String, note: String) {
        var problems = ValidationCollector()
        let code = need.trimmingCharacters(in: .whitespaces)
        if !needs.contains(where: { $0.code == code && $0.isActive }) {
            problems.add("need", "Choose the need that could not be met")
        }
        let place = area.trimmingCharacters(in: .whitespacesAndNewlines)
        if place.isEmpty {
            problems.add("area", "Enter the area, such as a postcode district (RV2) or a neighbourhood")
        } else if place.count > 60 {
            problems.add("area", "Keep the area to 60 characters or fewer")
        }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 1000 { problems.add("note", "Keep the note to 1,000 characters or fewer") }
        try problems.throwIfAny()
        return (code, place, text)
    }
}
