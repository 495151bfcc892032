import Foundation

/// The anonymised research export: one row per ended four-week block, of
/// aggregates only. Wellbeing figures are those `WellbeingDisclosure` allows
/// (five respondents or more, coarsened); workload and training figures are
/// averages over the link workers, shown only when there are at least five.
/// No row names or counts a person.
public struct WorkforceResearchRow: Hashable, Sendable {
    /// Workload averages over the link workers of one block.
    public struct Workload: Hashable, Sendable {
        public let workers: Int
        public let meanActive: Double
        public let meanWeighted: Double
        public let overCapacityPercent: Double
        public let meanContactHoursPerWeek: Double
        public let trainingHoursPerWorker: Double

        /// `snapshots` one per worker at the block's end; `trainingHours` all
        /// the training they completed in the block. Nil under five workers.
        public init?(snapshots: [WorkloadSnapshot], trainingHours: Double) {
            guard snapshots.count >= WellbeingDisclosure.minimumGroup else { return nil }
            let count = Double(snapshots.count)
            workers = snapshots.count
            meanActive = Double(snapshots.map(\.active).reduce(0, +)) / count
            meanWeighted = snapshots.map(\.weighted).reduce(0, +) / count
            overCapacityPercent = Double(snapshots.filter(\.isOver).count) / count * 100
            meanContactHoursPerWeek = snapshots.map(\.hoursPerWeek).reduce(0, +) / count
            trainingHoursPerWorker = trainingHours / count
        }
    }

    public let period: ClosedRange<CalendarDate>
    public let wellbeing: WellbeingGroupSummary
    public let workload: Workload?

    public init(period: ClosedRange<CalendarDate>, wellbeing: WellbeingGroupSummary, workload: Workload?) {
        self.period = period
        self.wellbeing = wellbeing
        self.workload = workload
    }

    public static let columns = [
        "period_start", "period_end", "wellbeing_respondents", "personal_burnout_mean", "work_burnout_mean",
        "client_burnout_mean",
        "thinking_of_leaving_band", "leaving_within_year_band", "job_satisfied_band", "link_workers",
        "mean_active_caseload", "mean_weighted_caseload",
        "over_capacity_percent", "mean_contact_hours_per_week", "training_hours_per_worker",
    ]

    /// The row's fields, in `columns` order; a suppressed figure is blank.
    public var fields: [String] {
        func shown(_ aggregate: WellbeingDisclosure.Aggregate) -> String {
            if case .shown(_, let mean) = aggregate { return Self.number(mean) }
            return ""
        }
        /// A share's band, as "0-49" or "75-100" (`WellbeingDisclosure.share`).
        func band(_ aggregate: WellbeingDisclosure.Aggregate) -> String {
            guard case .shown(let respondents, let lower) = aggregate else { return "" }
            return WellbeingDisclosure.shareRange(lower, respondents: respondents)
        }
        let respondents = [
            wellbeing.personal, wellbeing.work, wellbeing.client, wellbeing.thinkingOfLeaving,
            wellbeing.leavingWithinYear, wellbeing.satisfied,
        ]
        .compactMap { aggregate -> Int? in
            if case .shown(let count, _) = aggregate { return count }
            return nil
        }.max()
        return [
            period.lowerBound.iso, period.upperBound.iso, respondents.map(String.init) ?? "", shown(wellbeing.personal),
            shown(wellbeing.work),
            shown(wellbeing.client), band(wellbeing.thinkingOfLeaving), band(wellbeing.leavingWithinYear),
            band(wellbeing.satisfied),
            workload.map { String($0.workers) } ?? "", workload.map { Self.number($0.meanActive) } ?? "",
            workload.map { Self.number($0.meanWeighted) } ?? "",
            workload.map { Self.number($0.overCapacityPercent) } ?? "",
            workload.map { Self.number($0.meanContactHoursPerWeek) } ?? "",
            workload.map { Self.number($0.trainingHoursPerWorker) } ?? "",
        ]
    }

    /// One decimal place, "." as the separator whatever the locale.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : String(format: "%d.%d", tenths / 10, abs(tenths % 10))
    }

    /// The whole export as CSV.
    public static func csv(_ rows: [WorkforceResearchRow]) -> String {
        CSVText.line(columns) + rows.map { CSVText.line($0.fields) }.joined()
    }
}
