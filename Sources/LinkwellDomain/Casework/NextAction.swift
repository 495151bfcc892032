/// What a link worker should do next for someone on their caseload, and by
/// when. The caseload sorts by this, most overdue first.
public struct NextAction: Hashable, Sendable {
    public let description: String
    public let due: CalendarDate

    public init(description: String, due: CalendarDate) {
        self.description = description
        self.due = due
    }

    public static let keepInTouchEveryDays = 14
    public static let planWithinDaysOfFirstContact = 14

    /// The earliest of: first contact (by urgency) if there has been none;
    /// agreeing a plan if there is none; the plan's earliest open step; the
    /// plan's review; otherwise keeping in touch a fortnight after the last contact.
    public static func compute(
        urgency: Urgency, receivedOn: CalendarDate, firstContact: CalendarDate?, lastContact: CalendarDate?, plan: Plan?
    ) -> NextAction {
        guard let firstContact, let lastContact else {
            return NextAction(
                description: "Make first contact", due: receivedOn.adding(days: urgency.firstContactWithinDays))
        }
        var candidates: [NextAction] = []
        if let plan, !plan.goals.isEmpty {
            if let step = plan.nextOpenStep, let due = step.byWhen {
                candidates.append(NextAction(description: step.what, due: due))
            }
            if let review = plan.reviewOn { candidates.append(NextAction(description: "Review the plan", due: review)) }
        } else {
            candidates.append(
                NextAction(description: "Agree a plan", due: firstContact.adding(days: planWithinDaysOfFirstContact)))
        }
        candidates.append(NextAction(description: "Keep in touch", due: lastContact.adding(days: keepInTouchEveryDays)))
        return candidates.min { $0.due < $1.due }!
    }
}

/// The rules for "this referral may be about someone we already know".
public enum DuplicateMatching {
    public enum Reason: String, Sendable, Equatable {
        case nhsNumber = "same NHS number"
        case nameAndBirthDate = "same name and date of birth"
        case birthDateAndPostcode = "same date of birth and postcode"
    }

    /// Why `candidate` may be the same person as `existing`, or nil.
    public static func match(_ candidate: PersonDetails, _ existing: PersonDetails) -> Reason? {
        if let a = candidate.nhsNumber, let b = existing.nhsNumber { return a == b ? .nhsNumber : nil }
        if candidate.dateOfBirth == existing.dateOfBirth {
            if normalisedName(candidate.name) == normalisedName(existing.name) { return .nameAndBirthDate }
            if let a = candidate.postcode, let b = existing.postcode, a == b { return .birthDateAndPostcode }
        }
        return nil
    }

    /// Lowercase letters only, so "Mary-Ann O'Neil" matches "mary ann oneil".
    public static func normalisedName(_ name: String) -> String {
        String(name.lowercased().filter(\.isLetter))
    }
}

/// The discharge form, as typed.
public struct DischargeForm: Sendable, Equatable {
    public var reason = ""
    public var summary = ""

    public init(reason: String = "", summary: String = "") {
        self.reason = reason
        self.summary = summary
    }

    public func validate() throws(ValidationFailure) -> (DischargeReason, String) {
        var collector = ValidationCollector()
        let reason = DischargeReason(rawValue: self.reason)
        if reason == nil { collector.add("reason", "Select why they are being discharged") }
        let summary = self.summary.trimmingWhitespace()
        if summary.isEmpty { collector.add("summary", "Write a short summary for the person's GP and referrer") }
        if summary.count > 4000 { collector.add("summary", "The summary must be 4000 characters or fewer") }
        try collector.throwIfAny()
        return (reason!, summary)
    }
}
