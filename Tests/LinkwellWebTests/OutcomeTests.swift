import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

@Suite("Outcome measures, on the web")
struct OutcomeTests {
    @Test(
        "A baseline and a follow-up are recorded in the form; the person page shows the change as a chart and a table")
    func baselineAndFollowUp() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let person = referral.person
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")

            let choices = try await browser.get("/people/\(person.id)/outcomes/new")
            #expect(choices.status == .ok)
            #expect(choices.text.contains("UCLA three-item loneliness scale"))
            #expect(
                choices.text.contains(
                    "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS) <span class=\"tag tag--grey\">Needs licensed wording"
                ))

            let form = try await browser.get("/people/\(person.id)/outcomes/new?instrument=ucla-3")
            #expect(form.text.contains("How often do you feel that you lack companionship?"))
            #expect(form.text.contains(#"value="baseline" checked"#), "the first is the baseline")

            let wrong = try await browser.post(
                "/people/\(person.id)/outcomes",
                form: [
                    ("instrument", "ucla-3"), ("occasion", "baseline"), ("item-companionship", "3"),
                    ("item-left-out", "7"),
                ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Question 2: choose one of the answers, 1 to 3"))
            #expect(
                wrong.text.contains(
                    #"id="item-companionship-3" name="item-companionship" type="radio" value="3" checked"#),
                "what was chosen is kept")
            #expect(try await app.store.outcomes.measurements(of: person.id, in: world.service.id).isEmpty)

            let baseline = try await browser.post(
                "/people/\(person.id)/outcomes",
                form: [
                    ("instrument", "ucla-3"), ("occasion", "baseline"), ("item-companionship", "3"),
                    ("item-left-out", "2"), ("item-isolated", "3"),
                ])
            #expect(baseline.status == .seeOther)
            app.clock.advance(by: 84 * 86_400)
            let again = TestBrowser(client)
            try await again.signIn("priya@example.org")
            _ = try await again.get("/people/\(person.id)/outcomes/new?instrument=ucla-3")
            let partial = try await again.post(
                "/people/\(person.id)/outcomes",
                form: [("instrument", "ucla-3"), ("occasion", "follow-up"), ("item-companionship", "1")])
            #expect(partial.status == .seeOther, "too few answered is kept, and shown as not scored")
            _ = try await again.post(
                "/people/\(person.id)/outcomes",
                form: [
                    ("instrument", "ucla-3"), ("occasion", "follow-up"), ("item-companionship", "1"),
                    ("item-left-out", "2"), ("item-isolated", "2"),
                ])

            let page = try await again.get("/people/\(person.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<svg class="outcome-chart""#))
            #expect(page.text.contains(#"role="img""#))
            #expect(page.text.contains("Down 3 since the first measure (8 → 5): better."))
            #expect(page.text.contains("Not scored: 1 of 3 answered, and all 3 are needed"))
            #expect(page.text.contains("<td>Baseline</td><td>8</td>"))
            let recorded = try await app.store.audit.events(
                matching: AuditQuery(action: .outcomeRecorded), page: PageRequest())
            #expect(recorded.items.count == 3)

            // Goal attainment, recorded in the plan, is charted from the plan's versions.
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let actor = Actor(userID: world.linkWorker.id, name: "Priya Sharma")
            try await app.store.casework.savePlan(
                of: referral.referral.id, in: world.service.id,
                Plan(goals: [Plan.Goal(text: "Join a walking group", attainment: 2)]),
                summary: "Plan made", expectedVersion: 0, at: app.clock.now(), by: actor,
                audit: fixtures.audit(.planSaved))
            app.clock.advance(by: 42 * 86_400)
            try await app.store.casework.savePlan(
                of: referral.referral.id, in: world.service.id,
                Plan(goals: [Plan.Goal(text: "Join a walking group", attainment: 4)]),
                summary: "Progress", expectedVersion: 1, at: app.clock.now(), by: actor,
                audit: fixtures.audit(.planSaved))
            let later = TestBrowser(client)
            try await later.signIn("priya@example.org")
            let withGoals = try await later.get("/people/\(person.id)")
            #expect(withGoals.text.contains(#"id="outcome-goal-attainment""#))
            #expect(withGoals.text.contains("Up 2 since the first measure (2 → 4): better, and a meaningful change."))
            #expect(withGoals.text.contains("4: Mostly"))
        }
    }

    @Test(
        "The caseload shows a baseline due after the first conversation, and a follow-up due on the organisation's schedule"
    )
    func dueOnTheCaseload() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            func caseload() async throws -> String {
                let browser = TestBrowser(client)
                try await browser.signIn("priya@example.org")
                return try await browser.get("/").text
            }
            #expect(!(try await caseload()).contains("outcome measure"), "nothing before the first conversation")
            try await app.store.casework.recordContact(
                id: ContactID(), on: referral.referral.id, in: world.service.id,
                NewContact(occurredOn: fixtures.today, durationMinutes: 45, mode: .faceToFace, note: ""),
                startingCase: try await fixtures.startingCase(referral.referral.id, in: world.service.id),
                whatMatters: nil,
                at: app.clock.now(), by: Actor(userID: world.linkWorker.id, name: "Priya Sharma"),
                audit: fixtures.audit(.contactRecorded))
            app.clock.advance(by: 86_400)
            #expect(try await caseload().contains("Baseline outcome measure overdue"))

            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            _ = try await browser.get("/people/\(referral.person.id)/outcomes/new?instrument=ucla-3")
            _ = try await browser.post(
                "/people/\(referral.person.id)/outcomes",
                form: [
                    ("instrument", "ucla-3"), ("occasion", "baseline"), ("item-companionship", "3"),
                    ("item-left-out", "2"), ("item-isolated", "3"),
                ])
            #expect(!(try await caseload()).contains("outcome measure"), "measured: nothing due for twelve weeks")
            app.clock.advance(by: 78 * 86_400)
            #expect(try await caseload().contains("Follow-up outcome measure due"), "due within the week")
            app.clock.advance(by: 8 * 86_400)
            #expect(try await caseload().contains("Follow-up outcome measure overdue"))
        }
    }

    @Test("The discharge message and the referrer's view say how the scores changed, never the answers")
    func summaries() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referrer = TestBrowser(client)
            try await referrer.signIn("helen@example.org")
            _ = try await referrer.get("/refer")
            _ = try await referrer.post(
                "/refer",
                form: referralFormFields(name: "Joe Bloggs") + [("organisationID", world.service.id.description)])
            let received = try #require(
                try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter()).first)
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let active = try await fixtures.advance(received.referral, to: .active, worker: world.linkWorker.id)
            let worker = TestBrowser(client)
            try await worker.signIn("priya@example.org")
            _ = try await worker.get("/people/\(received.person.id)/outcomes/new?instrument=ucla-3")
            _ = try await worker.post(
                "/people/\(received.person.id)/outcomes",
                form: [
                    ("instrument", "ucla-3"), ("occasion", "baseline"), ("item-companionship", "3"),
                    ("item-left-out", "3"), ("item-isolated", "3"),
                ])
            let before = try await worker.get("/referrals/\(active.id)/discharge")
            #expect(before.text.contains("No outcome measures have been taken at discharge"))
            #expect(before.text.contains("/people/\(received.person.id)/outcomes/new?occasion=discharge"))
            let chooser = try await worker.get("/people/\(received.person.id)/outcomes/new?occasion=discharge")
            #expect(
                chooser.text.contains("instrument=ucla-3&amp;occasion=discharge"), "the occasion is carried to the form"
            )
            _ = try await worker.post(
                "/people/\(received.person.id)/outcomes",
                form: [
                    ("instrument", "ucla-3"), ("occasion", "discharge"), ("item-companionship", "1"),
                    ("item-left-out", "2"), ("item-isolated", "1"),
                ])
            #expect(
                !(try await worker.get("/referrals/\(active.id)/discharge")).text.contains(
                    "No outcome measures have been taken at discharge"))
            _ = try await app.store.referrals.transition(
                active.id, in: world.service.id,
                try active.transition(.discharge(.goalsMet, summary: "Goals met"), by: .linkWorker),
                expectedVersion: active.version, at: app.clock.now(),
                by: Actor(userID: world.linkWorker.id, name: "Priya Sharma"),
                audit: fixtures.audit(.referralStatusChanged))
            #expect(try await app.store.outcomes.measurements(of: received.person.id, in: world.service.id).count == 2)
            let line = "UCLA three-item loneliness scale: 9 at the first measure, 4 at the last (better, by 5)."
            let letter = try await worker.get("/referrals/\(active.id)/letter")
            #expect(letter.status == .ok)
            #expect(letter.text.contains(line))
            let home = try await referrer.get("/")
            #expect(home.text.contains(line))
            #expect(!home.text.contains("Often"), "scores, never answers")
        }
    }

    @Test("Handed over: one question a page and nothing else of Linkwell, saved at the end as answered by the person")
    func handOver() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let person = referral.person
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            _ = try await browser.get("/people/\(person.id)/outcomes/new?instrument=ons-loneliness")
            let start = try await browser.post(
                "/people/\(person.id)/outcomes/hand-over",
                form: [("instrument", "ons-loneliness"), ("occasion", "baseline"), ("step", "0")])
            #expect(start.status == .ok)
            #expect(start.text.contains("A few questions for you"))
            for leak in ["Margaret", "Caseload", "Sign out", "href=\"/\""] {
                #expect(!start.text.contains(leak), "the handed-over page shows nothing else: \(leak)")
            }
            let question = try await browser.post(
                "/people/\(person.id)/outcomes/hand-over",
                form: [("instrument", "ons-loneliness"), ("occasion", "baseline"), ("step", "1")])
            #expect(question.text.contains("How often do you feel lonely?"))
            #expect(question.text.contains("question 1 of 1"))
            #expect(!question.text.contains("Margaret"))
            let done = try await browser.post(
                "/people/\(person.id)/outcomes/hand-over",
                form: [("instrument", "ons-loneliness"), ("occasion", "baseline"), ("step", "2"), ("item-lonely", "2")])
            #expect(done.text.contains("Please hand the device back"))
            #expect(done.text.contains("sign in again"))
            let afterwards = try await browser.get("/people/\(person.id)")
            #expect(
                afterwards.status == .seeOther,
                "the session ended with the hand-back: the record needs the link worker again")
            let saved = try #require(
                try await app.store.outcomes.measurements(of: person.id, in: world.service.id).first)
            #expect(saved.handedOver)
            #expect(saved.answers == ["lonely": 2])
            #expect(saved.occasion == .baseline)
        }
    }

    @Test("During a hand-over the session reaches the questionnaire and nothing else: anything else ends it")
    func handOverLocksTheSession() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let person = referral.person
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            _ = try await browser.get("/people/\(person.id)/outcomes/new?instrument=ucla-3")
            let start = try await browser.post(
                "/people/\(person.id)/outcomes/hand-over",
                form: [("instrument", "ucla-3"), ("occasion", "baseline"), ("step", "0")])
            #expect(start.status == .ok)
            let next = try await browser.post(
                "/people/\(person.id)/outcomes/hand-over",
                form: [("instrument", "ucla-3"), ("occasion", "baseline"), ("step", "1")])
            #expect(
                next.text.contains("How often do you feel that you lack companionship?"), "the questionnaire goes on")
            // The Back button, or a typed address: the record is not there, and the session is over.
            let record = try await browser.get("/people/\(person.id)")
            #expect(record.status == .seeOther)
            #expect(record.location?.hasPrefix("/sign-in") == true)
            #expect(try await browser.get("/").status == .seeOther, "nothing else either, afterwards")
            #expect(try await app.auditActions().last == .signedOut)
        }
    }

    @Test("An instrument without its licensed wording cannot be used; another organisation's people are not reachable")
    func refusals() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            _ = try await browser.get("/people/\(referral.person.id)/outcomes/new")
            let licensed = try await browser.post(
                "/people/\(referral.person.id)/outcomes",
                form: [("instrument", "swemwbs"), ("occasion", "baseline"), ("item-item-1", "3")])
            #expect(licensed.status == .conflict)
            #expect(licensed.text.contains("needs its licensed wording"))
            let waiting = try await world.referral(app, name: "Joe Bloggs", born: "1950-01-01")
            _ = try await browser.get("/people/\(waiting.person.id)/outcomes/new?instrument=ucla-3")
            let early = try await browser.post(
                "/people/\(waiting.person.id)/outcomes",
                form: [("instrument", "ucla-3"), ("occasion", "baseline"), ("item-isolated", "2")])
            #expect(early.status == .conflict, "not on a referral still in the inbox")
            #expect(early.text.contains("Accept Joe Bloggs"))
            let stranger = TestBrowser(client)
            try await stranger.signIn("jo@example.org")
            #expect(
                try await stranger.get("/people/\(referral.person.id)/outcomes/new?instrument=ucla-3").status
                    == .notFound)
            let provider = TestBrowser(client)
            try await provider.signIn("mo@example.org")
            #expect(try await provider.get("/people/\(referral.person.id)/outcomes/new").status == .forbidden)
            #expect(try await app.store.outcomes.measurements(of: referral.person.id, in: world.service.id).isEmpty)
        }
    }
}

@Suite("Outcome instruments, administered on the web")
struct InstrumentAdministrationTests {
    @Test(
        "An administrator adds SWEMWBS's licensed wording; link workers can then use it, scored through the conversion table"
    )
    func licensedWording() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let admin = TestBrowser(client)
            try await admin.signIn("chris@example.org")
            let list = try await admin.get("/admin/instruments")
            #expect(list.status == .ok)
            #expect(list.text.contains("Needs licensed wording"))
            let template = try await admin.get("/admin/instruments/swemwbs")
            #expect(template.headers[.contentType]?.hasPrefix("application/json") == true)
            var definition = try JSONSerialization.jsonObject(with: Data(template.text.utf8)) as! [String: Any]
            var items = definition["items"] as! [[String: Any]]
            for index in items.indices { items[index]["text"] = "Statement \(index + 1) (our licensed wording)" }

            // Changing the shipped scoring is refused, beside the field.
            var tampered = definition
            var changedItems = items
            changedItems[0]["reverse_scored"] = true
            tampered["items"] = changedItems
            let refused = try await admin.post(
                "/admin/instruments",
                form: [
                    (
                        "definition",
                        String(decoding: try JSONSerialization.data(withJSONObject: tampered), as: UTF8.self)
                    ), ("version", "0"),
                ])
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.text.contains(
                    "swemwbs is built in: add its wording, but keep its items, answers and scoring exactly as shipped"))
            let broken = try await admin.post(
                "/admin/instruments", form: [("definition", #"{"id": "x"}"#), ("version", "0")])
            #expect(broken.status == .unprocessableContent)
            #expect(broken.text.contains("the definition, title: is missing"))

            definition["items"] = items
            let saved = try await admin.post(
                "/admin/instruments",
                form: [
                    (
                        "definition",
                        String(decoding: try JSONSerialization.data(withJSONObject: definition), as: UTF8.self)
                    ), ("version", "0"),
                ])
            #expect(saved.status == .seeOther)
            #expect(try await app.auditActions().contains(.instrumentAdded))

            let worker = TestBrowser(client)
            try await worker.signIn("priya@example.org")
            let form = try await worker.get("/people/\(referral.person.id)/outcomes/new?instrument=swemwbs")
            #expect(form.text.contains("Statement 1 (our licensed wording)"))
            let answers = (1...7).map { ("item-item-\($0)", "3") }
            let recorded = try await worker.post(
                "/people/\(referral.person.id)/outcomes",
                form: [("instrument", "swemwbs"), ("occasion", "baseline")] + answers)
            #expect(recorded.status == .seeOther)
            let measurement = try #require(
                try await app.store.outcomes.measurements(of: referral.person.id, in: world.service.id).first)
            #expect(measurement.score == 19.25, "raw 21 is 19.25 on the metric scale")

            // Another organisation still sees the template only.
            let other = TestBrowser(client)
            try await other.signIn("jo@example.org")
            let otherForm = try await other.get("/people/\(referral.person.id)/outcomes/new")
            #expect(otherForm.status == .notFound)
        }
    }
}
