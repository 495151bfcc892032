import Foundation
import LinkwellDomain
import Testing

@Suite("Link workers: complexity and capacity")
struct ComplexityAndCapacityTests {
    @Test("Complexity points follow the documented formula, band by band")
    func complexity() {
        #expect(Complexity(.init()).points == 0)
        #expect(Complexity(.init()).band == .standard)
        // Needs by importance, capped at 9.
        #expect(Complexity(.init(needs: [.aGreatDeal, .quiteALot, .aLittle])).points == 6)
        #expect(Complexity(.init(needs: [.aGreatDeal, .aGreatDeal, .aGreatDeal, .aGreatDeal])).points == 9)
        // Flags, recent contacts, time on the caseload, interpreter.
        #expect(Complexity(.init(riskFlag: true)).points == 3)
        #expect(Complexity(.init(safeguardingFlag: true)).points == 4)
        #expect(Complexity(.init(contactsInLastFourWeeks: 1)).points == 0)
        #expect(Complexity(.init(contactsInLastFourWeeks: 2)).points == 1)
        #expect(Complexity(.init(contactsInLastFourWeeks: 4)).points == 2)
        #expect(Complexity(.init(weeksOnCaseload: 12)).points == 0)
        #expect(Complexity(.init(weeksOnCaseload: 13)).points == 1)
        #expect(Complexity(.init(weeksOnCaseload: 25)).points == 2)
        #expect(Complexity(.init(interpreterNeeded: true)).points == 2)
        // Bands and weights at their edges.
        let four = Complexity(.init(needs: [.aGreatDeal], contactsInLastFourWeeks: 2))
        #expect(four.points == 4 && four.band == .standard && four.weight == 1)
        let five = Complexity(.init(needs: [.aGreatDeal], contactsInLastFourWeeks: 4))
        #expect(five.points == 5 && five.band == .raised && five.weight == 1.5)
        let ten = Complexity(.init(needs: [.aGreatDeal], riskFlag: true, safeguardingFlag: true))
        #expect(ten.points == 10 && ten.band == .high && ten.weight == 2)
    }

    @Test("Capacity is 250 people a year and the weighted ceiling, pro rata; the warning needs two weeks over, running")
    func capacity() {
        let fullTime = Capacity()
        #expect(abs(fullTime.newPeoplePerWeek - 250.0 / 52) < 1e-9)
        #expect(fullTime.ceiling == 60)
        let partTime = Capacity(hoursPerWeek: 22.5)
        #expect(partTime.ceiling == 36)
        #expect(abs(partTime.newPeoplePerWeek - 150.0 / 52) < 1e-9)
        #expect(!partTime.isOver(weightedLoad: 36, newPeopleLastFourWeeks: 11))
        #expect(partTime.isOver(weightedLoad: 36.5, newPeopleLastFourWeeks: 0))
        #expect(
            partTime.isOver(weightedLoad: 10, newPeopleLastFourWeeks: 12), "12 in four weeks is 3 a week, above 2.9")
        #expect(!Capacity.warns(overAtWeekEnds: [true]))
        #expect(!Capacity.warns(overAtWeekEnds: [true, false]))
        #expect(!Capacity.warns(overAtWeekEnds: [true, false, true]))
        #expect(Capacity.warns(overAtWeekEnds: [false, true, true]))
    }
}

@Suite("Link workers: wellbeing disclosure")
struct WellbeingDisclosureTests {
    let people = (0..<12).map { _ in UserID() }

    func scores(_ members: ArraySlice<UserID>, _ value: Double = 50) -> [UserID: Double] {
        Dictionary(uniqueKeysWithValues: members.map { ($0, value) })
    }

    @Test("Fewer than five respondents show nothing; five or more show a coarsened mean")
    func minimumGroup() {
        #expect(WellbeingDisclosure.aggregate(scores(people[0..<4])) == .notEnoughResponses)
        var five = scores(people[0..<5], 50)
        five[people[0]] = 62
        #expect(WellbeingDisclosure.aggregate(five) == .shown(respondents: 5, mean: 50), "52.4 shows as 50")
    }

    @Test(
        "Yes-or-no shares come in bands that never tell 'everyone' or 'nobody', even to a respondent who knows their own answer"
    )
    func shares() {
        for size in WellbeingDisclosure.minimumGroup...60 {
            let bands = (0...size).map {
                WellbeingDisclosure.shareBand(Double($0) / Double(size) * 100, respondents: size)
            }
            // Knowing one answer (their own) takes away one count: two must remain.
            #expect(bands.filter { $0 == bands[0] }.count >= 3, "nobody agreeing, among \(size)")
            #expect(bands.filter { $0 == bands[size] }.count >= 3, "everyone agreeing, among \(size)")
        }
        let five = Dictionary(uniqueKeysWithValues: (0..<5).map { (UserID(), $0 < 4) })
        #expect(WellbeingDisclosure.share(five) == .shown(respondents: 5, mean: 50), "halves under nine")
        #expect(WellbeingDisclosure.shareLabel(50, respondents: 5) == "Half or more")
        let nine = Dictionary(uniqueKeysWithValues: (0..<9).map { (UserID(), $0 < 8) })
        #expect(WellbeingDisclosure.share(nine) == .shown(respondents: 9, mean: 75), "quarters from nine")
        #expect(
            WellbeingDisclosure.shareRange(75, respondents: 9) == "75-100"
                && WellbeingDisclosure.shareRange(0, respondents: 5) == "0-49")
        #expect(
            WellbeingDisclosure.share(Dictionary(uniqueKeysWithValues: (0..<4).map { _ in (UserID(), true) }))
                == .notEnoughResponses)
        #expect(
            WellbeingDisclosure.shareLabel(0, respondents: 9) == "Under 25%"
                && WellbeingDisclosure.shareLabel(75, respondents: 12) == "75% or more")
    }

    @Test("Differencing: two groups that differ by one person are never both shown")
    func differencing() {
        // The whole team of six, and the same team without one person: subtracting would give that person's answer.
        var team = scores(people[0..<6], 40)
        team[people[5]] = 100
        let withoutOne = scores(people[0..<5], 40)
        let shown = WellbeingDisclosure.showable([("Everyone", team), ("Everyone but Sam", withoutOne)])
        #expect(shown[0].aggregate == .shown(respondents: 6, mean: 50))
        #expect(shown[1].aggregate == .notEnoughResponses, "the second would reveal Sam's 100")
        // Groups that differ by five or more may both be shown; identical groups are the same numbers again.
        let disjoint = WellbeingDisclosure.showable([
            ("North", scores(people[0..<5])), ("South", scores(people[5..<10])),
        ])
        #expect(disjoint.allSatisfy { $0.aggregate != .notEnoughResponses })
        #expect(WellbeingDisclosure.mayShow(Set(people[0..<6]), beside: [Set(people[0..<6])]))
        // A whole organisation of seven beside a team of five: the other two could be worked out.
        #expect(!WellbeingDisclosure.mayShow(Set(people[0..<5]), beside: [Set(people[0..<7])]))
    }
}

@Suite("Link workers' wellbeing: what a viewer may see of a published block")
struct WellbeingPublicationTests {
    func checkIn(_ user: UserID, personal: Double, leaving: Int) -> WellbeingCheckIn {
        WellbeingCheckIn(
            id: WellbeingCheckInID(), organisationID: OrganisationID(), userID: user,
            takenOn: CalendarDate(iso: "2026-03-10")!,
            answers: [:], personal: personal, work: nil, client: nil, thinksOfLeaving: leaving, jobSatisfaction: nil)
    }

    @Test("The five are five besides the viewer: a manager who answered needs five others behind each figure")
    func viewerNotCounted() {
        let manager = UserID()
        let workers = (0..<4).map { _ in UserID() }
        let block = CalendarDate(iso: "2026-03-01")!...CalendarDate(iso: "2026-03-28")!
        let checkIns = (workers + [manager]).map { checkIn($0, personal: 50, leaving: 2) }
        let published = WellbeingPublication.publish(
            block: block, members: Set(workers + [manager]), checkIns: checkIns, at: Date())
        #expect(published.summary.personal == .shown(respondents: 5, mean: 50))
        #expect(
            published.summary(for: manager).personal == .notEnoughResponses,
            "the manager knows their own answer: four others is too few")
        #expect(published.summary(for: manager).thinkingOfLeaving == .notEnoughResponses)
        #expect(
            published.summary(for: UserID()).personal == .shown(respondents: 5, mean: 50),
            "someone who did not answer sees it")

        let sixth = UserID()
        let six = WellbeingPublication.publish(
            block: block, members: Set(workers + [manager, sixth]),
            checkIns: checkIns + [checkIn(sixth, personal: 50, leaving: 2)], at: Date())
        #expect(six.summary(for: manager).personal == .shown(respondents: 6, mean: 50), "five others: shown")
    }

    @Test("Only check-ins of members, taken in the block, count")
    func membersAndBlock() {
        let members = (0..<5).map { _ in UserID() }
        let block = CalendarDate(iso: "2026-03-01")!...CalendarDate(iso: "2026-03-28")!
        var outside = checkIn(members[0], personal: 100, leaving: 5)
        outside = WellbeingCheckIn(
            id: outside.id, organisationID: outside.organisationID, userID: outside.userID,
            takenOn: CalendarDate(iso: "2026-04-02")!,
            answers: [:], personal: 100, work: nil, client: nil, thinksOfLeaving: 5, jobSatisfaction: nil)
        let checkIns =
            members.dropFirst().map { checkIn($0, personal: 50, leaving: 2) } + [
                outside, checkIn(UserID(), personal: 0, leaving: 1),
            ]
        let published = WellbeingPublication.publish(
            block: block, members: Set(members), checkIns: checkIns, at: Date())
        #expect(published.respondents == Set(members.dropFirst()))
        #expect(published.summary.personal == .notEnoughResponses, "four in the block")
    }
}

@Suite("Link workers: reading a check-in")
struct WellbeingCheckInAnswersTests {
    @Test("Single questions take 1 to 5, any may be left out, but not every question")
    func read() throws {
        let read = try WellbeingCheckInAnswers.read(["leaving": " 4 ", "satisfaction": ""], scales: [])
        #expect(read.thinksOfLeaving == 4 && read.jobSatisfaction == nil && read.likelyToLeaveWithinYear == nil)
        do {
            _ = try WellbeingCheckInAnswers.read(["leaving": "6", "leavingYear": "x"], scales: [])
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["leaving", "leavingYear"])
        }
        #expect(throws: ValidationFailure.self, "nothing answered") {
            try WellbeingCheckInAnswers.read([:], scales: [])
        }
    }
}
