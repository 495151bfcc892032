import Foundation
import LinkwellDomain
import LinkwellStore

/// A year of made-up casework for the demo: a few hundred people of Riverside
/// in every state (waiting in the inbox, accepted, active, discharged,
/// declined, redirected, withdrawn), with their conversations, what matters
/// to them, plans and discharges, so every page has something to show.
///
/// It is generated from a fixed seed, so every demo is the same town, and
/// applied in date order, so the audit log and timelines read naturally.
enum DemoCasework {
    struct Setting {
        let organisation: OrganisationID
        let workers: [User]
        let practices: [Practice]
        let needs: [Need]
        let people: Int
        /// Services of the demo's community provider, to connect people to.
        var connectionServices: [ConnectedService] = []
        /// The provider's user, who answers.
        var provider: User?
    }

    /// One thing that happens on a day: a referral, a contact, a plan, a discharge.
    fileprivate struct Event {
        let at: Date
        let order: Int
        let apply: (any LinkwellStore) async throws -> Void
    }

    /// Returns the postcodes the people live at, so the demo can place them.
    @discardableResult
    static func seed(into store: any LinkwellStore, setting: Setting, now: Date) async throws -> Set<String> {
        var random = SeededGenerator(seed: 20_260_302)
        var events: [Event] = []
        var people: [(ReferralID, PersonDetails)] = []
        for index in 0..<setting.people {
            let story = Story.make(index: index, count: setting.people, now: now, setting: setting, random: &random)
            events += story.events(setting: setting, now: now, twinOf: story.twin(of: people), random: &random)
            people.append((story.referralID, story.person))
        }
        for event in events.sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) {
            try await event.apply(store)
        }
        return Set(people.compactMap { $0.1.postcode?.value })
    }

    /// One person's time with the service.
    fileprivate struct Story {
        let index: Int
        let referralID: ReferralID
        let personID: PersonID
        let person: PersonDetails
        let referral: NewReferral
        let received: Date
        let outcome: ReferralStatus
        let worker: User

        static func make(index: Int, count: Int, now: Date, setting: Setting, random: inout SeededGenerator) -> Story {
            // Of every 32 people: 3 waiting, 2 accepted, 1 each declined, redirected and withdrawn,
            // 13 active, 11 discharged.
            let pattern: [ReferralStatus] =
                [.received, .received, .received, .accepted, .accepted, .declined, .redirected, .withdrawn]
                + Array(repeating: .active, count: 13) + Array(repeating: .discharged, count: 11)
            let outcome = pattern[index % pattern.count]
            let daysAgo: Int =
                switch outcome {
                case .received: random.int(in: 0...12)
                case .accepted: random.int(in: 1...10)
                case .active: random.int(in: 8...75)
                case .discharged: random.int(in: 70...360)
                default: random.int(in: 5...300)
                }
            let received = now.addingTimeInterval(-Double(daysAgo) * 86_400 - Double(random.int(in: 0...6)) * 3600)
            let person = Names.person(index: index, random: &random, today: CalendarDate(now, in: .gmt))
            let reasons = Stories.reasons(random: &random)
            let practice =
                setting.practices.isEmpty ? nil : setting.practices[random.int(in: 0...(setting.practices.count - 1))]
            let source: ReferralSource = random.chance(0.1) ? .selfReferral : .staff
            let referrer: Referrer =
                source == .selfReferral
                ? Referrer(organisation: "Self-referral", name: person.name, role: "Self")
                : (random.chance(0.75) && practice != nil
                    ? Referrer(
                        practiceID: practice!.id, organisation: practice!.name, name: Names.gp(random: &random),
                        role: random.chance(0.8) ? "GP" : "Practice nurse")
                    : Stories.agencyReferrer(random: &random))
            let urgency: Urgency = random.chance(0.06) ? .urgent : (random.chance(0.15) ? .soon : .routine)
            let referral = NewReferral(
                person: person, source: source, referrer: referrer, reasons: reasons,
                details: Stories.referralText(for: reasons, name: person.knownAs, random: &random), urgency: urgency,
                consent: Consent(
                    givenBy: random.chance(0.9) ? .person : .representative,
                    representative: nil, givenOn: CalendarDate(received, in: .gmt)))
            let weights = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]  // Priya carries a little more than the others
            let worker = setting.workers[weights[random.int(in: 0...(weights.count - 1))] % setting.workers.count]
            var consent = referral.consent
            if consent.givenBy == .representative {
                consent.representative = "\(Names.first(random: &random)) (daughter)"
            }
            var finalReferral = referral
            finalReferral.consent = consent
            // Referrals from the PCN's own practices came in through Linkwell,
            // so the practice can follow them (the referrer's home page).
            if let practice = finalReferral.referrer.practiceID {
                finalReferral.referringOrganisationID = setting.organisation
                finalReferral.referringPracticeID = practice
            }
            return Story(
                index: index, referralID: ReferralID(), personID: PersonID(), person: person, referral: finalReferral,
                received: received, outcome: outcome, worker: worker)
        }

        /// A few waiting referrals are about someone already known: same name and birth date.
        func twin(of known: [(ReferralID, PersonDetails)]) -> PersonDetails? {
            guard outcome == .received, index % 64 == 1, let earlier = known.dropLast(10).last else { return nil }
            return earlier.1
        }

        func events(setting: Setting, now: Date, twinOf twin: PersonDetails?, random: inout SeededGenerator) -> [Event]
        {
            var events: [Event] = []
            var order = index * 1000
            func next() -> Int {
                order += 1
                return order
            }
            let organisation = setting.organisation
            let worker = Actor(userID: worker.id, name: worker.name)
            let workerUser = self.worker
            let referralID = self.referralID
            let personID = self.personID
            var person = self.person
            var referral = self.referral
            if let twin {
                person.name = twin.name
                person.dateOfBirth = twin.dateOfBirth
                referral.person = person
            }
            let isTwin = twin != nil
            let finalReferral = referral
            let received = self.received
            func audit(_ action: AuditAction, _ at: Date, _ target: AuditTarget, by user: User?, _ detail: String = "")
                -> AuditEntry
            {
                AuditEntry(
                    occurredAt: at, organisationID: organisation, actorID: user?.id,
                    actorLabel: user?.auditLabel
                        ?? (finalReferral.source == .selfReferral ? "self-referral form" : "demo data"),
                    action: action, target: target, clientAddress: nil, detail: detail)
            }

            // Received.
            events.append(
                Event(at: received, order: next()) { store in
                    var duplicate: PersonID?
                    if isTwin {
                        duplicate = try await store.people.possibleDuplicates(
                            of: finalReferral.person, in: organisation, excluding: nil
                        ).first?.0.id
                    }
                    try await store.referrals.create(
                        id: referralID, personID: personID, in: organisation, finalReferral,
                        possibleDuplicateOf: duplicate, at: received,
                        by: Actor(userID: nil, name: finalReferral.referrer.name),
                        audit: audit(.referralReceived, received, .referral(referralID), by: nil))
                })
            if outcome == .received { return events }

            let triaged = received.addingTimeInterval(Double(random.int(in: 2...40)) * 3600)
            func move(_ move: ReferralMove, at: Date) -> Event {
                Event(at: at, order: next()) { store in
                    guard let current = try await store.referrals.referral(referralID, in: organisation)?.referral
                    else { return }
                    let transition = try current.transition(move, by: .linkWorker)
                    try await store.referrals.transition(
                        referralID, in: organisation, transition, expectedVersion: current.version, at: at, by: worker,
                        audit: audit(
                            .referralStatusChanged, at, .referral(referralID), by: workerUser, "\(transition.to.label)")
                    )
                }
            }
            switch outcome {
            case .declined:
                events.append(
                    move(
                        .decline(
                            reason: Stories.declineReasons[random.int(in: 0...(Stories.declineReasons.count - 1))]),
                        at: triaged))
                return events
            case .redirected:
                let service = Stories.redirections[random.int(in: 0...(Stories.redirections.count - 1))]
                events.append(move(.redirect(to: service, note: "Needs \(service) first"), at: triaged))
                return events
            default:
                events.append(move(.accept(assignTo: workerUser.id), at: triaged))
            }
            if outcome == .accepted { return events }
            if outcome == .withdrawn {
                events.append(
                    move(
                        .withdraw(reason: "Moved into a care home before the first conversation"),
                        at: triaged.addingTimeInterval(4 * 86_400)))
                return events
            }

            // The first conversation, with what matters.
            let firstDay = min(
                triaged.addingTimeInterval(
                    Double(random.int(in: 1...finalReferral.urgency.firstContactWithinDays)) * 86_400),
                now.addingTimeInterval(-3600))
            let matters = Stories.whatMatters(for: finalReferral.reasons, random: &random)
            let firstMinutes = random.int(in: 35...65)
            let firstMode: ContactMode = random.chance(0.4) ? .homeVisit : (random.chance(0.6) ? .faceToFace : .phone)
            let firstNote = Stories.firstNote(name: person.knownAs, random: &random)
            events.append(
                Event(at: firstDay, order: next()) { store in
                    guard let current = try await store.referrals.referral(referralID, in: organisation)?.referral
                    else { return }
                    try await store.casework.recordContact(
                        id: ContactID(), on: referralID, in: organisation,
                        NewContact(
                            occurredOn: CalendarDate(firstDay, in: .gmt), durationMinutes: firstMinutes,
                            mode: firstMode, note: firstNote),
                        startingCase: try current.transition(.firstContact, by: .linkWorker), whatMatters: (matters, 0),
                        at: firstDay, by: worker,
                        audit: audit(
                            .contactRecorded, firstDay, .person(personID), by: workerUser,
                            "\(firstMode.label), \(firstMinutes) minutes, with what matters"))
                })

            // The plan, a few days later.
            let planDay = min(
                firstDay.addingTimeInterval(Double(random.int(in: 2...10)) * 86_400), now.addingTimeInterval(-1800))
            let plan = Stories.plan(
                for: finalReferral.reasons, startingOn: CalendarDate(planDay, in: .gmt), random: &random)
            events.append(
                Event(at: planDay, order: next()) { store in
                    try await store.casework.savePlan(
                        of: referralID, in: organisation, plan, summary: plan.describeChanges(from: nil),
                        expectedVersion: 0, at: planDay,
                        by: worker,
                        audit: audit(
                            .planSaved, planDay, .person(personID), by: workerUser, plan.describeChanges(from: nil)))
                })

            // Follow-ups every week or two and a half, until discharge, or for
            // people still active until a few days ago. At each, steps whose date
            // has passed are usually done, and a review that fell due is held.
            let end =
                outcome == .discharged
                ? min(
                    received.addingTimeInterval(Double(random.int(in: 50...110)) * 86_400),
                    now.addingTimeInterval(-86_400))
                : now.addingTimeInterval(-Double(random.int(in: 1...16)) * 86_400)
            events += connections(
                after: planDay, dischargedAt: outcome == .discharged ? end : nil, matters: matters, setting: setting,
                now: now)
            events += measures(
                firstDay: firstDay, dischargedAt: outcome == .discharged ? end : nil, setting: setting, now: now)
            var day = planDay.addingTimeInterval(Double(random.int(in: 5...12)) * 86_400)
            var progressed = plan
            var planVersion = 1
            while day < end {
                let at = day
                let minutes = random.int(in: 10...45)
                let mode: ContactMode = random.chance(0.55) ? .phone : (random.chance(0.5) ? .faceToFace : .textOrEmail)
                let note = Stories.followUpNote(random: &random)
                events.append(
                    Event(at: at, order: next()) { store in
                        try await store.casework.recordContact(
                            id: ContactID(), on: referralID, in: organisation,
                            NewContact(
                                occurredOn: CalendarDate(at, in: .gmt), durationMinutes: minutes, mode: mode, note: note
                            ), startingCase: nil, whatMatters: nil,
                            at: at, by: worker,
                            audit: audit(
                                .contactRecorded, at, .person(personID), by: workerUser,
                                "\(mode.label), \(minutes) minutes"))
                    })
                let today = CalendarDate(at, in: .gmt)
                var updated = progressed
                for goal in updated.goals.indices {
                    for step in updated.goals[goal].steps.indices
                    where updated.goals[goal].steps[step].status.isOpen
                        && (updated.goals[goal].steps[step].byWhen ?? today) <= today
                    {
                        if random.chance(0.9) { updated.goals[goal].steps[step].status = .done }
                    }
                }
                if let review = updated.reviewOn, review <= today { updated.reviewOn = today.adding(days: 42) }
                if updated != progressed {
                    let before = progressed
                    let saved = updated
                    let expected = planVersion
                    planVersion += 1
                    progressed = updated
                    let when = at.addingTimeInterval(600)
                    events.append(
                        Event(at: when, order: next()) { store in
                            try await store.casework.savePlan(
                                of: referralID, in: organisation, saved, summary: saved.describeChanges(from: before),
                                expectedVersion: expected,
                                at: when, by: worker,
                                audit: audit(
                                    .planSaved, when, .person(personID), by: workerUser,
                                    saved.describeChanges(from: before)))
                        })
                }
                // The last contact falls on the story's last day, and then the story stops.
                let last = end.addingTimeInterval(-1)
                if day >= last { break }
                day = min(day.addingTimeInterval(Double(random.int(in: 7...18)) * 86_400), last)
            }

            if outcome == .discharged {
                let reason = Stories.dischargeReason(random: &random)
                var reviewed = progressed
                for goal in reviewed.goals.indices {
                    reviewed.goals[goal].attainment =
                        reason == .goalsMet ? random.int(in: 3...5) : random.int(in: 1...3)
                }
                let before = progressed
                let expected = planVersion
                let reviewAt = end.addingTimeInterval(700)  // after the last contact and its plan update
                events.append(
                    Event(at: reviewAt, order: next()) { store in
                        try await store.casework.savePlan(
                            of: referralID, in: organisation, reviewed, summary: reviewed.describeChanges(from: before),
                            expectedVersion: expected,
                            at: reviewAt, by: worker,
                            audit: audit(
                                .planSaved, reviewAt, .person(personID), by: workerUser, "Goal progress recorded"))
                    })
                let summary = Stories.dischargeSummary(reason, name: person.knownAs, random: &random)
                events.append(move(.discharge(reason, summary: summary), at: end.addingTimeInterval(900)))
            }
            return events
        }
    }
}

extension DemoCasework.Story {
    /// Most people are connected to one of the community provider's services
    /// a couple of hours after their plan: the provider answers within days
    /// (usually yes), and most of those accepted go. Recent ones still wait
    /// for an answer, so the provider's page has something to do. Its own
    /// generator, so the rest of the demo stays as it was.
    fileprivate func connections(
        after planDay: Date, dischargedAt: Date?, matters: WhatMatters, setting: DemoCasework.Setting, now: Date
    ) -> [DemoCasework.Event] {
        guard let provider = setting.provider, !setting.connectionServices.isEmpty else { return [] }
        var dice = SeededGenerator(seed: 90_000 + UInt64(index))
        guard dice.chance(0.7) else { return [] }
        let service = dice.pick(setting.connectionServices)
        let kind: ConnectionKind = dice.chance(0.75) ? .formalReferral : .warmIntroduction
        let items: [SharedItem] = dice.chance(0.5) ? [.name, .contactDetails, .whatMatters] : [.name, .contactDetails]
        let sentAt = planDay.addingTimeInterval(7200)
        let last = (dischargedAt ?? now).addingTimeInterval(-3600)
        guard sentAt < last else { return [] }
        let id = ConnectionID()
        let organisation = setting.organisation
        let worker = self.worker
        let person = Person(
            id: personID, organisationID: organisation, details: self.person, createdAt: received, updatedAt: received,
            version: 1)
        let labels = Dictionary(setting.needs.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        let new = NewConnection(
            service: service, kind: kind, sharedItems: items,
            shared: SharedDetails(items, of: person, whatMatters: matters, needLabels: labels),
            note: dice.pick(DemoCasework.connectionNotes), status: .referred,
            responseDays: ConnectionDeadline.defaultDays)
        let referralID = self.referralID
        func audit(_ action: AuditAction, _ at: Date, by user: User, _ detail: String) -> AuditEntry {
            AuditEntry(
                occurredAt: at, organisationID: organisation, actorID: user.id, actorLabel: user.auditLabel,
                action: action,
                target: .connection(id), clientAddress: nil, detail: detail)
        }
        var events = [
            DemoCasework.Event(at: sentAt, order: index * 1000 + 900) { store in
                try await store.connections.create(
                    id: id, on: referralID, in: organisation, new, at: sentAt,
                    by: Actor(userID: worker.id, name: worker.name),
                    messages: [], audit: audit(.connectionMade, sentAt, by: worker, kind.label))
            }
        ]
        // Answered after one to nine days; until then, it waits.
        let answeredAt = sentAt.addingTimeInterval(
            Double(dice.int(in: 1...9)) * 86_400 + Double(dice.int(in: 1...7)) * 3600)
        guard answeredAt < now else { return events }
        let accepted = dice.chance(0.85)
        var steps: [(ConnectionStatus, String, Date)] = [
            (accepted ? .accepted : .declined, accepted ? "" : dice.pick(DemoCasework.declineReasons), answeredAt)
        ]
        if accepted {
            let started = answeredAt.addingTimeInterval(Double(dice.int(in: 3...10)) * 86_400)
            if started < last {
                let went = dice.chance(0.8)
                steps.append((.attending, "", started))
                if !went {
                    steps.append((.didNotAttend, "", started.addingTimeInterval(3600)))
                } else if dischargedAt != nil {
                    // Discharged since: they finished, or stopped.
                    let finished = started.addingTimeInterval(Double(dice.int(in: 20...50)) * 86_400)
                    if finished < last {
                        steps.append(
                            dice.chance(0.85)
                                ? (.completed, "", finished)
                                : (.stoppedAttending, "Found it too far to travel each week", finished))
                    }
                }
            }
        }
        for (order, step) in steps.enumerated() {
            let (status, reason, at) = step
            events.append(
                DemoCasework.Event(at: at, order: index * 1000 + 901 + order) { store in
                    guard let current = try await store.connections.connection(id, in: organisation) else { return }
                    let mover = ConnectionMover(kind: .provider, userID: provider.id, name: provider.name)
                    try await store.connections.transition(
                        id, in: organisation, try current.status.transition(to: status, by: .provider, reason: reason),
                        expectedVersion: current.version, at: at, by: mover, messages: [],
                        audit: audit(.connectionStatusChanged, at, by: provider, "\(status.label) by the provider"))
                })
        }
        return events
    }
}

extension DemoCasework.Story {
    /// Loneliness (UCLA-3) and wellbeing (ONS4) at the first conversation,
    /// then after twelve weeks or at discharge, usually a little better.
    /// Its own generator, so the rest of the demo stays as it was.
    fileprivate func measures(firstDay: Date, dischargedAt: Date?, setting: DemoCasework.Setting, now: Date)
        -> [DemoCasework.Event]
    {
        let instruments = DemoCasework.instruments
        guard let ucla = instruments.first(where: { $0.id == "ucla-3" }),
            let ons4 = instruments.first(where: { $0.id == "ons4" })
        else {
            return []
        }
        var dice = SeededGenerator(seed: 70_000 + UInt64(index))
        let organisation = setting.organisation
        let worker = self.worker
        let referralID = self.referralID
        let personID = self.personID
        var lonely = Double(dice.int(in: 6...9))
        var satisfied = Double(dice.int(in: 2...6))
        var occasions: [(Date, OutcomeOccasion)] = [(firstDay.addingTimeInterval(1800), .baseline)]
        if let dischargedAt {
            occasions.append((dischargedAt.addingTimeInterval(800), .discharge))
        } else if firstDay.addingTimeInterval(84 * 86_400) < now.addingTimeInterval(-3600) {
            occasions.append((firstDay.addingTimeInterval(84 * 86_400), .followUp))
        }
        var events: [DemoCasework.Event] = []
        for (order, (at, occasion)) in occasions.enumerated() {
            if order > 0 {
                lonely = max(3, lonely - Double(dice.int(in: -1...4)))
                satisfied = min(10, satisfied + Double(dice.int(in: -1...4)))
            }
            let answers = Self.spread(lonely, over: ucla, dice: &dice)
            let wellbeing = [
                "life-satisfaction": satisfied, "worthwhile": min(10, satisfied + 1), "happiness": satisfied,
                "anxiety": max(0, 9 - satisfied),
            ]
            for (definition, given) in [(ucla, answers), (ons4, wellbeing)] {
                let measurement = OutcomeMeasurement(
                    id: OutcomeMeasurementID(), organisationID: organisation, personID: personID,
                    referralID: referralID,
                    instrumentID: definition.id, instrumentVersion: definition.version, occasion: occasion,
                    answers: given,
                    score: definition.score(given).total, handedOver: dice.chance(0.3),
                    takenOn: CalendarDate(at, in: .gmt),
                    recordedByName: worker.name, recordedAt: at)
                events.append(
                    DemoCasework.Event(
                        at: at, order: index * 1000 + 950 + order * 2 + (definition.id == "ons4" ? 1 : 0)
                    ) { store in
                        try await store.outcomes.record(
                            measurement, by: Actor(userID: worker.id, name: worker.name),
                            audit: AuditEntry(
                                occurredAt: at, organisationID: organisation, actorID: worker.id,
                                actorLabel: worker.auditLabel,
                                action: .outcomeRecorded, target: .person(personID), clientAddress: nil,
                                detail: "\(definition.id), \(occasion.label.lowercased())"))
                    })
            }
        }
        return events
    }

    /// UCLA-3 answers (1 to 3 each) adding up to `total`.
    static func spread(_ total: Double, over definition: InstrumentDefinition, dice: inout SeededGenerator) -> [String:
        Double]
    {
        var left = Int(total)
        var answers: [String: Double] = [:]
        for (position, item) in definition.items.enumerated() {
            let remaining = definition.items.count - position - 1
            let value = min(3, max(1, left - remaining))
            answers[item.id] = Double(value)
            left -= value
        }
        return answers
    }
}

extension DemoCasework {
    /// The built-in instruments, for the demo's measures.
    static let instruments = BuiltInInstruments.loadEach()

    static let connectionNotes = [
        "Nervous about the first time; would like to be met at the door.",
        "Keen to start. Mornings suit best.",
        "Hard of hearing: please speak clearly and face them.",
        "Would like to bring her daughter the first time.",
        "",
    ]

    static let declineReasons = [
        "The group is full until the new year; we have added them to the waiting list.",
        "We only work with people over 65.",
        "Outside our area: we have passed on the details of the group in Meadowbank.",
    ]
}

/// A small, seeded random number generator (SplitMix64): the same seed gives
/// the same town on every machine, and the same test cases on every run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    public mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    public mutating func pick<T>(_ items: [T]) -> T {
        items[int(in: 0...(items.count - 1))]
    }
}
