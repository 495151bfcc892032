import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

@Suite("Casework: from referral to discharge")
struct CaseworkJourneyTests {
    @Test(
        "A GP refers; a link worker accepts, talks, plans, follows up and discharges; the GP letter says what happened")
    func wholeJourney() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)

            // The GP refers.
            let gp = TestBrowser(client)
            try await gp.signIn("helen@example.org")
            let form = try await gp.get("/refer")
            #expect(form.status == .ok)
            #expect(form.text.contains(##"value="Dr Helen Carter""##), "the referrer's name is filled in")
            let sent = try await gp.post("/refer", form: referralFormFields())
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/")
            #expect(try await gp.get("/").text.contains("Referral sent."))

            // The link worker finds it in the inbox and accepts it.
            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            let inbox = try await priya.get("/inbox")
            #expect(inbox.text.contains("Margaret Okoro"))
            #expect(inbox.text.contains("Loneliness and isolation, Money and debt"))
            let referral = try #require(
                try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter()).first)
            let triage = try await priya.get("/referrals/\(referral.referral.id)")
            #expect(triage.text.contains("943 476 5919"))
            #expect(triage.text.contains("871731000000106"))
            let accepted = try await priya.post(
                "/referrals/\(referral.referral.id)/accept",
                form: [("assignTo", world.linkWorker.id.description), ("version", "1")])
            #expect(accepted.status == .seeOther)
            let personPath = try #require(accepted.location)
            #expect(personPath == "/people/\(referral.person.id)")

            // The caseload shows her, first contact due.
            let caseload = try await priya.get("/")
            #expect(caseload.text.contains("Margaret Okoro"))
            #expect(caseload.text.contains("Make first contact"))

            // First conversation: the contact and what matters, in one submission.
            let first = try await priya.get("/referrals/\(referral.referral.id)/contacts/new")
            #expect(first.text.contains("First conversation"))
            let talked = try await priya.post(
                "/referrals/\(referral.referral.id)/contacts/new",
                form: [
                    ("mode", "home_visit"), ("durationMinutes", "50"), ("note", "Talked about her week."),
                    ("whatMattersVersion", "0"),
                    ("importance-loneliness", "3"),
                    ("ownWords-loneliness", "I don't see a soul from one week to the next"),
                    ("importance-money", "2"), ("ownWords-money", "The gas bill worries me"),
                    ("strengths", "Loves to sing"),
                    ("interests", "singing"), ("interests", "gardening"), ("availableDays", "2"),
                    ("availableTimes", "morning"),
                    ("transport", "public_transport"),
                ])
            #expect(talked.status == .seeOther)
            #expect(
                try await app.store.referrals.referral(referral.referral.id, in: world.service.id)?.referral.status
                    == .active)

            // A plan with two goals, in one submission.
            let planForm = try await priya.get("/referrals/\(referral.referral.id)/plan")
            #expect(planForm.text.contains("goal-1-text"))
            let planned = try await priya.post(
                "/referrals/\(referral.referral.id)/plan",
                form: [
                    ("version", "0"), ("goalCount", "2"), ("stepCount-1", "1"), ("stepCount-2", "1"),
                    ("goal-1-text", "I want to sing with other people again"),
                    ("goal-1-step-1-what", "Go to the Tuesday community choir"),
                    ("goal-1-step-1-who", "Me, with Priya the first time"), ("goal-1-step-1-day", "10"),
                    ("goal-1-step-1-month", "3"),
                    ("goal-1-step-1-year", "2026"), ("goal-1-step-1-status", "to_do"),
                    ("goal-2-text", "Get on top of the gas bill"),
                    ("goal-2-step-1-what", "Appointment with Citizens Advice"),
                    ("goal-2-step-1-who", "Priya to book"), ("goal-2-step-1-status", "in_progress"),
                    ("reviewDay", "13"), ("reviewMonth", "4"), ("reviewYear", "2026"),
                ])
            #expect(planned.status == .seeOther)
            let person = try await priya.get(personPath)
            #expect(person.text.contains("I want to sing with other people again"))
            #expect(person.text.contains("I don&#39;t see a soul from one week to the next"))
            #expect(person.text.contains("Review on 13 April 2026"))
            let printable = try await priya.get("/referrals/\(referral.referral.id)/plan/print")
            #expect(printable.text.contains("My plan"))
            #expect(printable.text.contains("Go to the Tuesday community choir"))

            // A follow-up contact from the caseload, one submission.
            app.clock.advance(by: 7 * 86_400)
            try await priya.signIn("priya@example.org")  // a week later: a new session
            #expect(try await priya.get("/").text.contains("Record contact"))
            let followUp = try await priya.post(
                "/referrals/\(referral.referral.id)/contacts/new",
                form: [
                    ("mode", "phone"), ("durationMinutes", "20"), ("note", "She went to the choir."),
                    ("from", "caseload"),
                ])
            #expect(followUp.location == "/")

            // Discharge, and the message back to the GP.
            let discharged = try await priya.post(
                "/referrals/\(referral.referral.id)/discharge",
                form: [
                    ("version", "3"), ("reason", "goals_met"),
                    ("summary", "Sings weekly with the choir; gas bill on a payment plan."),
                ])
            #expect(discharged.status == .seeOther)
            #expect(discharged.location == "/referrals/\(referral.referral.id)/letter")
            let letter = try await priya.get("/referrals/\(referral.referral.id)/letter")
            #expect(letter.status == .ok)
            #expect(letter.text.contains("Social prescribing: discharge summary"))
            #expect(letter.text.contains("Loneliness and isolation (mattered a great deal)"))
            #expect(letter.text.contains("2 contacts over 1 hour 10 minutes"))
            #expect(letter.text.contains("Goals met"))
            #expect(letter.text.contains("Sings weekly with the choir"))
            #expect(try await priya.get("/").text.contains("Margaret Okoro") == false, "no longer on the caseload")

            let actions = try await app.auditActions()
            for expected: AuditAction in [
                .referralReceived, .referralStatusChanged, .personViewed, .contactRecorded, .planSaved, .planViewed,
                .dischargeLetterViewed,
            ] {
                #expect(actions.contains(expected), "\(expected)")
            }
        }
    }

    @Test("A referral form with mistakes comes back with each message beside its field, and everything typed kept")
    func referralValidation() async throws {
        try await TestApp.run { app, client in
            _ = try await CaseworkWorld.make(app)
            let browser = TestBrowser(client)
            try await browser.signIn("helen@example.org")
            try await browser.get("/refer")
            var fields = referralFormFields(nhs: "943 476 5918")
            fields.removeAll { $0.0 == "reasons" || $0.0 == "consentGivenBy" }
            fields = fields.map { $0.0 == "postcode" ? ("postcode", "RV1") : $0 }
            let response = try await browser.post("/refer", form: fields)
            #expect(response.status == .unprocessableContent)
            let text = response.text
            #expect(text.contains(##"<a href="#nhsNumber">This is not a valid NHS number: check the digits</a>"##))
            #expect(text.contains(##"<a href="#postcode">Enter a real postcode, like SW1A 1AA</a>"##))
            #expect(text.contains(##"<a href="#reasons">Select at least one reason for the referral</a>"##))
            #expect(text.contains("it needs their consent"))
            #expect(text.contains(##"value="943 476 5918""##))
            #expect(text.contains("Lives alone since her husband died."))
            #expect(
                try await app.store.referrals.inbox(
                    in: try #require(
                        try await app.store.organisations.all().first {
                            $0.acceptsReferrals && $0.name == "Riverside PCN"
                        }
                    ).id, filter: InboxFilter()
                ).isEmpty)
        }
    }

    @Test("Triage: decline with a reason codes it; redirect names the service; the page explains bad input")
    func triage() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let first = try await world.referral(app)
            let second = try await world.referral(app, name: "Bob Day", born: "1960-01-01")
            let browser = TestBrowser(client)
            try await browser.signIn("rachel@example.org")
            try await browser.get("/referrals/\(first.referral.id)")
            let empty = try await browser.post(
                "/referrals/\(first.referral.id)/decline", form: [("reason", ""), ("version", "1")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Say why the person declined"))
            let declined = try await browser.post(
                "/referrals/\(first.referral.id)/decline",
                form: [("reason", "Has support from family"), ("version", "1")])
            #expect(declined.status == .seeOther)
            let stored = try #require(
                try await app.store.referrals.referral(first.referral.id, in: world.service.id)?.referral)
            #expect(stored.status == .declined)
            #expect(stored.snomedCode == "871711000000103")

            try await browser.get("/referrals/\(second.referral.id)")
            let redirected = try await browser.post(
                "/referrals/\(second.referral.id)/redirect",
                form: [("redirectedTo", "Talking Therapies"), ("reason", ""), ("version", "1")])
            #expect(redirected.status == .seeOther)
            #expect(
                try await app.store.referrals.referral(second.referral.id, in: world.service.id)?.referral.redirectedTo
                    == "Talking Therapies")

            let stale = try await browser.post(
                "/referrals/\(second.referral.id)/decline", form: [("reason", "Too late"), ("version", "2")])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("has moved on"))
        }
    }

    @Test("A referral matching a known person is flagged and can join their record")
    func duplicates() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let known = try await world.accepted(app)
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            try await browser.get("/refer")
            try await browser.post("/refer", form: referralFormFields(nhs: ""))
            let inbox = try await browser.get("/inbox")
            #expect(inbox.text.contains("May be known"))
            let duplicate = try #require(
                try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter()).first)
            #expect(duplicate.referral.possibleDuplicateOf == known.person.id)
            let page = try await browser.get("/referrals/\(duplicate.referral.id)")
            #expect(page.text.contains("This may be someone already known"))
            #expect(page.text.contains("same name and date of birth"))
            let attached = try await browser.post(
                "/referrals/\(duplicate.referral.id)/attach", form: [("version", "1")])
            #expect(attached.status == .seeOther)
            #expect(try await app.store.referrals.referrals(of: known.person.id, in: world.service.id).count == 2)
            #expect(try await app.store.people.person(duplicate.person.id, in: world.service.id) == nil)
        }
    }

    @Test("Two people saving the same plan: the second gets a conflict, sees the newer plan, and nothing is lost")
    func planConflict() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            let rachel = TestBrowser(client)
            try await rachel.signIn("rachel@example.org")
            let path = "/referrals/\(referral.referral.id)/plan"
            try await priya.get(path)
            try await rachel.get(path)
            let planFields = { (text: String) in
                [("version", "0"), ("goalCount", "1"), ("stepCount-1", "0"), ("goal-1-text", text)]
            }
            #expect(try await priya.post(path, form: planFields("Priya's wording")).status == .seeOther)
            let second = try await rachel.post(path, form: planFields("Rachel's wording"))
            #expect(second.status == .conflict)
            #expect(second.text.contains("Someone else changed this while you were editing it"))
            #expect(second.text.contains("Priya&#39;s wording"), "the newer version is shown")
            #expect(
                try await app.store.casework.plan(of: referral.referral.id, in: world.service.id)?.plan.goals.first?
                    .text == "Priya's wording")
            #expect(
                try await app.store.casework.planVersions(of: referral.referral.id, in: world.service.id).count == 1)
        }
    }

    @Test("Contact and plan forms explain their mistakes and keep what was typed")
    func formErrors() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            try await browser.get("/referrals/\(referral.referral.id)/contacts/new")
            let contact = try await browser.post(
                "/referrals/\(referral.referral.id)/contacts/new",
                form: [
                    ("mode", ""), ("durationMinutes", "lots"), ("note", "Kept note"), ("day", "1"), ("month", "1"),
                    ("year", "2099"), ("whatMattersVersion", "0"),
                ])
            #expect(contact.status == .unprocessableContent)
            #expect(contact.text.contains("Minutes must be a whole number from 1 to 600"))
            #expect(contact.text.contains("Select how the contact happened"))
            #expect(contact.text.contains("The date of the contact cannot be in the future"))
            #expect(contact.text.contains("Kept note"))
            #expect(try await app.store.casework.contacts(of: referral.person.id, in: world.service.id).isEmpty)

            let plan = try await browser.post(
                "/referrals/\(referral.referral.id)/plan",
                form: [
                    ("version", "0"), ("goalCount", "1"), ("stepCount-1", "1"), ("goal-1-text", ""),
                    ("goal-1-step-1-what", "A step with no goal"),
                ])
            #expect(plan.status == .unprocessableContent)
            #expect(plan.text.contains("write the goal, in the person&#39;s own words"))
            #expect(plan.text.contains("A step with no goal"))
        }
    }
}
