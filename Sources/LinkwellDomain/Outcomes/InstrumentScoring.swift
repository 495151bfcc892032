import Foundation

/// One item's answer and what it means.
public struct ItemScore: Hashable, Sendable {
    public let itemID: String
    /// The answer as given (before any reverse scoring).
    public let value: Double
    /// The answer's wording ("Often").
    public let answer: String
    /// The item's band, where the instrument has bands for it ("high").
    public let band: String?

    public init(itemID: String, value: Double, answer: String, band: String?) {
        self.itemID = itemID
        self.value = value
        self.answer = answer
        self.band = band
    }
}

/// What a set of answers scores.
public enum InstrumentScore: Hashable, Sendable {
    /// One number for the instrument (a sum, a mean, or a converted sum), and its band.
    case total(value: Double, band: String?)
    /// Each item reported on its own (ONS4; a single question).
    case items([ItemScore])
    /// Too few items answered to score; says how many were and how many are needed.
    case notScored(reason: String)

    public var total: Double? {
        if case .total(let value, _) = self { return value }
        return nil
    }
}

/// How a score moved between two measurements.
public struct ScoreChange: Hashable, Sendable {
    /// Later minus earlier.
    public let difference: Double
    /// In the instrument's good direction.
    public let improved: Bool
    /// At least the instrument's meaningful change (nil when it names none).
    public let meaningful: Bool?
}

extension InstrumentDefinition {
    /// Field name of an item in a form: `item-<id>`.
    public static func field(_ item: Item) -> String { "item-\(item.id)" }

    /// Reads a form's answers (`item-<id>` → the option's value as typed):
    /// an unanswered item is left out; an answer that is not one of the
    /// item's options is refused, with a message beside it. Items need not
    /// all be answered: `score` says when too few were.
    public func answers(from form: [String: String]) throws(ValidationFailure) -> [String: Double] {
        var problems = ValidationCollector()
        var answers: [String: Double] = [:]
        for (number, item) in items.enumerated() {
            let typed = (form[Self.field(item)] ?? "").trimmingCharacters(in: .whitespaces)
            if typed.isEmpty { continue }
            guard let value = NumberText.decimal(typed, in: -1e6...1e6),
                item.options.contains(where: { $0.value == value })
            else {
                let lowest = Self.format(item.lowest)
                let highest = Self.format(item.highest)
                problems.add(
                    Self.field(item), "Question \(number + 1): choose one of the answers, \(lowest) to \(highest)")
                continue
            }
            answers[item.id] = value
        }
        try problems.throwIfAny()
        return answers
    }

    /// The score of `answers` (item ID → the option's value). Answers to
    /// unknown items, or with values no option has, are refused upstream
    /// (`answers(from:)`); here they are ignored.
    public func score(_ answers: [String: Double]) -> InstrumentScore {
        let answered = items.compactMap { item -> (Item, Double)? in
            guard let value = answers[item.id], item.options.contains(where: { $0.value == value }) else { return nil }
            return (item, value)
        }
        guard answered.count >= scoring.minimumAnswered else {
            let needed =
                scoring.minimumAnswered == items.count ? "all \(items.count)" : "at least \(scoring.minimumAnswered)"
            return .notScored(
                reason: "Not scored: \(answered.count) of \(items.count) answered, and \(needed) are needed")
        }
        if scoring.rule == .perItem {
            return .items(
                answered.map { item, value in
                    ItemScore(
                        itemID: item.id, value: value,
                        answer: item.options.first { $0.value == value }?.label ?? Self.format(value),
                        band: band(of: value, item: item.id))
                })
        }
        let scored = answered.map { item, value in item.reverseScored ? item.lowest + item.highest - value : value }
        let sum = scored.reduce(0, +)
        let value: Double
        switch scoring.rule {
        case .sum: value = sum
        case .mean: value = sum / Double(scored.count)
        case .lookup:
            // `check` makes sure the table covers every possible sum.
            guard let converted = scoring.table?[String(Int(sum.rounded()))] else {
                return .notScored(
                    reason: "Not scored: the raw total \(Self.format(sum)) is not in the conversion table")
            }
            value = converted
        case .perItem: value = sum  // handled above
        }
        return .total(value: value, band: band(of: value, item: nil))
    }

    /// How `later` differs from `earlier` (totals, or one item's answers).
    public func change(from earlier: Double, to later: Double, item: Item? = nil) -> ScoreChange {
        let difference = later - earlier
        let better = item.map(direction(of:)) ?? direction
        let improved = better == .higherIsBetter ? difference > 0 : difference < 0
        return ScoreChange(
            difference: difference, improved: improved,
            meaningful: meaningfulChange.map { abs(difference) >= $0 - 1e-9 })
    }

    func band(of value: Double, item: String?) -> String? {
        (bands.first { $0.item == item && $0.contains(value) }
            ?? (item == nil ? nil : bands.first { $0.item == nil && $0.contains(value) }))?.label
    }

    /// "3", "2.5", "19.98": no trailing zeros.
    public static func format(_ value: Double) -> String {
        // Definitions keep their numbers to a million either way; anything
        // beyond (a stored value from elsewhere) is still shown, never trapped on.
        guard value.isFinite, abs(value) < 1e15 else { return value.isNaN ? "—" : String(format: "%g", value) }
        if value == value.rounded() { return String(Int(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
