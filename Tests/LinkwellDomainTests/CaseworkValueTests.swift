import Foundation
import LinkwellDomain
import Testing

@Suite("NHS numbers")
struct NHSNumberTests {
    @Test(
        "Valid numbers pass the modulus-11 check and show as 3-3-4",
        arguments: ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
    func valid(raw: String) throws {
        let number = try NHSNumber(raw)
        #expect(number.digits.count == 10)
        #expect(number.formatted.split(separator: " ").map(\.count) == [3, 3, 4])
    }

    @Test(
        "A wrong check digit, the wrong length or letters are refused",
        arguments: ["9434765918", "943476591", "94347659190", "943476591A", "0000000001"])
    func invalid(raw: String) {
        #expect(throws: ValidationFailure.self) { try NHSNumber(raw) }
    }

    @Test("The check digit is 11 minus the weighted sum mod 11; 11 becomes 0 and 10 means no number")
    func checkDigit() {
        #expect(NHSNumber.checkDigit(for: [9, 4, 3, 4, 7, 6, 5, 9, 1]) == 9)
        #expect(NHSNumber.checkDigit(for: [0, 0, 0, 0, 0, 0, 0, 0, 0]) == 0, "a remainder of 0 gives 11, written 0")
        // The last digit weighs 2: 6 x 2 = 12, remainder 1, check 10: no NHS number starts 000000006.
        #expect(NHSNumber.checkDigit(for: [0, 0, 0, 0, 0, 0, 0, 0, 6]) == nil)
        #expect(throws: ValidationFailure.self) { try NHSNumber("0000000060") }
    }
}

@Suite("Postcodes")
struct PostcodeTests {
    @Test(
        "Postcodes are normalised to upper case with one space",
        arguments: [
            ("sw1a1aa", "SW1A 1AA"), ("  M1 1AE ", "M1 1AE"), ("b338th", "B33 8TH"), ("cr2 6xh", "CR2 6XH"),
            ("DN55 1PT", "DN55 1PT"), ("W1A 0AX", "W1A 0AX"), ("EC1A 1BB", "EC1A 1BB"), ("RV1 2AB", "RV1 2AB"),
        ])
    func normalised(raw: String, stored: String) throws {
        #expect(try Postcode(raw).value == stored)
    }

    @Test(
        "Malformed postcodes are refused",
        arguments: ["", "SW1A", "12345", "QA1 1AA", "SW1A 1AAA", "SW1A 1CA", "S W1A", "AA1A1 1AA"])
    func invalid(raw: String) {
        #expect(throws: ValidationFailure.self) { try Postcode(raw) }
    }

    @Test("The outward code is the part before the space")
    func outward() throws {
        #expect(try Postcode("sw1a 1aa").outwardCode == "SW1A")
    }
}

@Suite("Phone numbers")
struct PhoneNumberTests {
    @Test(
        "UK numbers are stored in national form",
        arguments: [
            ("07700 900982", "07700900982"), ("+44 7700 900982", "07700900982"), ("(01632) 960 001", "01632960001"),
            ("0044 20 7946 0958", "02079460958"), ("+33 1 23 45 67 89", "+33123456789"),
        ])
    func valid(raw: String, stored: String) throws {
        #expect(try PhoneNumber(raw).value == stored)
    }

    @Test("Other things are refused", arguments: ["12345", "07700 90098", "call me", "07700-900982 ext 2"])
    func invalid(raw: String) {
        #expect(throws: ValidationFailure.self) { try PhoneNumber(raw) }
    }
}

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("Only real days exist")
    func realDays() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(iso: "2026-03-02")?.longText == "2 March 2026")
    }

    @Test("Arithmetic crosses months and leap years")
    func arithmetic() throws {
        let start = try #require(CalendarDate(year: 2024, month: 2, day: 27))
        #expect(start.adding(days: 3).iso == "2024-03-01")
        #expect(start.days(until: try #require(CalendarDate(year: 2025, month: 2, day: 27))) == 366)
        #expect(start.adding(days: -60).iso == "2023-12-29")
        #expect(try #require(CalendarDate(year: 2026, month: 3, day: 2)).weekday == 1, "2 March 2026 is a Monday")
        #expect(try #require(CalendarDate(year: 1970, month: 1, day: 1)).weekday == 4)
    }

    @Test("Age is in whole years, counting the birthday itself")
    func age() throws {
        let born = try #require(CalendarDate(year: 1956, month: 3, day: 27))
        #expect(born.age(on: try #require(CalendarDate(year: 2026, month: 3, day: 26))) == 69)
        #expect(born.age(on: try #require(CalendarDate(year: 2026, month: 3, day: 27))) == 70)
    }

    @Test("Typed dates name what is missing or wrong")
    func parsing() {
        #expect(throws: ValidationFailure(field: "", message: "Enter date of birth")) {
            try CalendarDate.parse(day: "", month: "", year: "", what: "date of birth")
        }
        #expect(throws: ValidationFailure(field: "", message: "Date of birth must include a month and a year")) {
            try CalendarDate.parse(day: "3", month: "", year: "", what: "date of birth")
        }
        #expect(throws: ValidationFailure(field: "", message: "Date of birth must be a real date, like 27 3 1956")) {
            try CalendarDate.parse(day: "31", month: "2", year: "1956", what: "date of birth")
        }
        #expect(throws: ValidationFailure.self) {
            try CalendarDate.parse(day: "1", month: "2", year: "56", what: "date of birth")
        }
    }
}

@Suite("The referral lifecycle: every move, by every role")
struct ReferralLifecycleTests {
    /// The moves drawn in `ReferralStatus`, written out here on their own so
    /// that a change to the rules has to change this table too.
    static let allowed: Set<[ReferralStatus]> = [
        [.received, .accepted], [.received, .declined], [.received, .redirected], [.received, .withdrawn],
        [.accepted, .active], [.accepted, .withdrawn],
        [.active, .discharged], [.active, .withdrawn],
    ]
    static let mayMove: [Role: Bool] = [
        .linkWorker: true, .manager: true, .referrer: false, .provider: false, .administrator: false,
    ]
    static let worker = UserID()
    static let moves: [ReferralMove] = [
        .accept(assignTo: worker), .firstContact, .decline(reason: "Not now, thank you"),
        .redirect(to: "Talking Therapies", note: ""), .withdraw(reason: "Moved away"),
        .discharge(.goalsMet, summary: "Walks with the group every week"),
    ]
    static let then = Date(timeIntervalSince1970: 1_780_000_000)
    static let now = Date(timeIntervalSince1970: 1_780_086_400)

    static func referral(_ status: ReferralStatus) -> Referral {
        Referral(
            id: ReferralID(), organisationID: OrganisationID(), personID: PersonID(), receivedAt: then, source: .staff,
            referrer: Referrer(organisation: "Meadow Surgery", name: "Dr Ada Lane", role: "GP"),
            reasons: ["loneliness"],
            details: "", urgency: .routine, consent: Consent(givenBy: .person, givenOn: CalendarDate(then, in: .gmt)),
            status: status, snomedCode: SNOMED.referralToSocialPrescribing,
            assignedTo: status.isOnCaseload ? UserID() : nil, redirectedTo: nil, dischargeReason: nil,
            dischargeSummary: nil,
            closedAt: nil, possibleDuplicateOf: nil, updatedAt: then, version: 3)
    }

    @Test("Each move from each status by each role is made or refused as the table says", arguments: Role.allCases)
    func table(role: Role) throws {
        for from in ReferralStatus.allCases {
            for move in Self.moves {
                let current = Self.referral(from)
                let to = move.destination
                guard Self.mayMove[role]! else {
                    #expect(throws: ReferralTransitionError.notPermitted(role)) {
                        try current.transition(move, by: role)
                    }
                    continue
                }
                guard Self.allowed.contains([from, to]) else {
                    #expect(throws: ReferralTransitionError.notAllowed(from: from, to: to)) {
                        try current.transition(move, by: role)
                    }
                    continue
                }
                let transition = try current.transition(move, by: role)
                #expect(transition.from == from && transition.to == to)
                let next = transition.applied(to: current, at: Self.now)
                #expect(next.status == to)
                #expect(next.updatedAt == Self.now)
                #expect(next.closedAt == (to.isOpen ? nil : Self.now), "closed exactly when the episode ends")
                #expect(next.snomedCode == (to == .declined ? SNOMED.socialPrescribingDeclined : current.snomedCode))
                #expect(next.assignedTo == (to == .accepted ? Self.worker : current.assignedTo))
                if to.isOnCaseload { #expect(next.assignedTo != nil, "on a caseload, so someone's") }
                #expect(next.redirectedTo == (to == .redirected ? "Talking Therapies" : nil))
                #expect(next.dischargeReason == (to == .discharged ? .goalsMet : nil))
                #expect(next.dischargeSummary == (to == .discharged ? "Walks with the group every week" : nil))
                #expect(next.version == current.version, "the store counts versions")
            }
        }
    }

    @Test("The status history records why, in the person's words or the move's own")
    func reasons() throws {
        let received = Self.referral(.received)
        #expect(try received.transition(.accept(assignTo: Self.worker), by: .manager).reason == "")
        #expect(
            try Self.referral(.accepted).transition(.firstContact, by: .linkWorker).reason == "First contact recorded")
        #expect(
            try received.transition(.redirect(to: "  Talking Therapies ", note: " "), by: .linkWorker).reason
                == "Redirected to Talking Therapies")
        #expect(
            try received.transition(.redirect(to: "Talking Therapies", note: "Low mood first"), by: .linkWorker).reason
                == "Low mood first")
        #expect(try received.transition(.decline(reason: "  Not now  "), by: .linkWorker).reason == "Not now")
    }

    @Test("Declining, withdrawing and discharging need a reason; redirecting needs a service")
    func required() {
        let received = Self.referral(.received)
        #expect(throws: ReferralTransitionError.reasonRequired(.declined)) {
            try received.transition(.decline(reason: "  "), by: .linkWorker)
        }
        #expect(throws: ReferralTransitionError.reasonRequired(.withdrawn)) {
            try received.transition(.withdraw(reason: ""), by: .linkWorker)
        }
        #expect(throws: ReferralTransitionError.reasonRequired(.discharged)) {
            try Self.referral(.active).transition(.discharge(.goalsMet, summary: "\n"), by: .linkWorker)
        }
        #expect(throws: ReferralTransitionError.serviceRequired) {
            try received.transition(.redirect(to: " ", note: "why"), by: .linkWorker)
        }
        #expect(throws: ReferralTransitionError.serviceTooLong) {
            try received.transition(.redirect(to: String(repeating: "x", count: 201), note: ""), by: .linkWorker)
        }
        #expect(throws: ReferralTransitionError.reasonTooLong) {
            try received.transition(.decline(reason: String(repeating: "x", count: 2001)), by: .linkWorker)
        }
        #expect(ReferralTransitionError.serviceRequired.field == "redirectedTo")
        #expect(ReferralTransitionError.reasonRequired(.discharged).field == "summary")
    }

    @Test("Closed referrals cannot move at all, and open ones can always be withdrawn")
    func terminal() {
        for status in ReferralStatus.allCases {
            #expect(status.isOpen == !(ReferralStatus.allowedTransitions[status] ?? []).isEmpty)
            #expect(status.isOpen == status.canMove(to: .withdrawn))
        }
    }
}

@Suite("Person details")
struct PersonFormTests {
    let today = CalendarDate(year: 2026, month: 3, day: 2)!

    func form(_ change: (inout PersonForm) -> Void = { _ in }) -> PersonForm {
        var form = PersonForm()
        form.name = "Margaret  Okoro"
        form.birthDay = "27"
        form.birthMonth = "3"
        form.birthYear = "1948"
        form.phone = "07700 900982"
        form.preferredContact = "phone"
        change(&form)
        return form
    }

    @Test(
        "Gender, ethnic group and registered practice are optional, as NHS Data Dictionary codes; anything else is refused beside its field"
    )
    func demographics() throws {
        let none = try form().validate(today: today)
        #expect(none.statedGender == nil && none.ethnicCategory == nil && none.registeredPractice == nil)
        let stated = try form {
            $0.statedGender = "2"
            $0.ethnicCategory = "Z"
            $0.registeredPractice = " a81001 "
        }.validate(today: today)
        #expect(stated.statedGender == .female)
        #expect(stated.ethnicCategory == .notStated)
        #expect(stated.registeredPractice?.value == "A81001")
        #expect(PersonForm(stated).statedGender == "2" && PersonForm(stated).registeredPractice == "A81001")
        #expect(StatedGender.allCases.map(\.rawValue) == ["1", "2", "9", "X"])
        #expect(EthnicCategory.allCases.count == 17)
        do {
            _ = try form {
                $0.statedGender = "F"
                $0.ethnicCategory = "I"
                $0.registeredPractice = "not a code"
            }.validate(today: today)
            Issue.record("bad codes were accepted")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["statedGender", "ethnicCategory", "registeredPractice"])
        }
    }

    @Test("A complete form gives normalised details")
    func valid() throws {
        let details = try form {
            $0.nhsNumber = "943 476 5919"
            $0.postcode = "rv1 2ab"
            $0.address = "  12 Mill Lane \n\n Riverside  "
        }.validate(today: today)
        #expect(details.name == "Margaret Okoro")
        #expect(details.dateOfBirth.iso == "1948-03-27")
        #expect(details.nhsNumber?.digits == "9434765919")
        #expect(details.postcode?.value == "RV1 2AB")
        #expect(details.address == "12 Mill Lane\nRiverside")
        #expect(details.language == "English")
        #expect(details.knownAs == "Margaret")
    }

    @Test("Every problem is reported, each against its field")
    func everyProblem() {
        #expect {
            try form {
                $0.name = ""
                $0.birthYear = "2030"
                $0.nhsNumber = "123"
                $0.postcode = "nope"
                $0.email = "x@"
                $0.preferredContact = "pigeon"
            }.validate(today: today)
        } throws: { error in
            let fields = Set((error as? ValidationFailure)?.errors.map(\.field) ?? [])
            return fields == ["name", "birthDay", "nhsNumber", "postcode", "email", "preferredContact"]
        }
    }

    @Test("There must be a way to reach them, matching how they prefer to be contacted")
    func contactRequired() {
        #expect(throws: ValidationFailure.self) { try form { $0.phone = "" }.validate(today: today) }
        #expect(throws: ValidationFailure.self) {
            try form { $0.preferredContact = "letter" }.validate(today: today)
        }
    }
}

@Suite("Next actions on the caseload")
struct NextActionTests {
    let received = CalendarDate(year: 2026, month: 3, day: 2)!

    @Test("Without a first contact, the next action is to make one, sooner when urgent")
    func firstContact() {
        let routine = NextAction.compute(
            urgency: .routine, receivedOn: received, firstContact: nil, lastContact: nil, plan: nil)
        let urgent = NextAction.compute(
            urgency: .urgent, receivedOn: received, firstContact: nil, lastContact: nil, plan: nil)
        #expect(routine == NextAction(description: "Make first contact", due: received.adding(days: 10)))
        #expect(urgent.due == received.adding(days: 2))
    }

    @Test("Without a plan, agree one within a fortnight of the first contact")
    func agreePlan() {
        let first = received.adding(days: 3)
        let action = NextAction.compute(
            urgency: .routine, receivedOn: received, firstContact: first, lastContact: first, plan: nil)
        #expect(action == NextAction(description: "Agree a plan", due: first.adding(days: 14)))
    }

    @Test("With a plan, the earliest of its open steps, its review and keeping in touch")
    func withPlan() {
        let last = received.adding(days: 10)
        let plan = Plan(
            goals: [
                Plan.Goal(
                    text: "Get out more",
                    steps: [
                        .init(
                            what: "Visit the walking group", who: "Me", byWhen: received.adding(days: 20), status: .done
                        ),
                        .init(what: "Try the choir", who: "Me", byWhen: received.adding(days: 15)),
                    ])
            ], reviewOn: received.adding(days: 40))
        let action = NextAction.compute(
            urgency: .routine, receivedOn: received, firstContact: received, lastContact: last, plan: plan)
        #expect(action == NextAction(description: "Try the choir", due: received.adding(days: 15)))
        let quiet = NextAction.compute(
            urgency: .routine, receivedOn: received, firstContact: received, lastContact: received,
            plan: Plan(goals: [Plan.Goal(text: "x")], reviewOn: received.adding(days: 60)))
        #expect(quiet == NextAction(description: "Keep in touch", due: received.adding(days: 14)))
    }
}

@Suite("Possible duplicates")
struct DuplicateMatchingTests {
    let born = CalendarDate(year: 1948, month: 3, day: 27)!

    @Test("The same NHS number matches, whatever else differs; a different one never does")
    func nhsNumber() throws {
        let a = PersonDetails(name: "Margaret Okoro", dateOfBirth: born, nhsNumber: try NHSNumber("9434765919"))
        let b = PersonDetails(
            name: "Peggy Okoro", dateOfBirth: born.adding(days: 1), nhsNumber: try NHSNumber("9434765919"))
        let c = PersonDetails(name: "Margaret Okoro", dateOfBirth: born, nhsNumber: try NHSNumber("4010232137"))
        #expect(DuplicateMatching.match(a, b) == .nhsNumber)
        #expect(DuplicateMatching.match(a, c) == nil)
    }

    @Test("Otherwise the same name and birth date, or the same birth date and postcode")
    func otherRules() throws {
        let a = PersonDetails(name: "Mary-Ann O'Neil", dateOfBirth: born, postcode: try Postcode("RV1 2AB"))
        #expect(
            DuplicateMatching.match(a, PersonDetails(name: "mary ann oneil", dateOfBirth: born)) == .nameAndBirthDate)
        #expect(
            DuplicateMatching.match(
                a, PersonDetails(name: "M. Smith", dateOfBirth: born, postcode: try Postcode("rv12ab")))
                == .birthDateAndPostcode)
        #expect(
            DuplicateMatching.match(a, PersonDetails(name: "Mary-Ann O'Neil", dateOfBirth: born.adding(days: 1))) == nil
        )
    }
}

@Suite("Plans, contacts and what matters")
struct CaseworkFormTests {
    let today = CalendarDate(year: 2026, month: 3, day: 2)!

    @Test("A plan form keeps goals and steps that were filled in, and ignores empty slots")
    func plan() throws {
        var form = PlanForm()
        form.goals = [
            .init(
                text: "I want to get out of the house twice a week",
                steps: [
                    .init(what: "Go to the walking group on Tuesday", who: "Me", day: "10", month: "3", year: "2026"),
                    .init(),
                ]),
            .init(),
            .init(
                text: "Sort out my bills",
                steps: [.init(what: "Call Citizens Advice", who: "Priya", status: "in_progress")]),
        ]
        form.reviewDay = "1"
        form.reviewMonth = "6"
        form.reviewYear = "2026"
        let plan = try form.validate(today: today)
        #expect(plan.goals.count == 2)
        #expect(plan.goals[0].steps.count == 1)
        #expect(plan.goals[0].steps[0].byWhen?.iso == "2026-03-10")
        #expect(plan.goals[1].steps[0].status == .inProgress)
        #expect(plan.reviewOn?.iso == "2026-06-01")
        #expect(PlanForm(plan).goals.count == 3, "room for one more goal")
        #expect(try PlanForm(plan).validate(today: today) == plan, "a plan's own form gives it back")
    }

    @Test("A plan needs a goal; steps need a goal; review dates are not in the past")
    func planErrors() {
        var form = PlanForm()
        form.goals = [.init(text: "", steps: [.init(what: "Orphan step")])]
        form.reviewDay = "1"
        form.reviewMonth = "1"
        form.reviewYear = "2026"
        #expect {
            try form.validate(today: today)
        } throws: { error in
            Set((error as? ValidationFailure)?.errors.map(\.field) ?? []) == ["goal-1-text", "reviewDay"]
        }
    }

    @Test("Version history says what changed")
    func changes() {
        let one = Plan(goals: [Plan.Goal(text: "A", steps: [.init(what: "x", who: "", byWhen: nil)])])
        var two = one
        two.goals.append(Plan.Goal(text: "B"))
        two.goals[0].steps[0].status = .done
        #expect(one.describeChanges(from: nil) == "Plan made with 1 goal")
        #expect(two.describeChanges(from: one) == "1 goal added, 1 step(s) done")
    }

    @Test("A contact needs minutes and a mode; the date defaults to today and cannot be in the future")
    func contact() throws {
        var form = ContactForm()
        form.durationMinutes = "45"
        form.mode = "phone"
        let contact = try form.validate(today: today)
        #expect(contact.occurredOn == today)
        form.day = "3"
        form.month = "3"
        form.year = "2026"
        form.durationMinutes = "0"
        #expect {
            try form.validate(today: today)
        } throws: { error in
            Set((error as? ValidationFailure)?.errors.map(\.field) ?? []) == ["day", "durationMinutes"]
        }
    }

    @Test("What matters keeps the needs raised, with importance and own words, and tidies interests")
    func whatMatters() throws {
        var form = WhatMattersForm()
        form.importance = ["loneliness": "3", "money": "", "housing": "1"]
        form.ownWords = ["loneliness": "Since my husband died I don't see anyone", "housing": "Damp"]
        form.interests = ["walking", "singing", "hacking"]
        form.otherInterests = "Bird watching, walking"
        form.availableDays = ["2", "4", "9"]
        form.availableTimes = ["morning"]
        let value = try form.validate(needs: Need.standard)
        #expect(value.needs.map(\.need) == ["loneliness", "housing"])
        #expect(value.needs[0].importance == .aGreatDeal)
        #expect(value.interests == ["walking", "singing", "bird watching"])
        #expect(value.availableDays == [2, 4])
        #expect(WhatMattersForm(value).interests == ["walking", "singing"])
        #expect(try WhatMattersForm(value).validate(needs: Need.standard) == value)

        form.importance["money"] = ""
        form.ownWords["money"] = "Can't pay the gas"
        #expect(throws: ValidationFailure.self) { try form.validate(needs: Need.standard) }
    }
}

@Suite("The referrer of record")
struct ReferrerOfRecordTests {
    let own = PracticeID()

    @Test("A signed-in referrer's own name and practice, as the form was filled in, is the record as it is")
    func asFilledIn() {
        let typed = Referrer(
            practiceID: own, organisation: "Riverside Medical Centre", name: "Dr Helen Carter", role: "GP")
        let record = Referrer.ofRecord(
            typed: typed, name: "Dr Helen Carter", workplace: "Riverside Medical Centre", practiceID: own,
            typedPracticeName: "Riverside Medical Centre")
        #expect(
            record
                == Referrer(
                    practiceID: own, organisation: "Riverside Medical Centre", name: "Dr Helen Carter", role: "GP"))
        #expect(record.description == "Dr Helen Carter, GP, Riverside Medical Centre")
    }

    @Test("Another GP's name, or another of the service's practices, is kept only as 'on behalf of'")
    func onBehalfOf() {
        let elsewhere = PracticeID()
        let typed = Referrer(practiceID: elsewhere, organisation: "", name: "Dr Who Else", role: "GP")
        let record = Referrer.ofRecord(
            typed: typed, name: "Dr Helen Carter", workplace: "Riverside Medical Centre", practiceID: own,
            typedPracticeName: "Meadow Surgery")
        #expect(
            record.name == "Dr Helen Carter" && record.practiceID == own
                && record.organisation == "Riverside Medical Centre")
        #expect(record.onBehalfOf == "Dr Who Else, Meadow Surgery")
        #expect(
            record.description
                == "Dr Helen Carter, GP, Riverside Medical Centre (on behalf of Dr Who Else, Meadow Surgery)")
        let typedPlace = Referrer.ofRecord(
            typed: Referrer(organisation: "Hilltop Practice", name: "dr helen carter", role: "GP"),
            name: "Dr Helen Carter",
            workplace: "Riverside Medical Centre", practiceID: nil, typedPracticeName: nil)
        #expect(typedPlace.onBehalfOf == "Hilltop Practice", "the name matches whatever its case; the place does not")
    }
}
