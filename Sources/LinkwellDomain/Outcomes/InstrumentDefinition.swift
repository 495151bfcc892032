import Foundation

/// An outcome questionnaire as data: its items, answers, scoring rule, bands
/// and what counts as a meaningful change. Linkwell ships the free ones
/// (docs/instruments.md); an organisation adds those it holds a licence for.
/// A definition is checked whole when read (`InstrumentDefinition.parse`),
/// so scoring never meets a malformed one.
public struct InstrumentDefinition: Hashable, Sendable, Codable {
    /// Stable, lowercase: "ucla-3", "swemwbs".
    public let id: String
    public let title: String
    public let version: String
    /// Who owns it and on what terms it is used; shown with the scores.
    public let licence: String
    /// The item wording is someone's copyright: Linkwell ships the scoring,
    /// and an organisation adds the wording under its own licence. Until it
    /// does, the instrument cannot be used ("needs licensed wording").
    public var wordingRequiresLicence: Bool
    /// Shown before the first question, to the person answering.
    public var introduction: String?
    public var items: [Item]
    public let scoring: Scoring
    public var bands: [Band]
    public let direction: Direction
    /// The smallest change in the score that matters for one person.
    public let meaningfulChange: Double?
    /// The SNOMED CT code of the score, where there is one.
    public let snomedCode: String?

    public struct Item: Hashable, Sendable, Codable {
        public let id: String
        /// Nil in a template whose wording is licensed and not yet added.
        public var text: String?
        public let options: [Option]
        /// Scored from the other end: the highest option counts as the lowest.
        public var reverseScored: Bool
        /// Overrides the instrument's direction for this item (ONS4's anxiety).
        public var direction: Direction?

        public init(
            id: String, text: String?, options: [Option], reverseScored: Bool = false, direction: Direction? = nil
        ) {
            self.id = id
            self.text = text
            self.options = options
            self.reverseScored = reverseScored
            self.direction = direction
        }

        enum CodingKeys: String, CodingKey { case id, text, options, reverseScored = "reverse_scored", direction }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            text = try container.decodeIfPresent(String.self, forKey: .text)
            options = try container.decode([Option].self, forKey: .options)
            reverseScored = try container.decodeIfPresent(Bool.self, forKey: .reverseScored) ?? false
            direction = try container.decodeIfPresent(Direction.self, forKey: .direction)
        }

        public var lowest: Double { options.map(\.value).min() ?? 0 }
        public var highest: Double { options.map(\.value).max() ?? 0 }
    }

    public struct Option: Hashable, Sendable, Codable {
        public let value: Double
        public let label: String

        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }
    }

    public struct Scoring: Hashable, Sendable, Codable {
        public enum Rule: String, Hashable, Sendable, Codable {
            /// The items' values added up.
            case sum
            /// Their average.
            case mean
            /// Each item reported on its own, no total (ONS4, single questions).
            case perItem = "per-item"
            /// The sum converted through `table` (SWEMWBS's raw to metric).
            case lookup
        }

        public let rule: Rule
        /// Fewer answered than this, and there is no score.
        public let minimumAnswered: Int
        /// For `lookup`: raw sum (as text, since JSON keys are strings) → score.
        public let table: [String: Double]?

        public init(rule: Rule, minimumAnswered: Int, table: [String: Double]? = nil) {
            self.rule = rule
            self.minimumAnswered = minimumAnswered
            self.table = table
        }

        enum CodingKeys: String, CodingKey { case rule, minimumAnswered = "minimum_answered", table }
    }

    /// A named range of scores ("high", 7–8), for the score or, with `item`,
    /// for one item's answer.
    public struct Band: Hashable, Sendable, Codable {
        public let item: String?
        public let from: Double
        public let to: Double
        public let label: String

        public init(item: String? = nil, from: Double, to: Double, label: String) {
            self.item = item
            self.from = from
            self.to = to
            self.label = label
        }

        public func contains(_ value: Double) -> Bool { value >= from && value <= to }
    }

    public enum Direction: String, Hashable, Sendable, Codable {
        case higherIsBetter = "higher-is-better"
        case higherIsWorse = "higher-is-worse"
    }

    enum CodingKeys: String, CodingKey {
        case id, title, version, licence, introduction, items, scoring, bands, direction
        case wordingRequiresLicence = "wording_requires_licence"
        case meaningfulChange = "meaningful_change"
        case snomedCode = "snomed_code"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        version = try container.decode(String.self, forKey: .version)
        licence = try container.decode(String.self, forKey: .licence)
        wordingRequiresLicence = try container.decodeIfPresent(Bool.self, forKey: .wordingRequiresLicence) ?? false
        introduction = try container.decodeIfPresent(String.self, forKey: .introduction)
        items = try container.decode([Item].self, forKey: .items)
        scoring = try container.decode(Scoring.self, forKey: .scoring)
        bands = try container.decodeIfPresent([Band].self, forKey: .bands) ?? []
        direction = try container.decode(Direction.self, forKey: .direction)
        meaningfulChange = try container.decodeIfPresent(Double.self, forKey: .meaningfulChange)
        snomedCode = try container.decodeIfPresent(String.self, forKey: .snomedCode)
    }

    /// Every item has its wording: the instrument can be used.
    public var isUsable: Bool { items.allSatisfy { !($0.text ?? "").isEmpty } }

    public func direction(of item: Item) -> Direction { item.direction ?? direction }

    /// Whether `other` scores exactly as this does: the same items, answers,
    /// reverse scoring, directions, rule, bands and meaningful change. Only
    /// the wording (item text, introduction, title, licence note) may differ,
    /// which is what an organisation adds to a licensed built-in.
    public func scoresAlike(_ other: InstrumentDefinition) -> Bool {
        id == other.id && scoring == other.scoring && bands == other.bands && direction == other.direction
            && meaningfulChange == other.meaningfulChange && wordingRequiresLicence == other.wordingRequiresLicence
            && items.count == other.items.count
            && zip(items, other.items).allSatisfy { mine, theirs in
                mine.id == theirs.id && mine.options == theirs.options && mine.reverseScored == theirs.reverseScored
                    && mine.direction == theirs.direction
            }
    }
}
