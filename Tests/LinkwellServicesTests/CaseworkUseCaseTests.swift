import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Testing

/// The referral, case, capacity and connection use cases, through the
/// services (who may do what, what is set, what is refused), on both
/// databases. The HTTP tests check the pages; these check the rules.
@Suite("Casework use cases, on both databases")
struct CaseworkUseCaseTests {
    struct Team {
        let organisation: Organisation
        let manager: User
        let priya: User
        let tom: User
        let referrer: User
    }

    static func team(_ harness: ServiceHarness) async throws -> Team {
        let organisation = try await harness.fixtures.organisation("Riverside PCN")
        let fixtures = harness.fixtures
        return Team(
            organisation: organisation,
            manager: try await fixtures.user("Maya Manager", role: .manager, in: organisation.id),
            priya: try await fixtures.user("Priya Sharma", role: .linkWorker, in: organisation.id),
            tom: try await fixtures.user("Tom Price", role: .linkWorker, in: organisation.id),
            referrer: try await fixtures.user("Dr Helen Carter", role: .referrer, in: organisation.id))
    }

    @Test(
        "Accepting gives the referral to a link worker; only caseworkers move referrals; a stale version is a conflict",
        arguments: TestBackend.allCases)
    func accept(backend: TestBackend) async throws {
        try await ServiceHarness.run(on: backend) { harness in
            let team = try await Self.team(harness)
            let referrals = harness.services.referrals
            let created = try await harness.fixtures.referral(in: team.organisation.id).referral
            await #expect(throws: ServiceError.forbidden) {
                try await referrals.accept(
                    created.id, assignTo: team.priya.id, version: 1, harness.acting(team.referrer))
            }
            await #expect(throws: ServiceError.invalid(field: "assignTo", "Choose a link worker from the list")) {
                try await referrals.accept(
                    created.id, assignTo: team.referrer.id, version: 1, harness.acting(team.manager))
            }
            let accepted = try await referrals.accept(
                created.id, assignTo: team.priya.id, version: 1, harness.acting(team.manager))
            #expect(accepted.status == .accepted && accepted.assignedTo == team.priya.id)
            await #expect(throws: ServiceError.self) {
                try await referrals.accept(created.id, assignTo: team.tom.id, version: 1, harness.acting(team.manager))
            }
            let history = try await harness.store.referrals.statusHistory(of: created.id, in: team.organisation.id)
            #expect(history.map(\.to) == [.received, .accepted])
            #expect(history.last?.actorID == team.manager.id)
        }
    }

    @Test(
        "Declining codes the referral as declined; redirecting needs the service, beside its field; both close it",
        arguments: TestBackend.allCases)
    func close(backend: TestBackend) async throws {
        try await ServiceHarness.run(on: backend) { harness in
            let team = try await Self.team(harness)
            let referrals = harness.services.referrals
            let priya = harness.acting(team.priya)
            let first = try await harness.fixtures.referral(in: team.organisation.id).referral
            await #expect(throws: ServiceError.invalid(field: "reason", "Say why the person declined")) {
                try await referrals.close(first.id, as: .declined, reason: " ", version: 1, priya)
            }
            let declined = try await referrals.close(first.id, as: .declined, reason: "Not now", version: 1, priya)
            #expect(declined.snomedCode == SNOMED.socialPrescribingDeclined)
            #expect(declined.closedAt == harness.clock.now())

            let second = try await harness.fixtures.referral(
                in: team.organisation.id, person: try harness.fixtures.personDetails("Bob Day", born: "1960-01-01")
            ).referral
            await #expect(
                throws: ServiceError.invalid(field: "redirectedTo", "Name the service they were redirected to")
            ) {
                try await referrals.close(second.id, as: .redirected, reason: "", redirectedTo: "  ", version: 1, priya)
            }
            let redirected = try await referrals.close(
                second.id, as: .redirected, reason: "", redirectedTo: "Talking Therapies", version: 1, priya)
            #expect(redirected.redirectedTo == "Talking Therapies")
            #expect(
                try await harness.store.referrals.statusHistory(of: second.id, in: team.organisation.id).last?.reason
                    == "Redirected to Talking Therapies")
            await #expect(throws: ServiceError.forbidden, "only these three close a referral from the inbox") {
                try await referrals.close(second.id, as: .discharged, reason: "x", version: 2, priya)
            }
        }
    }

    @Test(
        "The first contact makes the case active, through the lifecycle; contacts need a referral on a caseload; discharge needs a summary",
        arguments: TestBackend.allCases)
    func contactsAndDischarge(backend: TestBackend) async throws {
        try await ServiceHarness.run(on: backend) { harness in
            let team = try await Self.team(harness)
            let cases = harness.services.cases
            let priya = harness.acting(team.priya)
            var form = ContactForm()
            form.durationMinutes = "45"
            form.mode = ContactMode.phone.rawValue
            let received = try await harness.fixtures.referral(in: team.organisation.id).referral
            await #expect(throws: ServiceError.self) { try await cases.recordContact(on: received.id, form, priya) }
            #expect(try await harness.store.casework.contacts(of: received.personID, in: team.organisation.id).isEmpty)

            let accepted = try await harness.services.referrals.accept(
                received.id, assignTo: team.priya.id, version: 1, harness.acting(team.manager))
            await #expect(throws: ServiceError.forbidden) {
                try await cases.recordContact(on: accepted.id, form, harness.acting(team.referrer))
            }
            try await cases.recordContact(on: accepted.id, form, priya)
            try await cases.recordContact(on: accepted.id, form, priya)
            let history = try await harness.store.referrals.statusHistory(of: accepted.id, in: team.organisation.id)
            #expect(history.map(\.to) == [.received, .accepted, .active], "one start, however many contacts")
            #expect(history.last?.reason == "First contact recorded")
            #expect(history.last?.actorID == team.priya.id)

            let active = try #require(
                try await harness.store.referrals.referral(accepted.id, in: team.organisation.id)?.referral)
            await #expect(
                throws: ServiceError.invalid(field: "summary", "Write a short summary for the person's GP and referrer")
            ) {
                try await cases.discharge(
                    active.id, DischargeForm(reason: DischargeReason.goalsMet.rawValue, summary: ""),
                    version: active.version, priya)
            }
            let discharged = try await cases.discharge(
                active.id, DischargeForm(reason: DischargeReason.goalsMet.rawValue, summary: "Walks every week"),
                version: active.version, priya)
            #expect(discharged.status == .discharged && discharged.dischargeSummary == "Walks every week")
            #expect(discharged.closedAt == harness.clock.now() && discharged.assignedTo == team.priya.id)
        }
    }

    @Test(
        "Capacity: a manager sees every worker's load, most room first; a link worker sees names and the suggestion, no figures",
        arguments: TestBackend.allCases)
    func capacityFigures(backend: TestBackend) async throws {
        try await ServiceHarness.run(on: backend) { harness in
            let team = try await Self.team(harness)
            for name in ["Ann Able", "Ben Baker", "Cat Cole"] {
                let referral = try await harness.fixtures.referral(
                    in: team.organisation.id, person: try harness.fixtures.personDetails(name, born: "1950-01-01")
                ).referral
                try await harness.fixtures.advance(referral, to: .active, worker: team.priya.id)
            }
            let capacity = harness.services.capacity
            let managers = try await capacity.assignmentChoices(harness.acting(team.manager))
            #expect(managers.choices.map(\.worker.name) == ["Tom Price", "Priya Sharma"], "most room first")
            #expect(managers.choices.allSatisfy { $0.load != nil })
            #expect(managers.suggested?.id == team.tom.id)

            let workers = try await capacity.assignmentChoices(harness.acting(team.priya))
            #expect(workers.choices.map(\.worker.name) == ["Priya Sharma", "Tom Price"], "by name, not by room")
            #expect(workers.choices.allSatisfy { $0.load == nil }, "no colleague's figures")
            #expect(workers.suggested?.id == team.tom.id)
            #expect(!workers.everyoneOverCapacity)

            await #expect(throws: ServiceError.forbidden, "the ranked figures are the manager's") {
                try await capacity.assignmentOrder(harness.acting(team.priya))
            }
            await #expect(throws: ServiceError.forbidden) {
                try await capacity.assignmentChoices(harness.acting(team.referrer))
            }
            #expect(
                try await capacity.assignmentOrder(harness.acting(team.manager)).map(\.worker.id) == [
                    team.tom.id, team.priya.id,
                ])
        }
    }

    @Test(
        "Connections: a link worker follows their organisation's only; a closed referral sends nothing more",
        arguments: TestBackend.allCases)
    func connections(backend: TestBackend) async throws {
        try await ServiceHarness.run(on: backend) { harness in
            let team = try await Self.team(harness)
            let elsewhere = try await harness.fixtures.organisation("Meadow PCN")
            let stranger = try await harness.fixtures.user("Sam Stranger", role: .linkWorker, in: elsewhere.id)
            let referral = try await harness.fixtures.referral(in: team.organisation.id)
            let active = try await harness.fixtures.advance(referral.referral, to: .active, worker: team.priya.id)
            let suggestion = try await harness.fixtures.connection(
                on: ReferralWithPerson(referral: active, person: referral.person),
                to: harness.fixtures.connectedService(provider: nil),
                by: team.priya, kind: .signposting, status: .suggested)
            let connections = harness.services.connections
            await #expect(throws: ServiceError.notFound) {
                try await connections.connection(suggestion.id, harness.acting(stranger))
            }
            #expect(
                try await connections.connection(suggestion.id, harness.acting(team.priya)).connection.id
                    == suggestion.id)

            try await harness.fixtures.advance(active, to: .withdrawn, worker: team.priya.id)
            await #expect(
                throws: ServiceError.conflict(
                    "The referral this belongs to has closed, so nothing more can be sent from it.")
            ) {
                try await connections.move(
                    suggestion.id, to: .referred, version: suggestion.version, harness.acting(team.priya))
            }
            let refusals = try await harness.fixtures.auditTrail().filter {
                $0.entry.action == .connectionAccessRefused
            }
            #expect(refusals.count == 1 && refusals.first?.entry.actorID == stranger.id)
        }
    }

    @Test(
        "A registered GP practice must be one of the organisation's own; gender and ethnic group are kept as stated",
        arguments: TestBackend.allCases)
    func demographics(backend: TestBackend) async throws {
        try await ServiceHarness.run(on: backend) { harness in
            let team = try await Self.team(harness)
            let ours = try await harness.fixtures.practice(
                "Riverside Medical Centre", odsCode: "A81001", in: team.organisation.id)
            let elsewhere = try await harness.fixtures.organisation("Meadow PCN")
            try await harness.fixtures.practice("Meadow Surgery", odsCode: "B82002", in: elsewhere.id)
            let referral = try await harness.fixtures.referral(in: team.organisation.id)
            var form = PersonForm(referral.person.details)
            form.statedGender = StatedGender.female.rawValue
            form.ethnicCategory = EthnicCategory.whiteIrish.rawValue
            form.registeredPractice = "B82002"
            let cases = harness.services.cases
            await #expect(throws: ServiceError.invalid(field: "registeredPractice", "Choose a practice from the list"))
            {
                try await cases.updateDetails(of: referral.person.id, form, version: 1, harness.acting(team.priya))
            }
            form.registeredPractice = ours.odsCode.value
            let person = try await cases.updateDetails(
                of: referral.person.id, form, version: 1, harness.acting(team.priya))
            #expect(person.details.statedGender == .female && person.details.ethnicCategory == .whiteIrish)
            let record = try await cases.record(of: person.id, harness.acting(team.priya))
            #expect(record.registeredPracticeName == "Riverside Medical Centre")
        }
    }
}
