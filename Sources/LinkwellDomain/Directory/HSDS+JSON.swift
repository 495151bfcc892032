import Foundation

extension HSDS {
    /// Reads the standard's JSON. Every type spells out its snake_case keys
    /// (`CodingKeys`): Foundation's key-conversion strategies made reading and
    /// writing several times slower (see bench/README.md).
    public static func decoder() -> JSONDecoder {
        JSONDecoder()
    }

    /// Writes the standard's snake_case JSON, keys sorted so that the same
    /// record is always the same bytes (imports compare them to see what changed).
    /// `CanonicalJSON` writes the same text faster, for storing records.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A Swift property name as the standard spells the field.
    public static func snakeCase(_ camelCase: String) -> String {
        SnakeCaseKey(camelCase: camelCase).stringValue
    }

    /// `parentOrganizationId` → `parent_organization_id`, `address1` → `address_1`.
    /// Foundation's own conversion leaves digits joined to the word before them,
    /// which the standard's address fields do not.
    struct SnakeCaseKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }

        init(camelCase: String) {
            var result = ""
            var previous: Character?
            for character in camelCase {
                if let previous, previous != "_", character.isUppercase || (character.isNumber && !previous.isNumber) {
                    result.append("_")
                }
                result.append(character.isUppercase ? Character(character.lowercased()) : character)
                previous = character
            }
            stringValue = result
        }

        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension HSDS.Service {
    /// The fields ORUK's lists leave out of each service: its nested detail.
    public static let nestedFields: Set<String> = [
        "schedules", "service_areas", "service_at_locations", "languages", "funding", "cost_options", "contacts",
        "phones",
        "attributes",
    ]

    /// The service as ORUK lists give it: its own fields and organization, without the nested detail.
    public var listItem: HSDS.Service {
        var item = self
        item.schedules = nil
        item.serviceAreas = nil
        item.serviceAtLocations = nil
        item.languages = nil
        item.funding = nil
        item.costOptions = nil
        item.contacts = nil
        item.phones = nil
        item.attributes = nil
        return item
    }
}
