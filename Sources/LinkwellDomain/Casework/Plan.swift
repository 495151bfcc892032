import Foundation

/// The personalised care and support plan: a few goals in the person's own
/// words, each with small steps, and when to look at it again.
public struct Plan: Hashable, Sendable, Codable {
    public struct Goal: Hashable, Sendable, Codable {
        /// In the person's own words: "I want to get out of the house twice a week".
        public var text: String
        public var steps: [Step]
        /// How far the goal has been achieved, 1 (not at all) to 5 (fully), when reviewed.
        public var attainment: Int?

        public init(text: String, steps: [Step] = [], attainment: Int? = nil) {
            self.text = text
            self.steps = steps
            self.attainment = attainment
        }
    }

    public struct Step: Hashable, Sendable, Codable {
        public var what: String
        /// "Me", "Priya (link worker)", "My daughter".
        public var who: String
        public var byWhen: CalendarDate?
        public var status: StepStatus

        public init(what: String, who: String, byWhen: CalendarDate?, status: StepStatus = .toDo) {
            self.what = what
            self.who = who
            self.byWhen = byWhen
            self.status = status
        }
    }

    public enum StepStatus: String, Sendable, CaseIterable, Codable {
        case toDo = "to_do", inProgress = "in_progress", done, notDoing = "not_doing"

        public var label: String {
            switch self {
            case .toDo: "To do"
            case .inProgress: "Started"
            case .done: "Done"
            case .notDoing: "Not doing"
            }
        }

        public var isOpen: Bool { self == .toDo || self == .inProgress }
    }

    public var goals: [Goal]
    public var reviewOn: CalendarDate?

    public init(goals: [Goal] = [], reviewOn: CalendarDate? = nil) {
        self.goals = goals
        self.reviewOn = reviewOn
    }

    /// The earliest open step with a date, for the caseload's "next action".
    public var nextOpenStep: Step? {
        goals.flatMap(\.steps).filter { $0.status.isOpen && $0.byWhen != nil }.min { $0.byWhen! < $1.byWhen! }
    }

    /// One line on what changed from `older` to this plan, for the version history.
    public func describeChanges(from older: Plan?) -> String {
        guard let older else {
            return goals.count == 1 ? "Plan made with 1 goal" : "Plan made with \(goals.count) goals"
        }
        var changes: [String] = []
        let added = goals.count - older.goals.count
        if added > 0 { changes.append(added == 1 ? "1 goal added" : "\(added) goals added") }
        if added < 0 { changes.append(-added == 1 ? "1 goal removed" : "\(-added) goals removed") }
        let oldSteps = older.goals.flatMap(\.steps)
        let newSteps = goals.flatMap(\.steps)
        let completed = newSteps.filter { $0.status == .done }.count - oldSteps.filter { $0.status == .done }.count
        if newSteps.count != oldSteps.count {
            let difference = newSteps.count - oldSteps.count
            changes.append(difference > 0 ? "\(difference) step(s) added" : "\(-difference) step(s) removed")
        }
        if completed > 0 { changes.append("\(completed) step(s) done") }
        if reviewOn != older.reviewOn, let reviewOn { changes.append("review date set to \(reviewOn.shortText)") }
        let rewordedGoals = zip(goals, older.goals).filter { $0.text != $1.text }.count
        if rewordedGoals > 0 { changes.append("\(rewordedGoals) goal(s) reworded") }
        let stepEdits = zip(newSteps, oldSteps).filter { $0 != $1 && $0.status == $1.status }.count
        if stepEdits > 0 { changes.append("\(stepEdits) step(s) changed") }
        let attainment = zip(goals, older.goals).filter { $0.attainment != $1.attainment }.count
        if attainment > 0 { changes.append("goal progress recorded") }
        return changes.isEmpty
            ? "Saved without changes"
            : changes.joined(separator: ", ").prefix(1).uppercased() + changes.joined(separator: ", ").dropFirst()
    }
}

/// A saved version of a plan: the plan as it was, who saved it and when.
public struct PlanVersion: Hashable, Sendable {
    public let version: Int
    public let plan: Plan
    public let summary: String
    public let savedBy: UserID?
    public let savedByName: String
    public let savedAt: Date

    public init(version: Int, plan: Plan, summary: String, savedBy: UserID?, savedByName: String, savedAt: Date) {
        self.version = version
        self.plan = plan
        self.summary = summary
        self.savedBy = savedBy
        self.savedByName = savedByName
        self.savedAt = savedAt
    }
}

/// The plan form: numbered goal slots, each with numbered step slots, so that
/// a whole plan can be written in one submission without JavaScript. Empty
/// slots are ignored.
public struct PlanForm: Sendable, Equatable {
    public struct GoalSlot: Sendable, Equatable {
        public var text = ""
        public var attainment = ""
        public var steps: [StepSlot] = []

        public init(text: String = "", attainment: String = "", steps: [StepSlot] = []) {
            self.text = text
            self.attainment = attainment
            self.steps = steps
        }
    }

    public struct StepSlot: Sendable, Equatable {
        public var what = ""
        public var who = ""
        public var day = ""
        public var month = ""
        public var year = ""
        public var status = ""

        public init(
            what: String = "", who: String = "", day: String = "", month: String = "", year: String = "",
            status: String = ""
        ) {
            self.what = what
            self.who = who
            self.day = day
            self.month = month
            self.year = year
            self.status = status
        }

        var isEmpty: Bool { (what + who + day + month + year).trimmingWhitespace().isEmpty }
    }

    public var goals: [GoalSlot] = []
    public var reviewDay = ""
    public var reviewMonth = ""
    public var reviewYear = ""

    public init() {}

    /// The form for an existing plan, with room for one more goal and one
    /// more step in each goal.
    public init(_ plan: Plan, spareGoals: Int = 1, spareSteps: Int = 1, stepsInNewGoal: Int = 2) {
        goals =
            plan.goals.map { goal in
                GoalSlot(
                    text: goal.text, attainment: goal.attainment.map(String.init) ?? "",
                    steps: goal.steps.map { step in
                        StepSlot(
                            what: step.what, who: step.who, day: step.byWhen.map { String($0.day) } ?? "",
                            month: step.byWhen.map { String($0.month) } ?? "",
                            year: step.byWhen.map { String($0.year) } ?? "",
                            status: step.status.rawValue)
                    } + Array(repeating: StepSlot(), count: spareSteps))
            }
            + Array(repeating: GoalSlot(steps: Array(repeating: StepSlot(), count: stepsInNewGoal)), count: spareGoals)
        reviewDay = plan.reviewOn.map { String($0.day) } ?? ""
        reviewMonth = plan.reviewOn.map { String($0.month) } ?? ""
        reviewYear = plan.reviewOn.map { String($0.year) } ?? ""
    }

    /// Field names are `goal-G-text`, `goal-G-step-S-what` and so on, counting from 1.
    public static func fieldName(goal: Int, step: Int? = nil, _ part: String) -> String {
        step.map { "goal-\(goal)-step-\($0)-\(part)" } ?? "goal-\(goal)-\(part)"
    }

    public func validate(today: CalendarDate) throws(ValidationFailure) -> Plan {
        var collector = ValidationCollector()
        var goals: [Plan.Goal] = []
        for (goalIndex, slot) in self.goals.enumerated() {
            let g = goalIndex + 1
            let text = slot.text.trimmingWhitespace()
            let filledSteps = slot.steps.enumerated().filter { !$0.element.isEmpty }
            if text.isEmpty {
                if !filledSteps.isEmpty {
                    collector.add(
                        Self.fieldName(goal: g, "text"),
                        "Goal \(g): write the goal, in the person's own words, or clear its steps")
                }
                continue
            }
            if text.count > 500 {
                collector.add(Self.fieldName(goal: g, "text"), "Goal \(g) must be 500 characters or fewer")
            }
            var attainment: Int?
            if !slot.attainment.isEmpty {
                attainment = NumberText.whole(slot.attainment, in: 1...5)
                if attainment == nil {
                    collector.add(Self.fieldName(goal: g, "attainment"), "Goal \(g): choose progress from 1 to 5")
                }
            }
            var steps: [Plan.Step] = []
            for (stepIndex, step) in filledSteps {
                let s = stepIndex + 1
                let what = step.what.trimmingWhitespace()
                if what.isEmpty {
                    collector.add(
                        Self.fieldName(goal: g, step: s, "what"), "Goal \(g), step \(s): say what the step is")
                    continue
                }
                if what.count > 500 {
                    collector.add(
                        Self.fieldName(goal: g, step: s, "what"), "Goal \(g), step \(s) must be 500 characters or fewer"
                    )
                }
                var byWhen: CalendarDate?
                if !(step.day + step.month + step.year).trimmingWhitespace().isEmpty {
                    byWhen = collector.check(Self.fieldName(goal: g, step: s, "day")) { () throws(ValidationFailure) in
                        try CalendarDate.parse(
                            day: step.day, month: step.month, year: step.year, what: "goal \(g), step \(s)'s date")
                    }
                }
                let status = step.status.isEmpty ? .toDo : Plan.StepStatus(rawValue: step.status)
                if status == nil {
                    collector.add(Self.fieldName(goal: g, step: s, "status"), "Goal \(g), step \(s): choose a status")
                }
                steps.append(
                    Plan.Step(what: what, who: step.who.trimmingWhitespace(), byWhen: byWhen, status: status ?? .toDo))
            }
            goals.append(Plan.Goal(text: text, steps: steps, attainment: attainment))
        }
        if goals.isEmpty {
            collector.add(Self.fieldName(goal: 1, "text"), "Write at least one goal, in the person's own words")
        }
        var review: CalendarDate?
        if !(reviewDay + reviewMonth + reviewYear).trimmingWhitespace().isEmpty {
            review = collector.check("reviewDay") { () throws(ValidationFailure) in
                try CalendarDate.parse(day: reviewDay, month: reviewMonth, year: reviewYear, what: "the review date")
            }
            if let date = review, date < today { collector.add("reviewDay", "The review date must be today or later") }
        }
        try collector.throwIfAny()
        return Plan(goals: goals, reviewOn: review)
    }
}
