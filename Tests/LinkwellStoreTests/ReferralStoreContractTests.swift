import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: referrals")
struct ReferralStoreContractTests {
    @Test(
        "A referral and its person are created together, received, with the SNOMED code and a first status change",
        arguments: TestBackend.allCases)
    func create(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let created = try await fixtures.referral(
                in: pcn.id, person: try fixtures.personDetails(nhsNumber: "943 476 5919"),
                reasons: ["money", "loneliness"])
            let read = try #require(try await store.referrals.referral(created.referral.id, in: pcn.id))
            #expect(read.referral.status == .received)
            #expect(read.referral.snomedCode == "871731000000106")
            #expect(read.referral.reasons == ["money", "loneliness"], "reasons keep their order")
            #expect(read.referral.consent.givenBy == .person)
            #expect(read.referral.receivedAt.isSameInstant(as: fixtures.clock.now()))
            #expect(read.person.details.nhsNumber?.digits == "9434765919")
            #expect(read.person.details.dateOfBirth.iso == "1948-03-27")
            #expect(read.person.details.address == "12 Mill Lane\nRiverside")
            #expect(try await store.people.person(read.person.id, in: pcn.id)?.details == read.person.details)
            let history = try await store.referrals.statusHistory(of: created.referral.id, in: pcn.id)
            #expect(history.map(\.to) == [.received])
            #expect(history.first?.actorName == "Dr Helen Carter")
        }
    }

    @Test("Another organisation's referrals and people are not found", arguments: TestBackend.allCases)
    func scoped(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            let created = try await fixtures.referral(in: riverside.id)
            #expect(try await store.referrals.referral(created.referral.id, in: meadow.id) == nil)
            #expect(try await store.people.person(created.person.id, in: meadow.id) == nil)
            #expect(try await store.referrals.inbox(in: meadow.id, filter: InboxFilter()).isEmpty)
            #expect(try await store.referrals.referrals(of: created.person.id, in: meadow.id).isEmpty)
            await #expect(throws: StoreError.notFound) {
                try await store.referrals.transition(
                    created.referral.id, in: meadow.id,
                    try created.referral.transition(.accept(assignTo: UserID()), by: .linkWorker),
                    expectedVersion: 1, at: fixtures.clock.now(), by: Actor(userID: nil, name: "X"),
                    audit: fixtures.audit(.referralStatusChanged))
            }
        }
    }

    @Test(
        "Moves are recorded with who, when and why; a stale version or a status that moved on is refused",
        arguments: TestBackend.allCases)
    func transitions(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let worker = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let created = try await fixtures.referral(in: pcn.id).referral
            let actor = Actor(userID: worker.id, name: "Priya Sharma")

            let accepted = try await store.referrals.transition(
                created.id, in: pcn.id, try created.transition(.accept(assignTo: worker.id), by: .linkWorker),
                expectedVersion: 1, at: fixtures.clock.now(), by: actor, audit: fixtures.audit(.referralStatusChanged))
            #expect(accepted.status == .accepted)
            #expect(accepted.assignedTo == worker.id)
            #expect(accepted.version == 2)

            await #expect(throws: StoreError.versionConflict(currentVersion: 2)) {
                try await store.referrals.transition(
                    created.id, in: pcn.id, try created.transition(.decline(reason: "Changed mind"), by: .linkWorker),
                    expectedVersion: 1, at: fixtures.clock.now(), by: actor,
                    audit: fixtures.audit(.referralStatusChanged))
            }
            await #expect(throws: StoreError.invalidReference(field: "status")) {
                try await store.referrals.transition(
                    created.id, in: pcn.id, try created.transition(.decline(reason: "Changed mind"), by: .linkWorker),
                    expectedVersion: 2, at: fixtures.clock.now(), by: actor,
                    audit: fixtures.audit(.referralStatusChanged))
            }
            fixtures.clock.advance(by: 3600)
            let active = try await fixtures.advance(accepted, to: .active, actor: actor)
            let discharged = try await store.referrals.transition(
                active.id, in: pcn.id,
                try active.transition(.discharge(.goalsMet, summary: "Goals met: walks weekly now"), by: .linkWorker),
                expectedVersion: active.version, at: fixtures.clock.now(),
                by: actor, audit: fixtures.audit(.referralStatusChanged))
            #expect(discharged.status == .discharged)
            #expect(discharged.dischargeReason == .goalsMet)
            #expect(discharged.dischargeSummary == "Goals met: walks weekly now")
            #expect(discharged.closedAt?.isSameInstant(as: fixtures.clock.now()) == true)
            let history = try await store.referrals.statusHistory(of: created.id, in: pcn.id)
            #expect(history.map(\.to) == [.received, .accepted, .active, .discharged])
            #expect(history.last?.reason == "Goals met: walks weekly now")
            #expect(history.last?.actorID == worker.id)
        }
    }

    @Test(
        "Declining records the 'social prescribing declined' SNOMED code and the reason",
        arguments: TestBackend.allCases)
    func declined(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let created = try await fixtures.referral(in: pcn.id).referral
            let declined = try await store.referrals.transition(
                created.id, in: pcn.id,
                try created.transition(.decline(reason: "Does not want support now"), by: .linkWorker),
                expectedVersion: 1, at: fixtures.clock.now(), by: Actor(userID: nil, name: "X"),
                audit: fixtures.audit(.referralStatusChanged))
            #expect(declined.snomedCode == "871711000000103")
            #expect(
                try await store.referrals.statusHistory(of: created.id, in: pcn.id).last?.reason
                    == "Does not want support now")
            let redirected = try await fixtures.advance(
                try await fixtures.referral(
                    in: pcn.id, person: try fixtures.personDetails("Bob Day", born: "1960-01-01")
                ).referral, to: .redirected)
            #expect(redirected.redirectedTo == "Talking Therapies")
        }
    }

    @Test("The schema itself refuses a status change that is not an allowed move", arguments: TestBackend.allCases)
    func schemaRefusesIllegalMoves(backend: TestBackend) async throws {
        try await backend.withStore { store, raw in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let created = try await fixtures.referral(in: pcn.id).referral
            await #expect(throws: (any Error).self) {
                try await raw.execute(
                    """
                    INSERT INTO referral_status_changes (referral_id, organisation_id, from_status, to_status, reason, actor_name, occurred_at)
                    VALUES ('\(created.id)', '\(pcn.id)', 'received', 'discharged', 'skip the work', 'Mallory', '2026-03-02 09:00:00.000')
                    """)
            }
            await #expect(throws: (any Error).self) {
                try await raw.execute("UPDATE referrals SET status = 'finished' WHERE id = '\(created.id)'")
            }
            #expect(try await store.referrals.statusHistory(of: created.id, in: pcn.id).count == 1)
        }
    }

    @Test(
        "The inbox lists received referrals, oldest first, filtered by practice, reason and urgency",
        arguments: TestBackend.allCases)
    func inbox(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let surgery = try await fixtures.practice(odsCode: "A81001", in: pcn.id)
            let first = try await fixtures.referral(
                in: pcn.id, person: try fixtures.personDetails("Ann Able", born: "1950-01-01"), reasons: ["money"],
                urgency: .urgent, practice: surgery.id)
            fixtures.clock.advance(by: 60)
            try await fixtures.referral(
                in: pcn.id, person: try fixtures.personDetails("Ben Baker", born: "1951-01-01"), reasons: ["loneliness"]
            )
            fixtures.clock.advance(by: 60)
            let third = try await fixtures.referral(
                in: pcn.id, person: try fixtures.personDetails("Cat Cole", born: "1952-01-01"),
                reasons: ["money", "housing"])
            let worker = try await fixtures.user(role: .linkWorker, in: pcn.id)
            try await fixtures.advance(third.referral, to: .accepted, worker: worker.id)

            #expect(
                try await store.referrals.inbox(in: pcn.id, filter: InboxFilter()).map(\.person.name) == [
                    "Ann Able", "Ben Baker",
                ])
            #expect(
                try await store.referrals.inbox(in: pcn.id, filter: InboxFilter(reason: "money")).map(\.person.name)
                    == ["Ann Able"])
            #expect(
                try await store.referrals.inbox(in: pcn.id, filter: InboxFilter(urgency: .routine)).map(\.person.name)
                    == ["Ben Baker"])
            #expect(
                try await store.referrals.inbox(in: pcn.id, filter: InboxFilter(practiceID: surgery.id)).map(
                    \.referral.id) == [first.referral.id])
        }
    }

    @Test(
        "Possible duplicates are found by NHS number, name and birth date, or birth date and postcode",
        arguments: TestBackend.allCases)
    func duplicates(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let other = try await fixtures.organisation("Elsewhere")
            let known = try await fixtures.referral(
                in: pcn.id, person: try fixtures.personDetails("Margaret Okoro", nhsNumber: "9434765919"))
            try await fixtures.referral(
                in: other.id, person: try fixtures.personDetails("Margaret Okoro", nhsNumber: "9434765919"))

            let sameNumber = try fixtures.personDetails("Peggy Okoro", born: "1948-03-28", nhsNumber: "943 476 5919")
            let found = try await store.people.possibleDuplicates(of: sameNumber, in: pcn.id, excluding: nil)
            #expect(found.map(\.0.id) == [known.person.id], "only this organisation's people")
            #expect(found.first?.1 == .nhsNumber)

            let sameNameAndBirth = try fixtures.personDetails("margaret  okoro", postcode: nil)
            #expect(
                try await store.people.possibleDuplicates(of: sameNameAndBirth, in: pcn.id, excluding: nil).first?.1
                    == .nameAndBirthDate)
            let sameBirthAndPostcode = try fixtures.personDetails("M Smith", postcode: "rv12ab")
            #expect(
                try await store.people.possibleDuplicates(of: sameBirthAndPostcode, in: pcn.id, excluding: nil).first?.1
                    == .birthDateAndPostcode)
            #expect(
                try await store.people.possibleDuplicates(
                    of: sameBirthAndPostcode, in: pcn.id, excluding: known.person.id
                ).isEmpty)
            #expect(
                try await store.people.possibleDuplicates(
                    of: try fixtures.personDetails("Someone Else", born: "1990-05-05"), in: pcn.id, excluding: nil
                ).isEmpty)
        }
    }

    @Test(
        "A duplicate referral is attached to the known person and its own record goes", arguments: TestBackend.allCases)
    func attach(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let known = try await fixtures.referral(in: pcn.id)
            let second = try await fixtures.referral(
                in: pcn.id, person: try fixtures.personDetails("Margaret Okoro"), possibleDuplicateOf: known.person.id)
            #expect(second.referral.possibleDuplicateOf == known.person.id)

            let attached = try await store.referrals.attach(
                second.referral.id, in: pcn.id, to: known.person.id, expectedVersion: 1, at: fixtures.clock.now(),
                audit: fixtures.audit(.referralAttached))
            #expect(attached.personID == known.person.id)
            #expect(attached.possibleDuplicateOf == nil)
            #expect(try await store.people.person(second.person.id, in: pcn.id) == nil, "the duplicate record is gone")
            #expect(try await store.referrals.referrals(of: known.person.id, in: pcn.id).count == 2)

            let third = try await fixtures.referral(
                in: pcn.id, person: try fixtures.personDetails("Margaret Okoro"), possibleDuplicateOf: known.person.id)
            let dismissed = try await store.referrals.dismissDuplicate(
                third.referral.id, in: pcn.id, expectedVersion: 1, at: fixtures.clock.now(),
                audit: fixtures.audit(.duplicateDismissed))
            #expect(dismissed.possibleDuplicateOf == nil)
            #expect(dismissed.personID == third.person.id)
        }
    }

    @Test("A person's details change with a version check, demographics included", arguments: TestBackend.allCases)
    func updatePerson(backend: TestBackend) async throws {
        try await backend.withStore { store, raw in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let created = try await fixtures.referral(in: pcn.id)
            var details = created.person.details
            details.riskFlag = "Dog at home: visit in pairs"
            details.preferredName = "Peggy"
            let updated = try await store.people.update(
                created.person.id, in: pcn.id, expectedVersion: 1, details: details, at: fixtures.clock.now(),
                audit: fixtures.audit(.personUpdated))
            #expect(updated.details.riskFlag == "Dog at home: visit in pairs")
            #expect(updated.version == 2)
            await #expect(throws: StoreError.versionConflict(currentVersion: 2)) {
                try await store.people.update(
                    created.person.id, in: pcn.id, expectedVersion: 1, details: created.person.details,
                    at: fixtures.clock.now(), audit: fixtures.audit(.personUpdated))
            }
            #expect(updated.details.statedGender == nil, "not recorded unless stated")
            details.statedGender = .female
            details.ethnicCategory = .blackCaribbean
            details.registeredPractice = try ODSCode("A81001", kind: .gpPractice)
            let stated = try await store.people.update(
                created.person.id, in: pcn.id, expectedVersion: 2, details: details, at: fixtures.clock.now(),
                audit: fixtures.audit(.personUpdated))
            #expect(stated.details == details)
            #expect(try await store.people.person(created.person.id, in: pcn.id)?.details == details)
            #expect(
                try await store.referrals.referral(created.referral.id, in: pcn.id)?.person.details == details,
                "and read the same way joined to a referral")
            let born = try await fixtures.referral(
                in: pcn.id,
                person: {
                    var other = try fixtures.personDetails("Ann Able", born: "1950-01-01")
                    other.ethnicCategory = .notStated
                    return other
                }())
            #expect(try await store.people.person(born.person.id, in: pcn.id)?.details.ethnicCategory == .notStated)
            await #expect(throws: (any Error).self, "the schema takes only the Data Dictionary's codes") {
                try await raw.execute("UPDATE people SET stated_gender = 'F' WHERE id = '\(created.person.id)'")
            }
        }
    }
}

@Suite("Store contract: casework")
struct CaseworkStoreContractTests {
    @Test(
        "A first contact makes an accepted referral active and can save what matters with it",
        arguments: TestBackend.allCases)
    func firstContact(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let worker = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let referral = try await fixtures.advance(
                try await fixtures.referral(in: pcn.id).referral, to: .accepted, worker: worker.id)
            let matters = WhatMatters(
                needs: [.init(need: "loneliness", importance: .aGreatDeal, ownWords: "I don't see anyone")],
                interests: ["singing"],
                availableDays: [2, 4], availableTimes: [.morning])
            let contact = try await store.casework.recordContact(
                id: ContactID(), on: referral.id, in: pcn.id,
                NewContact(occurredOn: fixtures.today, durationMinutes: 45, mode: .homeVisit, note: "Long chat"),
                startingCase: try await fixtures.startingCase(referral.id, in: pcn.id), whatMatters: (matters, 0),
                at: fixtures.clock.now(), by: Actor(userID: worker.id, name: "Priya Sharma"),
                audit: fixtures.audit(.contactRecorded))
            #expect(contact.durationMinutes == 45)
            #expect(contact.personID == referral.personID)
            #expect(try await store.referrals.referral(referral.id, in: pcn.id)?.referral.status == .active)
            #expect(
                try await store.referrals.statusHistory(of: referral.id, in: pcn.id).last?.reason
                    == "First contact recorded")
            let saved = try await store.casework.whatMatters(of: referral.personID, in: pcn.id)
            #expect(saved.value == matters)
            #expect(saved.version == 1)
            #expect(try await store.casework.contacts(of: referral.personID, in: pcn.id).map(\.id) == [contact.id])
        }
    }

    @Test(
        "A contact that fails writes nothing: a stale 'what matters' leaves no contact and no status change",
        arguments: TestBackend.allCases)
    func atomicContact(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let worker = try await fixtures.user(role: .linkWorker, in: pcn.id)
            let referral = try await fixtures.advance(
                try await fixtures.referral(in: pcn.id).referral, to: .accepted, worker: worker.id)
            let before = try await fixtures.auditTrail().count
            await #expect(throws: StoreError.versionConflict(currentVersion: 0)) {
                try await store.casework.recordContact(
                    id: ContactID(), on: referral.id, in: pcn.id,
                    NewContact(occurredOn: fixtures.today, durationMinutes: 30, mode: .phone, note: ""),
                    startingCase: try await fixtures.startingCase(referral.id, in: pcn.id),
                    whatMatters: (WhatMatters(strengths: "Kind"), 3), at: fixtures.clock.now(),
                    by: Actor(userID: worker.id, name: "W"), audit: fixtures.audit(.contactRecorded))
            }
            #expect(try await store.casework.contacts(of: referral.personID, in: pcn.id).isEmpty)
            #expect(try await store.referrals.referral(referral.id, in: pcn.id)?.referral.status == .accepted)
            #expect(try await fixtures.auditTrail().count == before)
        }
    }

    @Test("Contacts are refused on referrals that are not accepted or active", arguments: TestBackend.allCases)
    func contactNeedsOpenReferral(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let worker = try await fixtures.user(role: .linkWorker, in: pcn.id)
            let received = try await fixtures.referral(in: pcn.id).referral
            await #expect(throws: StoreError.invalidReference(field: "status")) {
                try await store.casework.recordContact(
                    id: ContactID(), on: received.id, in: pcn.id,
                    NewContact(occurredOn: fixtures.today, durationMinutes: 5, mode: .phone, note: ""),
                    startingCase: try await fixtures.startingCase(received.id, in: pcn.id), whatMatters: nil,
                    at: fixtures.clock.now(), by: Actor(userID: worker.id, name: "W"),
                    audit: fixtures.audit(.contactRecorded))
            }
        }
    }

    @Test("Plans are versioned: every save is kept, and a stale save is refused", arguments: TestBackend.allCases)
    func plans(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let worker = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let referral = try await fixtures.advance(
                try await fixtures.referral(in: pcn.id).referral, to: .active, worker: worker.id)
            let actor = Actor(userID: worker.id, name: "Priya Sharma")
            #expect(try await store.casework.plan(of: referral.id, in: pcn.id) == nil)
            let first = Plan(
                goals: [
                    Plan.Goal(
                        text: "Get out twice a week",
                        steps: [.init(what: "Walking group", who: "Me", byWhen: fixtures.today.adding(days: 7))])
                ], reviewOn: fixtures.today.adding(days: 42))
            #expect(
                try await store.casework.savePlan(
                    of: referral.id, in: pcn.id, first, summary: "Plan made with 1 goal", expectedVersion: 0,
                    at: fixtures.clock.now(), by: actor, audit: fixtures.audit(.planSaved)) == 1)
            var second = first
            second.goals.append(Plan.Goal(text: "Sort out my bills"))
            fixtures.clock.advance(by: 86_400)
            #expect(
                try await store.casework.savePlan(
                    of: referral.id, in: pcn.id, second, summary: "1 goal added", expectedVersion: 1,
                    at: fixtures.clock.now(), by: actor, audit: fixtures.audit(.planSaved)) == 2)
            await #expect(throws: StoreError.versionConflict(currentVersion: 2)) {
                try await store.casework.savePlan(
                    of: referral.id, in: pcn.id, first, summary: "stale", expectedVersion: 1, at: fixtures.clock.now(),
                    by: actor, audit: fixtures.audit(.planSaved))
            }
            let current = try #require(try await store.casework.plan(of: referral.id, in: pcn.id))
            #expect(current.plan == second)
            #expect(current.version == 2)
            let versions = try await store.casework.planVersions(of: referral.id, in: pcn.id)
            #expect(versions.map(\.version) == [2, 1])
            #expect(versions.last?.plan == first)
            #expect(versions.first?.summary == "1 goal added")
            #expect(versions.first?.savedByName == "Priya Sharma")
        }
    }

    @Test(
        "The caseload shows a worker's open referrals with first and last contact and the plan",
        arguments: TestBackend.allCases)
    func caseload(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let priya = try await fixtures.user("Priya", role: .linkWorker, in: pcn.id)
            let tom = try await fixtures.user("Tom", role: .linkWorker, in: pcn.id)
            let mine = try await fixtures.advance(
                try await fixtures.referral(
                    in: pcn.id, person: try fixtures.personDetails("Ann Able", born: "1950-01-01")
                ).referral, to: .accepted, worker: priya.id)
            try await fixtures.advance(
                try await fixtures.referral(
                    in: pcn.id, person: try fixtures.personDetails("Ben Baker", born: "1951-01-01")
                ).referral, to: .accepted, worker: tom.id)
            try await fixtures.advance(
                try await fixtures.referral(
                    in: pcn.id, person: try fixtures.personDetails("Cat Cole", born: "1952-01-01")
                ).referral, to: .discharged, worker: priya.id)
            let actor = Actor(userID: priya.id, name: "Priya")
            for days in [0, 9] {
                try await store.casework.recordContact(
                    id: ContactID(), on: mine.id, in: pcn.id,
                    NewContact(
                        occurredOn: fixtures.today.adding(days: -days), durationMinutes: 20, mode: .phone, note: ""),
                    startingCase: try await fixtures.startingCase(mine.id, in: pcn.id), whatMatters: nil,
                    at: fixtures.clock.now(), by: actor, audit: fixtures.audit(.contactRecorded))
            }
            let rows = try await store.referrals.caseload(of: priya.id, in: pcn.id)
            #expect(rows.map(\.person.name) == ["Ann Able"], "only open referrals assigned to her")
            #expect(rows.first?.firstContact == fixtures.today.adding(days: -9))
            #expect(rows.first?.lastContact == fixtures.today)
            #expect(rows.first?.referral.status == .active)
            #expect(rows.first?.plan == nil)
        }
    }

    @Test(
        "The needs list can be changed, and rate limits count per key within the window",
        arguments: TestBackend.allCases)
    func needsAndRateLimits(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            try await store.needs.save(
                Need(code: "digital", label: "Digital skills", position: 13), audit: fixtures.audit(.needsListChanged))
            try await store.needs.save(
                Need(code: "other", label: "Something else", isActive: false, position: 14),
                audit: fixtures.audit(.needsListChanged))
            let needs = try await store.needs.all()
            #expect(needs.count == 13)
            #expect(needs.last == Need(code: "other", label: "Something else", isActive: false, position: 14))

            let window = fixtures.clock.now().addingTimeInterval(-3600)
            #expect(try await store.rateLimits.recordAttempt(key: "a", at: fixtures.clock.now(), since: window) == 1)
            #expect(try await store.rateLimits.recordAttempt(key: "a", at: fixtures.clock.now(), since: window) == 2)
            #expect(try await store.rateLimits.recordAttempt(key: "b", at: fixtures.clock.now(), since: window) == 1)
            fixtures.clock.advance(by: 3601)
            #expect(
                try await store.rateLimits.recordAttempt(
                    key: "a", at: fixtures.clock.now(), since: fixtures.clock.now().addingTimeInterval(-3600)) == 1)
        }
    }
}
