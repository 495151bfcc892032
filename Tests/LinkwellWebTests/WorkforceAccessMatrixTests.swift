import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

/// Every page about link workers themselves, against every kind of user:
/// the worker, a colleague, the manager, the administrator, a referrer, a
/// provider, and another organisation's worker and manager.
@Suite("Looking after link workers: the access matrix")
struct WorkforceAccessMatrixTests {
    @Test("Each workforce page answers each role as designed, and nobody reaches another's records")
    func matrix() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let sam = try await app.user(
                .linkWorker, name: "Sam Okafor", email: "sam@example.org", organisation: world.service)
            _ = try await app.user(
                .manager, name: "Other Manager", email: "om@example.org", organisation: world.otherService)
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let required = RequiredTraining(
                id: RequiredTrainingID(), organisationID: world.service.id, title: "Safeguarding", renewMonths: nil)
            try await app.store.training.addRequirement(
                required, at: app.clock.now(),
                audit: fixtures.audit(.trainingRequirementChanged, organisation: world.service.id))
            var records: [TrainingRecord] = []
            for requirement in [required.id, nil] {
                let record = TrainingRecord(
                    id: TrainingRecordID(), organisationID: world.service.id, userID: world.linkWorker.id,
                    course: "A course",
                    provider: "", completedOn: fixtures.today, hours: 3, expiresOn: nil, requirementID: requirement,
                    certificateName: "c.pdf")
                try await app.store.training.record(
                    record,
                    certificate: TrainingCertificate(
                        filename: "c.pdf", contentType: "application/pdf", bytes: Array("%PDF-1.4".utf8)),
                    at: app.clock.now(), audit: fixtures.audit(.trainingRecorded, organisation: world.service.id))
                records.append(record)
            }

            let people = [
                "priya@example.org", "sam@example.org", "rachel@example.org", "chris@example.org", "helen@example.org",
                "mo@example.org",
                "jo@example.org", "om@example.org",
            ]
            typealias Row = (path: String, expected: [HTTPResponse.Status])
            let ok = HTTPResponse.Status.ok
            let no = HTTPResponse.Status.forbidden
            let gone = HTTPResponse.Status.notFound
            // Columns: priya (the worker), sam (a colleague), rachel (manager), chris (administrator),
            // helen (referrer), mo (provider), jo (another organisation's worker), om (its manager).
            let rows: [Row] = [
                ("/wellbeing", [ok, ok, ok, no, no, no, ok, ok]),
                ("/team/wellbeing", [no, no, ok, ok, no, no, no, ok]),
                ("/team/research.csv", [no, no, ok, ok, no, no, no, ok]),
                ("/supervision", [ok, ok, ok, no, no, no, ok, ok]),
                ("/team/capacity", [no, no, ok, no, no, no, no, ok]),
                ("/team/capacity/\(world.linkWorker.id)", [no, no, ok, no, no, no, no, gone]),
                ("/team/settings", [no, no, ok, no, no, no, no, ok]),
                ("/training", [ok, ok, ok, no, no, no, ok, ok]),
                ("/team/training", [no, no, ok, no, no, no, no, ok]),
                ("/training/records/\(records[0].id)/certificate", [ok, gone, ok, no, no, no, gone, gone]),
                // A course that counts towards nothing the organisation requires is the worker's alone.
                ("/training/records/\(records[1].id)/certificate", [ok, gone, gone, no, no, no, gone, gone]),
            ]
            for (index, email) in people.enumerated() {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                for row in rows {
                    let response = try await browser.get(row.path)
                    #expect(response.status == row.expected[index], "\(email) GET \(row.path)")
                }
            }
            // Supervision notes: Sam supervised Priya twice; she shared one note.
            for (note, shared) in [
                ("Private: the Okoro case keeps me awake", false), ("Shared: boundaries are better", true),
            ] {
                try await app.store.supervision.record(
                    SupervisionSession(
                        id: SupervisionSessionID(), organisationID: world.service.id, superviseeID: world.linkWorker.id,
                        supervisorID: sam.id,
                        supervisorName: sam.name, kind: .clinical, heldOn: fixtures.today, durationMinutes: 60,
                        note: note,
                        noteSharedWithSupervisor: shared),
                    audit: fixtures.audit(.supervisionRecorded, organisation: world.service.id))
            }
            // Who reads which note on their own supervision page: the worker both, the supervisor the shared one, nobody else either.
            let readers: [(String, Bool, Bool)] = [
                ("priya@example.org", true, true), ("sam@example.org", false, true),
                ("rachel@example.org", false, false),
                ("jo@example.org", false, false), ("om@example.org", false, false),
            ]
            for (email, readsPrivate, readsShared) in readers {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                let page = try await browser.get("/supervision").text
                #expect(page.contains("the Okoro case keeps me awake") == readsPrivate, "\(email): the private note")
                #expect(page.contains("boundaries are better") == readsShared, "\(email): the shared note")
            }
            let audit = try await app.store.audit.events(fromSequence: 1, limit: 10_000).map(\.entry.detail).joined()
            #expect(
                !audit.contains("Okoro") && !audit.contains("boundaries"), "no note is ever copied into the audit log")

            // What the other organisation's manager did see holds nothing of this one.
            let outsider = TestBrowser(client)
            try await outsider.signIn("om@example.org")
            #expect(!(try await outsider.get("/team/capacity")).text.contains("Priya"))
            #expect(!(try await outsider.get("/team/training")).text.contains("Priya"))
        }
    }
}
