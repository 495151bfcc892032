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

@Suite("Self-referral")
struct SelfReferralTests {
    static func fields(name: String = "Sam Lowe") -> [(String, String)] {
        [
            ("name", name), ("birthDay", "2"), ("birthMonth", "9"), ("birthYear", "1990"), ("phone", "07700 900123"),
            ("preferredContact", "text"), ("language", "English"), ("reasons", "mental_wellbeing"),
            ("urgency", "routine"),
            ("consentGivenBy", "person"), ("website", ""),
        ]
    }

    @Test("Anyone can refer themselves to a service that allows it, without signing in")
    func selfReferral() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let browser = TestBrowser(client)
            let form = try await browser.get("/self-referral/\(world.service.id)")
            #expect(form.status == .ok)
            #expect(form.text.contains("Refer yourself for social prescribing"))
            #expect(form.text.contains(##"name="website""##), "the honeypot is there")
            let sent = try await browser.post("/self-referral/\(world.service.id)", form: Self.fields())
            #expect(sent.status == .ok)
            #expect(sent.text.contains("your referral has been sent"))
            let inbox = try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter())
            #expect(inbox.map(\.person.name) == ["Sam Lowe"])
            #expect(inbox.first?.referral.source == .selfReferral)
            #expect(inbox.first?.referral.referrer.role == "Self")
        }
    }

    @Test("A service without self-referral, or an unknown one, answers not found")
    func closed() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let browser = TestBrowser(client)
            #expect(try await browser.get("/self-referral/\(world.otherService.id)").status == .notFound)
            #expect(try await browser.get("/self-referral/\(OrganisationID())").status == .notFound)
            #expect(try await browser.get("/self-referral/not-an-id").status == .notFound)
        }
    }

    @Test("Mistakes come back beside their fields; a filled honeypot is thanked and dropped")
    func validationAndHoneypot() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let browser = TestBrowser(client)
            try await browser.get("/self-referral/\(world.service.id)")
            let bad = try await browser.post(
                "/self-referral/\(world.service.id)",
                form: Self.fields().filter { $0.0 != "phone" && $0.0 != "reasons" })
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("What would you like help with?"))
            #expect(bad.text.contains("Select at least one reason"))
            let bot = try await browser.post(
                "/self-referral/\(world.service.id)",
                form: Self.fields(name: "Spam Bot").filter { $0.0 != "website" } + [("website", "http://spam.example")])
            #expect(bot.status == .ok)
            #expect(bot.text.contains("your referral has been sent"))
            #expect(try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter()).isEmpty)
        }
    }

    @Test("More than five self-referrals an hour from one address are turned away, with a way forward")
    func rateLimited() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let browser = TestBrowser(client)
            try await browser.get("/self-referral/\(world.service.id)")
            for index in 1...5 {
                #expect(
                    try await browser.post(
                        "/self-referral/\(world.service.id)", form: Self.fields(name: "Person \(index)")
                    ).status == .ok)
            }
            let sixth = try await browser.post(
                "/self-referral/\(world.service.id)", form: Self.fields(name: "Person 6"))
            #expect(sixth.status == .tooManyRequests)
            #expect(sixth.text.contains("ask your GP practice to refer you"))
            #expect(try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter()).count == 5)
            app.clock.advance(by: 3601)
            #expect(
                try await browser.post("/self-referral/\(world.service.id)", form: Self.fields(name: "Person 7")).status
                    == .ok)
        }
    }

    @Test("The public form needs its anti-forgery token too")
    func csrf() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let browser = TestBrowser(client)
            try await browser.get("/self-referral/\(world.service.id)")
            #expect(
                try await browser.post("/self-referral/\(world.service.id)", form: Self.fields(), csrf: false).status
                    == .forbidden)
            #expect(try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter()).isEmpty)
        }
    }
}

@Suite("The needs list")
struct NeedsListTests {
    @Test("Administrators add, rename and switch off needs; the referral form follows")
    func editNeeds() async throws {
        try await TestApp.run { app, client in
            _ = try await CaseworkWorld.make(app)
            let admin = TestBrowser(client)
            try await admin.signIn("chris@example.org")
            let page = try await admin.get("/admin/needs")
            #expect(page.text.contains("Loneliness and isolation"))
            let added = try await admin.post("/admin/needs", form: [("label", "Digital skills"), ("position", "13")])
            #expect(added.status == .seeOther)
            try await admin.post(
                "/admin/needs",
                form: [
                    ("code", "substance_use"), ("label", "Alcohol and drugs"), ("position", "11"), ("isActive", "yes"),
                ])
            try await admin.post("/admin/needs", form: [("code", "other"), ("label", "Other"), ("position", "12")])
            let bad = try await admin.post("/admin/needs", form: [("label", ""), ("position", "x")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Position must be a whole number from 1 to 999"))

            let gp = TestBrowser(client)
            try await gp.signIn("helen@example.org")
            let form = try await gp.get("/refer")
            #expect(form.text.contains("Digital skills"))
            #expect(form.text.contains("Alcohol and drugs"))
            #expect(!form.text.contains(##"value="other""##), "switched off")
            #expect(try await app.auditActions().filter { $0 == .needsListChanged }.count == 3)
        }
    }

    @Test("Only administrators change the list")
    func onlyAdministrators() async throws {
        try await TestApp.run { app, client in
            _ = try await CaseworkWorld.make(app)
            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            try await manager.get("/")
            #expect(try await manager.get("/admin/needs").status == .forbidden)
            #expect(
                try await manager.post("/admin/needs", form: [("label", "Sneaky"), ("position", "1")]).status
                    == .forbidden)
            #expect(try await app.store.needs.all().count == 12)
        }
    }
}
