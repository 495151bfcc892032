import Foundation
import LinkwellDomain
import LinkwellServices

/// One instrument's scores for the person page: a chart per score (the
/// total, or each item of an instrument reported item by item), the numbers
/// as a table, and the change from the first measure.
struct OutcomeSeriesView: Sendable {
    struct Row: Sendable {
        let date: String
        let occasion: String
        let result: String
        let by: String
    }

    struct Chart: Sendable {
        let title: String
        /// Server-rendered SVG; every text in it is escaped (`OutcomeChart`).
        let svg: String
        let change: String?
    }

    let title: String
    let licence: String
    let charts: [Chart]
    let rows: [Row]
    let anchor: String
    /// The second column: when in the referral ("Baseline"), or which goal.
    var secondHeading = "When"

    init(_ series: OutcomeService.Series, format: DisplayFormat) {
        let definition = series.instrument
        title = definition.title
        licence = definition.licence
        let anchor = "outcome-\(definition.id)"
        self.anchor = anchor
        rows = series.points.map { point in
            Row(
                date: point.measurement.takenOn.longText, occasion: point.measurement.occasion.label,
                result: Self.describe(point.score, definition: definition),
                by: point.measurement.handedOver
                    ? "\(point.measurement.recordedByName), answered by the person" : point.measurement.recordedByName)
        }
        let dates = series.points.map { $0.measurement.takenOn.shortText }
        if definition.scoring.rule == .perItem {
            charts = definition.items.compactMap { item in
                let values = series.points.map { point -> Double? in
                    guard case .items(let scores) = point.score else { return nil }
                    return scores.first { $0.itemID == item.id }?.value
                }
                guard values.contains(where: { $0 != nil }) else { return nil }
                let label = definition.items.count == 1 ? definition.title : (item.text ?? item.id)
                return Chart(
                    title: label,
                    svg: OutcomeChart.svg(
                        id: "\(anchor)-\(item.id)", title: label, values: values, dates: dates,
                        range: item.lowest...item.highest,
                        higherIsBetter: definition.direction(of: item) == .higherIsBetter),
                    change: Self.change(values, definition: definition, item: item))
            }
        } else {
            let values = series.points.map { $0.score.total }
            let range = OutcomeChart.range(of: definition)
            charts = [
                Chart(
                    title: "\(definition.title) score",
                    svg: OutcomeChart.svg(
                        id: "\(anchor)-total", title: "\(definition.title) score", values: values, dates: dates,
                        range: range,
                        higherIsBetter: definition.direction == .higherIsBetter),
                    change: Self.change(values, definition: definition, item: nil))
            ]
        }
    }

    /// Goal attainment: a chart per goal from the plan's versions.
    init(goals: [OutcomeService.GoalProgress], definition: InstrumentDefinition) {
        title = "Goal attainment"
        licence = "Recorded in the plan: progress towards each goal, from 1 (not at all) to 5 (fully)."
        anchor = "outcome-goal-attainment"
        secondHeading = "Goal"
        let item = definition.items[0]
        charts = goals.enumerated().map { index, goal in
            let values = goal.points.map { Double($0.attainment) }
            return Chart(
                title: goal.goal,
                svg: OutcomeChart.svg(
                    id: "outcome-goal-\(index)", title: goal.goal, values: values,
                    dates: goal.points.map(\.day.shortText), range: item.lowest...item.highest,
                    higherIsBetter: true),
                change: Self.change(values, definition: definition, item: item))
        }
        rows = goals.flatMap { goal in
            goal.points.map { point in
                Row(
                    date: point.day.longText, occasion: goal.goal,
                    result: "\(point.attainment): "
                        + (item.options.first { $0.value == Double(point.attainment) }?.label ?? ""), by: "Plan")
            }
        }
    }

    static func describe(_ score: InstrumentScore, definition: InstrumentDefinition) -> String {
        switch score {
        case .total(let value, let band):
            InstrumentDefinition.format(value) + (band.map { " (\($0))" } ?? "")
        case .items(let items):
            items.map { item in
                let name = definition.items.count == 1 ? "" : "\(Self.shortName(item.itemID)): "
                return name + item.answer + (item.band.map { " (\($0))" } ?? "")
            }.joined(separator: "; ")
        case .notScored(let reason):
            reason
        }
    }

    /// "life-satisfaction" → "Life satisfaction".
    static func shortName(_ id: String) -> String {
        let words = id.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// "Down 3 since the first measure (8 → 5): better, and a meaningful change."
    static func change(_ values: [Double?], definition: InstrumentDefinition, item: InstrumentDefinition.Item?)
        -> String?
    {
        let known = values.compactMap { $0 }
        guard let first = known.first, let last = known.last, known.count > 1 else { return nil }
        let change = definition.change(from: first, to: last, item: item)
        if change.difference == 0 {
            return "No change since the first measure (\(InstrumentDefinition.format(first)))."
        }
        let size = InstrumentDefinition.format(abs(change.difference))
        var text =
            "\(change.difference > 0 ? "Up" : "Down") \(size) since the first measure "
            + "(\(InstrumentDefinition.format(first)) → \(InstrumentDefinition.format(last))): \(change.improved ? "better" : "worse")"
        switch change.meaningful {
        case true?: text += ", and a meaningful change."
        case false?:
            text +=
                ", but less than the \(InstrumentDefinition.format(definition.meaningfulChange ?? 0)) that counts as a meaningful change."
        case nil: text += "."
        }
        return text
    }
}

/// A small line chart as SVG, drawn on the server: no script, readable by
/// screen readers (a title and a description that says the values), with
/// the same numbers in a table beside it.
enum OutcomeChart {
    static let width = 560.0
    static let height = 200.0
    static let left = 44.0
    // Room for half a date label ("30 Nov 2026") under the last point.
    static let right = 44.0
    static let top = 16.0
    static let bottom = 36.0

    /// Every score the instrument can give.
    static func range(of definition: InstrumentDefinition) -> ClosedRange<Double> {
        switch definition.scoring.rule {
        case .lookup:
            let values = (definition.scoring.table ?? [:]).values
            return (values.min() ?? 0)...(values.max() ?? 1)
        case .mean:
            return (definition.items.map(\.lowest).min() ?? 0)...(definition.items.map(\.highest).max() ?? 1)
        case .sum, .perItem:
            return definition.items.map(\.lowest).reduce(0, +)...definition.items.map(\.highest).reduce(0, +)
        }
    }

    /// The chart's markup. Every value in it, the ID included, goes in
    /// through `Markup`, so none can add an element or an attribute.
    static func svg(
        id rawID: String, title: String, values: [Double?], dates: [String], range: ClosedRange<Double>,
        higherIsBetter: Bool
    ) -> String {
        let id = Markup.identifier(rawID)
        let span = max(range.upperBound - range.lowerBound, 1)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ index: Int) -> Double {
            values.count == 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(values.count - 1)
        }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - range.lowerBound) / span) }
        let points = values.enumerated().compactMap { index, value in value.map { (x(index), y($0), $0, index) } }
        let spoken = points.map { "\(dates[$0.3]): \(format($0.2))" }.joined(separator: "; ")
        let described =
            "From \(format(range.lowerBound)) to \(format(range.upperBound)), \(higherIsBetter ? "higher is better" : "lower is better"). \(spoken)"
        var svg: Markup = """
            <svg class="outcome-chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" focusable="false">
            <title id="\(id)-title">\(title)</title>
            <desc id="\(id)-desc">\(described)</desc>
            <line class="outcome-chart__axis" x1="\(left)" y1="\(top)" x2="\(left)" y2="\(top + plotHeight)"/>
            <line class="outcome-chart__axis" x1="\(left)" y1="\(top + plotHeight)" x2="\(width - right)" y2="\(top + plotHeight)"/>
            <text class="outcome-chart__label" x="\(left - 8)" y="\(top + 4)" text-anchor="end">\(format(range.upperBound))</text>
            <text class="outcome-chart__label" x="\(left - 8)" y="\(top + plotHeight + 4)" text-anchor="end">\(format(range.lowerBound))</text>
            """
        if points.count > 1 {
            let line = points.map { "\(round($0.0)),\(round($0.1))" }.joined(separator: " ")
            svg += "<polyline class=\"outcome-chart__line\" points=\"\(line)\"/>"
        }
        for point in points {
            svg += "<circle class=\"outcome-chart__point\" cx=\"\(point.0)\" cy=\"\(point.1)\" r=\"5\"/>"
            svg +=
                "<text class=\"outcome-chart__value\" x=\"\(point.0)\" y=\"\(point.1 - 10)\" text-anchor=\"middle\">\(format(point.2))</text>"
        }
        for (index, date) in dates.enumerated() {
            svg +=
                "<text class=\"outcome-chart__label\" x=\"\(x(index))\" y=\"\(height - 12)\" text-anchor=\"middle\">\(date)</text>"
        }
        return (svg + "</svg>").description
    }

    static func round(_ value: Double) -> String { String(format: "%.1f", value) }
    static func format(_ value: Double) -> String { InstrumentDefinition.format(value) }

}
