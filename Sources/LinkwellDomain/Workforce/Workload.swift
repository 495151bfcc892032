import Foundation

/// One referral's time on one link worker's caseload (a referral given to
/// someone else has a spell with each), with the facts its complexity is
/// scored from. The store reads these; everything a caseload or a team page
/// says about load is worked out from them here.
public struct CaseloadSpell: Hashable, Sendable {
    public struct ContactTime: Hashable, Sendable {
        public let id: ContactID
        public let on: CalendarDate
        public let minutes: Int
        /// Who had the conversation; nil counts for the spell's worker.
        public let recordedBy: UserID?

        public init(id: ContactID = ContactID(), on: CalendarDate, minutes: Int, recordedBy: UserID? = nil) {
            self.id = id
            self.on = on
            self.minutes = minutes
            self.recordedBy = recordedBy
        }
    }

    public let referralID: ReferralID
    public let workerID: UserID
    /// The day it came to this worker: accepted, or given to them later.
    public let started: CalendarDate
    /// The day it left them: closed (discharged, declined, redirected,
    /// withdrawn) or given to someone else.
    public let ended: CalendarDate?
    /// The day the referral was accepted into the service, whoever had it.
    public let acceptedOn: CalendarDate
    public let needs: [WhatMatters.Importance]
    public let riskFlag: Bool
    public let safeguardingFlag: Bool
    public let interpreterNeeded: Bool
    public let contacts: [ContactTime]

    public init(
        referralID: ReferralID, workerID: UserID, started: CalendarDate, ended: CalendarDate?,
        acceptedOn: CalendarDate? = nil,
        needs: [WhatMatters.Importance], riskFlag: Bool, safeguardingFlag: Bool, interpreterNeeded: Bool,
        contacts: [ContactTime]
    ) {
        self.referralID = referralID
        self.workerID = workerID
        self.started = started
        self.ended = ended
        self.acceptedOn = acceptedOn ?? started
        self.needs = needs
        self.riskFlag = riskFlag
        self.safeguardingFlag = safeguardingFlag
        self.interpreterNeeded = interpreterNeeded
        self.contacts = contacts
    }

    /// On the caseload at the end of `day`.
    public func isOpen(atEndOf day: CalendarDate) -> Bool {
        started <= day && (ended.map { $0 > day } ?? true)
    }

    /// Its complexity at the end of `day`. Needs and flags are as they are
    /// now (they are not versioned); contacts (whoever had them) and weeks in
    /// the service as they were then.
    public func complexity(atEndOf day: CalendarDate) -> Complexity {
        let window = day.adding(days: -27)...day
        return Complexity(
            .init(
                needs: needs, riskFlag: riskFlag, safeguardingFlag: safeguardingFlag,
                contactsInLastFourWeeks: contacts.filter { window.contains($0.on) }.count,
                weeksOnCaseload: max(0, acceptedOn.days(until: day)) / 7, interpreterNeeded: interpreterNeeded))
    }
}

/// A link worker's load at the end of one day.
public struct WorkloadSnapshot: Hashable, Sendable {
    public let day: CalendarDate
    /// People on the caseload.
    public let active: Int
    /// The caseload, each person counted by their complexity weight.
    public let weighted: Double
    /// People taken on (accepted, or given to them) in the four weeks up to
    /// and including the day.
    public let newInLastFourWeeks: Int
    /// The worker's own contacts on their caseload, and hours of them, over
    /// the same four weeks.
    public let contactsInLastFourWeeks: Int
    public let minutesInLastFourWeeks: Int
    public let isOver: Bool

    public var newPerWeek: Double { Double(newInLastFourWeeks) / 4 }
    public var contactsPerWeek: Double { Double(contactsInLastFourWeeks) / 4 }
    public var hoursPerWeek: Double { Double(minutesInLastFourWeeks) / 60 / 4 }

    /// `spells` must be one worker's.
    public init(of spells: [CaseloadSpell], atEndOf day: CalendarDate, capacity: Capacity) {
        let window = day.adding(days: -27)...day
        let open = spells.filter { $0.isOpen(atEndOf: day) }
        self.day = day
        active = open.count
        weighted = open.map { $0.complexity(atEndOf: day).weight }.reduce(0, +)
        // Each person once, however often their referral changed hands; a
        // spell over within its first day (a slip put right) is not a person taken on.
        newInLastFourWeeks =
            Set(spells.filter { window.contains($0.started) && $0.ended != $0.started }.map(\.referralID)).count
        var seen = Set<ContactID>()
        let contacts = spells.flatMap { spell in
            spell.contacts.filter { ($0.recordedBy ?? spell.workerID) == spell.workerID && window.contains($0.on) }
        }.filter { seen.insert($0.id).inserted }
        contactsInLastFourWeeks = contacts.count
        minutesInLastFourWeeks = contacts.map(\.minutes).reduce(0, +)
        isOver = capacity.isOver(weightedLoad: weighted, newPeopleLastFourWeeks: newInLastFourWeeks)
    }
}

/// A link worker's load now, against their capacity, and whether they have
/// been over it at the end of each of the last two weeks (weeks end on
/// Sunday; the week in progress does not count).
public struct Workload: Hashable, Sendable {
    public let capacity: Capacity
    public let now: WorkloadSnapshot
    public let lastWeekEnds: [WorkloadSnapshot]

    public init(of spells: [CaseloadSpell], capacity: Capacity, today: CalendarDate) {
        self.capacity = capacity
        now = WorkloadSnapshot(of: spells, atEndOf: today, capacity: capacity)
        let lastSunday = Self.lastWeekEnd(before: today)
        lastWeekEnds = [lastSunday.adding(days: -7), lastSunday].map {
            WorkloadSnapshot(of: spells, atEndOf: $0, capacity: capacity)
        }
    }

    /// Over capacity at the end of both of the last two weeks.
    public var warns: Bool { Capacity.warns(overAtWeekEnds: lastWeekEnds.map(\.isOver)) }

    /// Weighted places left before the ceiling (negative when over).
    public var room: Double { capacity.ceiling - now.weighted }

    /// The most recent Sunday strictly before `day`.
    public static func lastWeekEnd(before day: CalendarDate) -> CalendarDate {
        // weekday is 1 (Monday) … 7 (Sunday): that many days back is a Sunday.
        day.adding(days: -day.weekday)
    }

    /// Workers in the order an assignment should consider them: most room
    /// first, anyone warned about (over for two weeks running) last.
    public static func assignmentOrder<ID: Hashable>(_ loads: [(id: ID, load: Workload)]) -> [ID] {
        loads.enumerated().sorted { a, b in
            if a.element.load.warns != b.element.load.warns { return !a.element.load.warns }
            if abs(a.element.load.room - b.element.load.room) > 1e-9 {
                return a.element.load.room > b.element.load.room
            }
            return a.offset < b.offset
        }.map(\.element.id)
    }
}
