import Foundation
import LinkwellDomain
import Testing

@Suite("Link workers: workload over time")
struct WorkloadTests {
    let worker = UserID()
    /// Monday 2 March 2026.
    let monday = CalendarDate(iso: "2026-03-02")!

    func spell(
        started: String, ended: String? = nil, needs: [WhatMatters.Importance] = [], risk: Bool = false,
        contacts: [(String, Int)] = []
    ) -> CaseloadSpell {
        CaseloadSpell(
            referralID: ReferralID(), workerID: worker, started: CalendarDate(iso: started)!,
            ended: ended.map { CalendarDate(iso: $0)! },
            needs: needs, riskFlag: risk, safeguardingFlag: false, interpreterNeeded: false,
            contacts: contacts.map { .init(on: CalendarDate(iso: $0.0)!, minutes: $0.1) })
    }

    @Test("Weeks end on Sunday; the week in progress never counts")
    func weekEnds() {
        #expect(Workload.lastWeekEnd(before: monday) == CalendarDate(iso: "2026-03-01")!)
        #expect(
            Workload.lastWeekEnd(before: CalendarDate(iso: "2026-03-07")!) == CalendarDate(iso: "2026-03-01")!,
            "Saturday")
        #expect(
            Workload.lastWeekEnd(before: CalendarDate(iso: "2026-03-08")!) == CalendarDate(iso: "2026-03-01")!,
            "a Sunday not yet over")
        #expect(Workload.lastWeekEnd(before: CalendarDate(iso: "2026-03-09")!) == CalendarDate(iso: "2026-03-08")!)
    }

    @Test(
        "A snapshot counts who was on the caseload that day, weighted by their complexity then, and the last four weeks' work"
    )
    func snapshot() {
        let spells = [
            // Standard: one need a little.
            spell(started: "2026-01-05", needs: [.aLittle]),
            // Raised at the end of 1 March: a great deal (3) + risk (3) = 6; 2 contacts (1) = 7.
            spell(
                started: "2026-02-20", needs: [.aGreatDeal], risk: true,
                contacts: [("2026-02-21", 60), ("2026-02-28", 30), ("2026-01-10", 45)]),
            // Closed on 1 March: no longer on the caseload at the end of that day.
            spell(started: "2026-02-02", ended: "2026-03-01"),
            // Not yet started.
            spell(started: "2026-03-02"),
        ]
        let capacity = Capacity(hoursPerWeek: 37.5, peoplePerYear: 250, weightedCeiling: 60)
        let day = CalendarDate(iso: "2026-03-01")!
        let snapshot = WorkloadSnapshot(of: spells, atEndOf: day, capacity: capacity)
        #expect(snapshot.active == 2)
        #expect(spells[1].complexity(atEndOf: day).points == 7)
        #expect(snapshot.weighted == 2.5)
        #expect(snapshot.newInLastFourWeeks == 2, "started 2 and 20 February; 5 January is too long ago")
        #expect(snapshot.contactsInLastFourWeeks == 2)
        #expect(snapshot.minutesInLastFourWeeks == 90)
        #expect(snapshot.hoursPerWeek == 1.5 / 4)
        #expect(!snapshot.isOver)
        // Weeks on the caseload make an old spell heavier: 25 weeks is 2 points.
        #expect(spells[0].complexity(atEndOf: CalendarDate(iso: "2026-06-29")!).points == 1 + 2)
    }

    @Test("The warning comes only after two week ends over capacity, running, with a fixed clock")
    func warning() {
        // A part-time worker (15 hours): ceiling 60 × 0.4 = 24; 2 new a week at most (250 × 0.4 / 52 = 1.92).
        let capacity = Capacity(hoursPerWeek: 15)
        // Ten people, each high (risk + safeguarding... here: a great deal ×3 = 9, risk 3 = 12) counts 2: 20, within 24.
        var spells = (0..<10).map { _ in
            spell(started: "2026-01-05", needs: [.aGreatDeal, .aGreatDeal, .aGreatDeal], risk: true)
        }
        #expect(!Workload(of: spells, capacity: capacity, today: monday).now.isOver)
        // Three more taken on 18 February: 26 weighted, over from then on.
        spells += (0..<3).map { _ in
            spell(started: "2026-02-18", needs: [.aGreatDeal, .aGreatDeal, .aGreatDeal], risk: true)
        }
        let firstWeek = Workload(of: spells, capacity: capacity, today: CalendarDate(iso: "2026-02-24")!)
        #expect(firstWeek.now.isOver)
        #expect(firstWeek.lastWeekEnds.map(\.isOver) == [false, true], "over at the end of 22 February only")
        #expect(!firstWeek.warns)
        let twoWeeks = Workload(of: spells, capacity: capacity, today: monday)
        #expect(twoWeeks.lastWeekEnds.map(\.day.iso) == ["2026-02-22", "2026-03-01"])
        #expect(twoWeeks.warns)
        #expect(abs(twoWeeks.room - -2) < 1e-9)
        // Taking on too many new people is over capacity too, whatever the weights: 9 in four weeks is 2.25 a week.
        let busy = (0..<9).map { _ in spell(started: "2026-02-25") }
        #expect(Workload(of: busy, capacity: capacity, today: monday).now.isOver)
        #expect(!Workload(of: Array(busy.prefix(7)), capacity: capacity, today: monday).now.isOver)
    }

    @Test("A referral given to another worker: each counts it while they have it, and only their own contacts")
    func reassigned() {
        let referral = ReferralID()
        let (ann, ben) = (UserID(), UserID())
        let first = CaseloadSpell.ContactTime(on: CalendarDate(iso: "2026-02-10")!, minutes: 60, recordedBy: ann)
        let second = CaseloadSpell.ContactTime(on: CalendarDate(iso: "2026-02-25")!, minutes: 30, recordedBy: ben)
        func spell(_ worker: UserID, _ from: String, _ to: String?) -> CaseloadSpell {
            CaseloadSpell(
                referralID: referral, workerID: worker, started: CalendarDate(iso: from)!,
                ended: to.map { CalendarDate(iso: $0)! },
                acceptedOn: CalendarDate(iso: "2026-02-02")!, needs: [], riskFlag: false, safeguardingFlag: false,
                interpreterNeeded: false,
                contacts: [first, second])
        }
        let anns = [spell(ann, "2026-02-02", "2026-02-20")]
        let bens = [spell(ben, "2026-02-20", nil)]
        let day = CalendarDate(iso: "2026-03-01")!
        let annNow = WorkloadSnapshot(of: anns, atEndOf: day, capacity: Capacity())
        let benNow = WorkloadSnapshot(of: bens, atEndOf: day, capacity: Capacity())
        #expect(annNow.active == 0 && benNow.active == 1)
        #expect(
            annNow.minutesInLastFourWeeks == 60 && benNow.minutesInLastFourWeeks == 30, "each their own conversations")
        #expect(bens[0].complexity(atEndOf: day).points == 1, "both contacts count for the person: 2 in four weeks")
        #expect(WorkloadSnapshot(of: anns, atEndOf: CalendarDate(iso: "2026-02-15")!, capacity: Capacity()).active == 1)
        // Given back to Ann: her two spells share the referral's contacts, counted once, and she took on one person, not two.
        let back = anns + [spell(ann, "2026-02-27", nil)]
        #expect(WorkloadSnapshot(of: back, atEndOf: day, capacity: Capacity()).contactsInLastFourWeeks == 1)
        #expect(WorkloadSnapshot(of: back, atEndOf: day, capacity: Capacity()).newInLastFourWeeks == 1)
        // Given to Ben by mistake and put right the same day: not a person Ben took on.
        let slip = [spell(ben, "2026-02-26", "2026-02-26")]
        #expect(WorkloadSnapshot(of: slip, atEndOf: day, capacity: Capacity()).newInLastFourWeeks == 0)
    }

    @Test("Assignment considers the most room first, and anyone warned about last")
    func assignmentOrder() {
        let capacity = Capacity()
        let light = Workload(of: [spell(started: "2026-02-02")], capacity: capacity, today: monday)
        let heavier = Workload(
            of: (0..<20).map { _ in spell(started: "2026-01-05") }, capacity: capacity, today: monday)
        let overloaded = Workload(
            of: (0..<70).map { _ in spell(started: "2026-01-05") }, capacity: capacity, today: monday)
        #expect(overloaded.warns)
        #expect(
            Workload.assignmentOrder([("Ann", overloaded), ("Ben", heavier), ("Cas", light)]) == ["Cas", "Ben", "Ann"])
        #expect(Workload.assignmentOrder([("Ann", light), ("Ben", light)]) == ["Ann", "Ben"], "ties keep their order")
    }

    @Test("Team settings and a worker's hours: every problem reported beside its field")
    func forms() throws {
        let policy = try WorkforcePolicy.validate(
            weightedCeiling: " 45.5 ", clinicalSupervisionWeeks: "2",
            supportOptions: "EAP: 0800 000 0000\r\n\n  Peer group  \n")
        #expect(
            policy
                == WorkforcePolicy(
                    weightedCeiling: 45.5, clinicalSupervisionWeeks: 2,
                    supportOptions: ["EAP: 0800 000 0000", "Peer group"]))
        #expect(throws: ValidationFailure.self) {
            try WorkforcePolicy.validate(weightedCeiling: "", clinicalSupervisionWeeks: "4", supportOptions: "")
        }
        do {
            _ = try WorkforcePolicy.validate(
                weightedCeiling: "nan", clinicalSupervisionWeeks: "0",
                supportOptions: String(repeating: "x", count: 2001))
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["weightedCeiling", "clinicalSupervisionWeeks", "supportOptions"])
        }
        #expect(
            try WorkerHours.validate(hoursPerWeek: "22.5", peoplePerYear: "200")
                == WorkerHours(hoursPerWeek: 22.5, peoplePerYear: 200))
        do {
            _ = try WorkerHours.validate(hoursPerWeek: "0", peoplePerYear: "lots")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["hoursPerWeek", "peoplePerYear"])
        }
        #expect(WorkerHours(hoursPerWeek: 18.75).capacity(under: WorkforcePolicy(weightedCeiling: 40)).ceiling == 20)
    }
}

@Suite("Link workers: the research export's rows")
struct WorkforceResearchTests {
    @Test("Workload averages need five workers; a withheld figure is blank; numbers have one decimal place")
    func rows() throws {
        let capacity = Capacity()
        let day = CalendarDate(iso: "2026-03-01")!
        let worker = UserID()
        let spell = CaseloadSpell(
            referralID: ReferralID(), workerID: worker, started: CalendarDate(iso: "2026-02-20")!, ended: nil,
            needs: [.aGreatDeal, .aGreatDeal],
            riskFlag: false, safeguardingFlag: false, interpreterNeeded: false, contacts: [.init(on: day, minutes: 90)])
        let busy = WorkloadSnapshot(of: [spell], atEndOf: day, capacity: capacity)
        let idle = WorkloadSnapshot(of: [], atEndOf: day, capacity: capacity)
        #expect(WorkforceResearchRow.Workload(snapshots: [busy, idle, idle, idle], trainingHours: 10) == nil)
        let five = try #require(
            WorkforceResearchRow.Workload(snapshots: [busy, idle, idle, idle, idle], trainingHours: 10))
        let row = WorkforceResearchRow(
            period: CalendarDate(iso: "2026-02-05")!...day,
            wellbeing: WellbeingGroupSummary(
                name: "Everyone", personal: .shown(respondents: 6, mean: 45), work: .notEnoughResponses,
                client: .shown(respondents: 5, mean: 50),
                thinkingOfLeaving: .shown(respondents: 6, mean: 0), satisfied: .notEnoughResponses),
            workload: five)
        #expect(
            row.fields == [
                "2026-02-05", "2026-03-01", "6", "45", "", "50", "0-49", "", "", "5", "0.2", "0.3", "0", "0.1", "2",
            ])
        let csv = WorkforceResearchRow.csv([row])
        #expect(csv.hasPrefix("period_start,period_end,wellbeing_respondents,"))
        #expect(csv.hasSuffix("\r\n"))
        let suppressed = WorkforceResearchRow(period: day...day, wellbeing: .suppressed("Everyone"), workload: nil)
        let blanks = suppressed.fields.dropFirst(2).filter { !$0.isEmpty }
        #expect(blanks.isEmpty)
    }
}
