import Foundation

/// What an organisation decides about looking after its link workers: the
/// weighted caseload a full-time worker may carry, how often clinical
/// supervision is due, and where its workers can turn for support.
public struct WorkforcePolicy: Hashable, Sendable {
    public static let allowedCeiling = 5.0...200.0
    public static let allowedSupervisionWeeks = 1...26
    public static let supportLimit = 2000

    /// The full-time weighted caseload ceiling (pro rata per worker).
    public var weightedCeiling: Double
    public var clinicalSupervisionWeeks: Int
    /// One option a line, such as "Employee assistance: 0800 000 0000".
    public var supportOptions: [String]

    public init(
        weightedCeiling: Double = Capacity.defaultWeightedCeiling,
        clinicalSupervisionWeeks: Int = SupervisionPolicy.defaultWeeks,
        supportOptions: [String] = []
    ) {
        self.weightedCeiling = weightedCeiling
        self.clinicalSupervisionWeeks = clinicalSupervisionWeeks
        self.supportOptions = supportOptions
    }

    /// The support options as stored and edited: one a line.
    public var supportText: String { supportOptions.joined(separator: "\n") }

    public static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The settings form as typed, every problem reported at once.
    public static func validate(weightedCeiling: String, clinicalSupervisionWeeks: String, supportOptions: String)
        throws(ValidationFailure)
        -> WorkforcePolicy
    {
        var collector = ValidationCollector()
        let ceiling = NumberText.decimal(weightedCeiling, in: allowedCeiling, places: 2)
        if ceiling == nil {
            collector.add(
                "weightedCeiling",
                "Enter a number from \(Int(allowedCeiling.lowerBound)) to \(Int(allowedCeiling.upperBound)), such as 60"
            )
        }
        let weeks = NumberText.whole(clinicalSupervisionWeeks, in: allowedSupervisionWeeks)
        if weeks == nil {
            collector.add(
                "clinicalSupervisionWeeks",
                "Enter a number of weeks from \(allowedSupervisionWeeks.lowerBound) to \(allowedSupervisionWeeks.upperBound)"
            )
        }
        let options = lines(supportOptions)
        if options.joined(separator: "\n").unicodeScalars.count > supportLimit {
            collector.add("supportOptions", "Support options must be \(supportLimit) characters or fewer")
        }
        try collector.throwIfAny()
        return WorkforcePolicy(weightedCeiling: ceiling!, clinicalSupervisionWeeks: weeks!, supportOptions: options)
    }
}

/// One link worker's contracted hours and yearly intake, from which their
/// capacity is worked out pro rata.
public struct WorkerHours: Hashable, Sendable {
    public static let allowedHours = 1.0...60.0
    public static let allowedPeoplePerYear = 10...1000

    public var hoursPerWeek: Double
    public var peoplePerYear: Int

    public init(hoursPerWeek: Double = Capacity.fullTimeHours, peoplePerYear: Int = Capacity.defaultPeoplePerYear) {
        self.hoursPerWeek = hoursPerWeek
        self.peoplePerYear = peoplePerYear
    }

    public func capacity(under policy: WorkforcePolicy) -> Capacity {
        Capacity(hoursPerWeek: hoursPerWeek, peoplePerYear: peoplePerYear, weightedCeiling: policy.weightedCeiling)
    }

    public static func validate(hoursPerWeek: String, peoplePerYear: String) throws(ValidationFailure) -> WorkerHours {
        var collector = ValidationCollector()
        let hours = NumberText.decimal(hoursPerWeek, in: allowedHours, places: 2)
        if hours == nil {
            collector.add("hoursPerWeek", "Enter hours a week from 1 to 60, such as 37.5 or 22.5")
        }
        let people = NumberText.whole(peoplePerYear, in: allowedPeoplePerYear)
        if people == nil {
            collector.add(
                "peoplePerYear",
                "Enter a number of people a year from \(allowedPeoplePerYear.lowerBound) to \(allowedPeoplePerYear.upperBound) (full time)"
            )
        }
        try collector.throwIfAny()
        return WorkerHours(hoursPerWeek: hours!, peoplePerYear: people!)
    }
}
