import Foundation

/// What is wrong with a definition, naming the file and the field, so that
/// whoever wrote it can put it right: "ucla-3.json, items[1].options: an item
/// needs at least two answers to choose from".
public struct DefinitionError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// A path such as `items[1].options`; empty for the file as a whole.
    public let field: String
    public let message: String

    public init(file: String, field: String, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? "\(file): \(message)" : "\(file), \(field): \(message)" }
}

extension InstrumentDefinition {
    /// Reads and checks a definition. `file` names it in any error.
    public static func parse(_ data: Data, file: String) throws(DefinitionError) -> InstrumentDefinition {
        let definition: InstrumentDefinition
        do {
            definition = try JSONDecoder().decode(InstrumentDefinition.self, from: JSONText.cleaned(data))
        } catch let error as DecodingError {
            throw Self.explain(error, file: file)
        } catch {
            throw DefinitionError(file: file, field: "", message: "could not be read: \(error)")
        }
        try definition.check(file: file)
        return definition
    }

    /// The first thing wrong with the definition, if anything.
    public func check(file: String) throws(DefinitionError) {
        func fail(_ field: String, _ message: String) -> DefinitionError {
            DefinitionError(file: file, field: field, message: message)
        }
        let idCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-")
        if id.isEmpty || id.count > 40 || id.unicodeScalars.contains(where: { !idCharacters.contains($0) }) {
            throw fail("id", "use 1 to 40 lowercase letters, digits and hyphens, such as \"ucla-3\"")
        }
        for (field, value) in [("title", title), ("version", version), ("licence", licence)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw fail(field, "must not be empty")
        }
        if items.isEmpty { throw fail("items", "an instrument needs at least one item") }
        var itemIDs = Set<String>()
        for (index, item) in items.enumerated() {
            let path = "items[\(index)]"
            if item.id.isEmpty { throw fail("\(path).id", "must not be empty") }
            if !itemIDs.insert(item.id).inserted {
                throw fail("\(path).id", "\"\(item.id)\" is used by an earlier item")
            }
            if !wordingRequiresLicence, (item.text ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw fail(
                    "\(path).text",
                    "each item needs its wording (or set wording_requires_licence for a licensed template)")
            }
            if item.options.count < 2 {
                throw fail("\(path).options", "an item needs at least two answers to choose from")
            }
            if Set(item.options.map(\.value)).count != item.options.count {
                throw fail("\(path).options", "two answers have the same value")
            }
            if let blank = item.options.firstIndex(where: { $0.label.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw fail("\(path).options[\(blank)].label", "must not be empty")
            }
            // Values are written into forms with at most two decimals and
            // read back exactly: keep them to that, and to a sane size.
            if let odd = item.options.firstIndex(where: { !Self.isSaneScore($0.value) }) {
                throw fail(
                    "\(path).options[\(odd)].value",
                    "use a number from -1,000,000 to 1,000,000 with at most two decimals")
            }
            if scoring.rule == .lookup,
                let fraction = item.options.firstIndex(where: { $0.value != $0.value.rounded() })
            {
                throw fail("\(path).options[\(fraction)].value", "a lookup adds whole numbers: use whole-number values")
            }
        }
        if scoring.minimumAnswered < 1 || scoring.minimumAnswered > items.count {
            throw fail("scoring.minimum_answered", "must be from 1 to the number of items (\(items.count))")
        }
        if scoring.rule == .lookup {
            guard let table = scoring.table else { throw fail("scoring.table", "a lookup needs its table") }
            if scoring.minimumAnswered != items.count {
                throw fail(
                    "scoring.minimum_answered",
                    "a lookup converts the sum of every item, so every item must be answered")
            }
            for key in table.keys where NumberText.whole(key, in: -1_000_000_000...1_000_000_000) == nil {
                throw fail("scoring.table", "\"\(key)\" is not a whole-number raw score")
            }
            if let odd = table.first(where: { !Self.isSaneScore($0.value) }) {
                throw fail(
                    "scoring.table",
                    "the score for \(odd.key) must be a number from -1,000,000 to 1,000,000 with at most two decimals")
            }
            let lowest = Int(items.map(\.lowest).reduce(0, +))
            let highest = Int(items.map(\.highest).reduce(0, +))
            if highest - lowest > 10_000 { throw fail("scoring.table", "a lookup covers at most 10,000 raw totals") }
            if let missing = (lowest...highest).first(where: { table[String($0)] == nil }) {
                throw fail(
                    "scoring.table", "has no score for the raw total \(missing) (it must cover \(lowest) to \(highest))"
                )
            }
        } else if scoring.table != nil {
            throw fail("scoring.table", "only a lookup has a table")
        }
        for (index, band) in bands.enumerated() {
            let path = "bands[\(index)]"
            if !Self.isSaneScore(band.from) || !Self.isSaneScore(band.to) {
                throw fail(
                    path, "\"from\" and \"to\" must be numbers from -1,000,000 to 1,000,000 with at most two decimals")
            }
            if band.from > band.to { throw fail(path, "\"from\" is above \"to\"") }
            if band.label.trimmingCharacters(in: .whitespaces).isEmpty {
                throw fail("\(path).label", "must not be empty")
            }
            if let item = band.item, !itemIDs.contains(item) {
                throw fail("\(path).item", "no item is called \"\(item)\"")
            }
        }
        if let change = meaningfulChange, change <= 0 || !Self.isSaneScore(change) {
            throw fail("meaningful_change", "must be a number above zero, up to 1,000,000, with at most two decimals")
        }
        if let code = snomedCode, code.count < 6 || code.count > 18 || !code.allSatisfy(\.isASCIIDigit) {
            throw fail("snomed_code", "a SNOMED CT code is 6 to 18 digits")
        }
    }

    /// Finite, at most a million either way, at most two decimals: every
    /// number a definition gives is written into forms and pages exactly,
    /// and sums and differences of them stay exact.
    static func isSaneScore(_ value: Double) -> Bool {
        // 32.55 × 100 is 3254.9999999999995 in binary: near enough is whole.
        value.isFinite && abs(value) <= 1_000_000 && abs((value * 100).rounded() - value * 100) < 1e-6
    }

    static func explain(_ error: DecodingError, file: String) -> DefinitionError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce(into: "") { text, key in
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return DefinitionError(
                file: file, field: parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)",
                message: "is missing")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return DefinitionError(
                file: file, field: path(context.codingPath), message: "should be \(Self.describe(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return DefinitionError(file: file, field: "", message: "is not valid JSON")
            }
            return DefinitionError(
                file: file, field: path(context.codingPath), message: "is not one of the values allowed")
        @unknown default:
            return DefinitionError(file: file, field: "", message: "could not be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Double.Type, is Int.Type: "a number"
        case is Bool.Type: "true or false"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
