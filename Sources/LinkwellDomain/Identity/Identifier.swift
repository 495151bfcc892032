import Foundation

/// A typed identifier: an `Identifier<Organisation>` cannot be passed where an
/// `Identifier<User>` is expected, though both are UUIDs underneath.
public struct Identifier<Entity>: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: UUID

    /// A new identifier (from `IdentifierGenerator.current`: random, except
    /// in golden tests), or the given one.
    public init(_ rawValue: UUID = IdentifierGenerator.current.next()) {
        self.rawValue = rawValue
    }

    /// Parses the canonical text form; `nil` for anything that is not a UUID,
    /// so that a mistyped address segment becomes a 404, not a crash.
    public init?(_ text: some StringProtocol) {
        guard let uuid = UUID(uuidString: String(text)) else { return nil }
        self.rawValue = uuid
    }

    /// Lowercase text, the form stored in SQLite and shown in addresses.
    public var description: String { rawValue.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public typealias OrganisationID = Identifier<Organisation>
public typealias PracticeID = Identifier<Practice>
public typealias UserID = Identifier<User>
