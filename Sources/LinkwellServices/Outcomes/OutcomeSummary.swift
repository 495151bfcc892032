import Foundation
import LinkwellDomain

/// Change in words, one line per score: "UCLA three-item loneliness scale:
/// 8 at the first measure, 5 at the last (better, by 3)."
enum OutcomeSummary {
    static func lines(_ definition: InstrumentDefinition, scores: [InstrumentScore]) -> [String] {
        if definition.scoring.rule == .perItem {
            return definition.items.compactMap { item in
                let values = scores.compactMap { score -> Double? in
                    guard case .items(let items) = score else { return nil }
                    return items.first { $0.itemID == item.id }?.value
                }
                let name =
                    definition.items.count == 1 ? definition.title : "\(definition.title), \(item.text ?? item.id)"
                return line(name, values: values, definition: definition, item: item)
            }
        }
        return [line(definition.title, values: scores.compactMap(\.total), definition: definition, item: nil)]
            .compactMap { $0 }
    }

    static func line(
        _ name: String, values: [Double], definition: InstrumentDefinition, item: InstrumentDefinition.Item?
    ) -> String? {
        guard let first = values.first, let last = values.last else { return nil }
        let format = InstrumentDefinition.format
        if values.count == 1 { return "\(name): \(format(first)) (measured once)." }
        let change = definition.change(from: first, to: last, item: item)
        let how =
            change.difference == 0
            ? "no change"
            : "\(change.improved ? "better" : "worse"), by \(format(abs(change.difference)))"
                + (change.meaningful == true ? ", a meaningful change" : "")
        return "\(name): \(format(first)) at the first measure, \(format(last)) at the last (\(how))."
    }
}
