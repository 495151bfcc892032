import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: workload")
struct WorkloadStoreContractTests {
    @Test("The policy starts at the defaults and is saved whole, per organisation", arguments: TestBackend.allCases)
    func policy(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let other = try await fixtures.organisation("Meadow PCN")
            #expect(try await store.workload.policy(in: pcn.id) == WorkforcePolicy())
            let chosen = WorkforcePolicy(
                weightedCeiling: 45.5, clinicalSupervisionWeeks: 2,
                supportOptions: ["Employee assistance: 0800 000 0000", "Peer group, Thursdays"])
            try await store.workload.savePolicy(
                chosen, in: pcn.id, audit: fixtures.audit(.workforcePolicyChanged, organisation: pcn.id))
            #expect(try await store.workload.policy(in: pcn.id) == chosen)
            #expect(
                try await store.organisations.organisation(pcn.id)?.clinicalSupervisionWeeks == 2,
                "the same setting the supervision page reads")
            #expect(try await store.workload.policy(in: other.id) == WorkforcePolicy())
            await #expect(throws: StoreError.notFound) {
                try await store.workload.savePolicy(
                    chosen, in: OrganisationID(), audit: fixtures.audit(.workforcePolicyChanged))
            }
            #expect(try await fixtures.auditTrail().last?.entry.action == .workforcePolicyChanged)
        }
    }

    @Test(
        "Hours are set per worker, replaced when set again, and only for the organisation's own people",
        arguments: TestBackend.allCases)
    func hours(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let other = try await fixtures.organisation("Meadow PCN")
            let priya = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let stranger = try await fixtures.user("Tom Reed", role: .linkWorker, in: other.id)
            #expect(try await store.workload.hours(in: pcn.id).isEmpty)
            try await store.workload.setHours(
                WorkerHours(hoursPerWeek: 22.5, peoplePerYear: 200), of: priya.id, in: pcn.id,
                audit: fixtures.audit(.workerHoursSet))
            try await store.workload.setHours(
                WorkerHours(hoursPerWeek: 30, peoplePerYear: 250), of: priya.id, in: pcn.id,
                audit: fixtures.audit(.workerHoursSet))
            #expect(
                try await store.workload.hours(in: pcn.id) == [
                    priya.id: WorkerHours(hoursPerWeek: 30, peoplePerYear: 250)
                ])
            await #expect(throws: StoreError.notFound, "another organisation's worker") {
                try await store.workload.setHours(
                    WorkerHours(), of: stranger.id, in: pcn.id, audit: fixtures.audit(.workerHoursSet))
            }
            await #expect(throws: StoreError.notFound, "a worker, through another organisation") {
                try await store.workload.setHours(
                    WorkerHours(), of: priya.id, in: other.id, audit: fixtures.audit(.workerHoursSet))
            }
            #expect(try await store.workload.hours(in: other.id).isEmpty)
        }
    }

    @Test(
        "Spells: accepted referrals from the day they were accepted to the day they closed, with the facts complexity needs",
        arguments: TestBackend.allCases)
    func spells(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let other = try await fixtures.organisation("Meadow PCN")
            let priya = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let sam = try await fixtures.user("Sam Okafor", role: .linkWorker, in: pcn.id)
            let stranger = try await fixtures.user("Tom Reed", role: .linkWorker, in: other.id)
            let start = fixtures.today

            var details = try fixtures.personDetails("Margaret Okoro")
            details.riskFlag = "Dog in the house: visit in pairs"
            details.interpreterNeeded = true
            let open = try await fixtures.advance(
                try await fixtures.referral(in: pcn.id, person: details).referral, to: .accepted, worker: priya.id)
            let matters = WhatMatters(
                needs: [
                    .init(need: "loneliness", importance: .aGreatDeal, ownWords: "I don't see anyone"),
                    .init(need: "money", importance: .aLittle, ownWords: "Bills"),
                ])
            func contact(minutes: Int, whatMatters: (WhatMatters, Int)? = nil) async throws {
                try await store.casework.recordContact(
                    id: ContactID(), on: open.id, in: pcn.id,
                    NewContact(occurredOn: fixtures.today, durationMinutes: minutes, mode: .phone, note: ""),
                    startingCase: try await fixtures.startingCase(open.id, in: pcn.id), whatMatters: whatMatters,
                    at: fixtures.clock.now(), by: Actor(userID: priya.id, name: priya.name),
                    audit: fixtures.audit(.contactRecorded))
            }
            try await contact(minutes: 45, whatMatters: (matters, 0))
            let closed = try await fixtures.advance(
                try await fixtures.referral(
                    in: pcn.id, person: try fixtures.personDetails("Ray Dunn", born: "1960-01-01")
                ).referral,
                to: .discharged, worker: sam.id)
            let waiting = try await fixtures.referral(
                in: pcn.id, person: try fixtures.personDetails("Still Waiting", born: "1970-01-01"))
            // Given to Priya while still in the inbox: not on her caseload until accepted.
            _ = try await store.referrals.assign(
                waiting.referral.id, in: pcn.id, to: priya.id, expectedVersion: waiting.referral.version,
                at: fixtures.clock.now(),
                audit: fixtures.audit(.referralAssigned, organisation: pcn.id))
            _ = try await fixtures.advance(
                try await fixtures.referral(in: other.id).referral, to: .accepted, worker: stranger.id)

            fixtures.clock.advance(by: 10 * 86_400)
            try await contact(minutes: 30)

            let all = try await store.workload.spells(in: pcn.id, worker: nil, since: start, timeZone: .gmt)
            #expect(
                Set(all.map(\.referralID)) == [open.id, closed.id], "the referral still waiting is on nobody's caseload"
            )
            let spell = try #require(all.first { $0.referralID == open.id })
            #expect(spell.workerID == priya.id)
            #expect(spell.started == start)
            #expect(spell.ended == nil)
            #expect(spell.needs.sorted() == [.aLittle, .aGreatDeal])
            #expect(spell.riskFlag && !spell.safeguardingFlag && spell.interpreterNeeded)
            #expect(spell.contacts.map(\.minutes).sorted() == [30, 45])
            #expect(spell.contacts.map(\.on).max() == start.adding(days: 10))
            let ended = try #require(all.first { $0.referralID == closed.id })
            #expect(ended.workerID == sam.id)
            #expect(ended.started == start && ended.ended == start)
            #expect(ended.needs.isEmpty && ended.contacts.isEmpty)

            #expect(
                try await store.workload.spells(in: pcn.id, worker: sam.id, since: start, timeZone: .gmt).map(
                    \.referralID) == [closed.id])
            let later = try await store.workload.spells(
                in: pcn.id, worker: nil, since: start.adding(days: 5), timeZone: .gmt)
            #expect(later.map(\.referralID) == [open.id], "closed before the period asked for")
            let recent = try await store.workload.spells(
                in: pcn.id, worker: nil, since: start.adding(days: 37), timeZone: .gmt)
            #expect(recent.first?.contacts.map(\.minutes) == [30], "contacts only from four weeks before the period")
            #expect(
                try await store.workload.spells(in: other.id, worker: nil, since: start, timeZone: .gmt).map(\.workerID)
                    == [stranger.id])

            // Given to Sam: Priya's spell ends that day, Sam's begins; the past stays Priya's.
            let current = try #require(try await store.referrals.referral(open.id, in: pcn.id)).referral
            _ = try await store.referrals.assign(
                open.id, in: pcn.id, to: sam.id, expectedVersion: current.version, at: fixtures.clock.now(),
                audit: fixtures.audit(.referralAssigned, organisation: pcn.id))
            let split = try await store.workload.spells(in: pcn.id, worker: nil, since: start, timeZone: .gmt).filter {
                $0.referralID == open.id
            }
            #expect(split.map(\.workerID) == [priya.id, sam.id])
            #expect(split.map(\.started) == [start, start.adding(days: 10)])
            #expect(split.map(\.ended) == [start.adding(days: 10), nil])
            #expect(
                split.map(\.acceptedOn) == [start, start], "weeks in the service count from acceptance, whoever has it")
            #expect(split[1].contacts.compactMap(\.recordedBy) == [priya.id, priya.id], "the contacts were Priya's")
            #expect(
                try await store.workload.spells(in: pcn.id, worker: priya.id, since: start, timeZone: .gmt).map(
                    \.referralID) == [open.id])
        }
    }

    @Test(
        "Migration 16 gives each referral already assigned one spell from the day it was accepted",
        arguments: TestBackend.allCases)
    func assignmentsUpgrade(backend: TestBackend) async throws {
        try await backend.withStore { store, raw in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let priya = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let start = fixtures.today
            let accepted = try await fixtures.advance(
                try await fixtures.referral(in: pcn.id).referral, to: .active, worker: priya.id)
            _ = try await fixtures.referral(
                in: pcn.id, person: try fixtures.personDetails("Still Waiting", born: "1970-01-01"))
            fixtures.clock.advance(by: 3 * 86_400)
            let before = try await store.workload.spells(in: pcn.id, worker: nil, since: start, timeZone: .gmt)
            // Back to the database as it was before migration 16.
            let forget =
                backend == .sqlite
                ? "DELETE FROM grdb_migrations WHERE identifier = '0016_assignments'"
                : "DELETE FROM schema_migrations WHERE number = 16"
            try await raw.execute("DROP TABLE referral_assignments")
            try await raw.execute(forget)
            #expect(try await store.migrate() == [16])
            let after = try await store.workload.spells(in: pcn.id, worker: nil, since: start, timeZone: .gmt)
            #expect(after == before)
            #expect(after.map(\.referralID) == [accepted.id])
            #expect(after.first?.started == start)
        }
    }
}
