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

@Suite("Administration: organisations, practices and users")
struct AdministrationTests {
    /// An administrator signed in through the form, and their organisation.
    static func signedInAdministrator(_ app: TestApp, _ client: any TestClientProtocol) async throws -> (
        TestBrowser, User
    ) {
        let admin = try await app.user(.administrator, name: "Chris Walker", email: "admin@example.org")
        let browser = TestBrowser(client)
        try await browser.signIn("admin@example.org")
        try await browser.get("/")
        return (browser, admin)
    }

    @Test("A bad organisation form comes back with every message beside its field and what was typed kept")
    func organisationValidation() async throws {
        try await TestApp.run { app, client in
            let (browser, _) = try await Self.signedInAdministrator(app, client)
            let before = try await app.store.organisations.all().count
            let response = try await browser.post(
                "/admin/organisations/new", form: [("name", "  "), ("kind", "pcn"), ("odsCode", "q12 345")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(##"<a href="#name">Enter the organisation&#39;s name</a>"##))
            #expect(response.text.contains("A Primary Care Network ODS code is U followed by 5 numbers, like U12345"))
            #expect(response.text.contains(##"id="odsCode-error""##))
            #expect(response.text.contains(##"value="q12 345""##), "what was typed is kept")
            #expect(response.text.contains(##"value="pcn" checked"##))
            #expect(try await app.store.organisations.all().count == before)
        }
    }

    @Test("An organisation is added, shown and changed, each change audited")
    func organisationLifecycle() async throws {
        try await TestApp.run { app, client in
            let (browser, _) = try await Self.signedInAdministrator(app, client)
            let created = try await browser.post(
                "/admin/organisations/new",
                form: [("name", "Meadow Primary Care Network"), ("kind", "pcn"), ("odsCode", "u 54321")])
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            let page = try await browser.get(location)
            #expect(page.text.contains("<h1 class=\"heading-xl\">Meadow Primary Care Network</h1>"))
            #expect(page.text.contains("U54321"))
            #expect(page.text.contains("Organisation added."))
            let organisation = try #require(
                try await app.store.organisations.all().first { $0.name == "Meadow Primary Care Network" })

            try await browser.get("\(location)/edit")
            let saved = try await browser.post(
                "\(location)/edit",
                form: [("name", "Meadow and Vale PCN"), ("kind", "pcn"), ("odsCode", "U54321"), ("version", "1")])
            #expect(saved.status == .seeOther)
            #expect(try await app.store.organisations.organisation(organisation.id)?.name == "Meadow and Vale PCN")
            #expect(try await app.auditActions().suffix(2) == [.organisationCreated, .organisationUpdated])
        }
    }

    @Test(
        "Each organisation sets how long providers have to answer its referrals (3 to 60 days, 14 unless changed) and weeks between outcome measures"
    )
    func responseDays() async throws {
        try await TestApp.run { app, client in
            let (browser, _) = try await Self.signedInAdministrator(app, client)
            let fields = [("name", "Meadow PCN"), ("kind", "pcn"), ("odsCode", ""), ("acceptsReferrals", "yes")]
            let wrong = try await browser.post(
                "/admin/organisations/new", form: fields + [("connectionResponseDays", "90")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Enter a number of days from 3 to 60"))
            #expect(wrong.text.contains(##"value="90""##))
            let created = try await browser.post(
                "/admin/organisations/new", form: fields + [("connectionResponseDays", " 10 ")])
            let location = try #require(created.location)
            let organisation = try #require(try await app.store.organisations.all().first { $0.name == "Meadow PCN" })
            #expect(organisation.connectionResponseDays == 10)
            let form = try await browser.get("\(location)/edit")
            #expect(form.text.contains(##"value="10""##))
            _ = try await browser.post(
                "\(location)/edit",
                form: fields + [("connectionResponseDays", ""), ("version", "\(organisation.version)")])
            #expect(
                try await app.store.organisations.organisation(organisation.id)?.connectionResponseDays == 14,
                "blank is the usual 14")
            let weeks = try await browser.post(
                "\(location)/edit",
                form: fields + [("outcomeFollowUpWeeks", "53"), ("version", "\(organisation.version + 1)")])
            #expect(weeks.status == .unprocessableContent)
            #expect(weeks.text.contains("Enter a number of weeks from 2 to 52"))
            _ = try await browser.post(
                "\(location)/edit",
                form: fields + [("outcomeFollowUpWeeks", "8"), ("version", "\(organisation.version + 1)")])
            #expect(try await app.store.organisations.organisation(organisation.id)?.outcomeFollowUpWeeks == 8)
        }
    }

    @Test("Saving over someone else's change is refused, showing the newer details")
    func editConflict() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let path = "/admin/organisations/\(admin.organisationID)/edit"
            try await browser.get(path)
            // Someone else saves first.
            let current = try #require(try await app.store.organisations.organisation(admin.organisationID))
            try await app.store.organisations.update(
                current.id, expectedVersion: current.version,
                details: OrganisationDetails(name: "Renamed Elsewhere", kind: .other, odsCode: nil),
                at: app.clock.now(),
                audit: AuditEntry(
                    occurredAt: app.clock.now(), organisationID: current.id, actorID: nil, action: .organisationUpdated,
                    target: .organisation(current.id), clientAddress: nil))
            let response = try await browser.post(
                path,
                form: [("name", "My Edit"), ("kind", "other"), ("odsCode", ""), ("version", "\(current.version)")])
            #expect(response.status == .conflict)
            #expect(response.text.contains("Someone else changed this while you were editing it"))
            #expect(response.text.contains(##"value="Renamed Elsewhere""##))
            #expect(try await app.store.organisations.organisation(current.id)?.name == "Renamed Elsewhere")
        }
    }

    @Test("GP practices need a valid ODS code that no other practice has")
    func practices() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let base = "/admin/organisations/\(admin.organisationID)"
            try await browser.get("\(base)/practices/new")
            let bad = try await browser.post(
                "\(base)/practices/new", form: [("name", "Riverside Surgery"), ("odsCode", "12345")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("A GP practice ODS code is a letter followed by 5 numbers, like A81001"))

            let good = try await browser.post(
                "\(base)/practices/new", form: [("name", "Riverside Surgery"), ("odsCode", "a81001")])
            #expect(good.status == .seeOther)
            let overview = try await browser.get(base)
            #expect(overview.text.contains("<td>Riverside Surgery</td><td>A81001</td>"))

            let duplicate = try await browser.post(
                "\(base)/practices/new", form: [("name", "Copy Surgery"), ("odsCode", "A81001")])
            #expect(duplicate.status == .unprocessableContent)
            #expect(duplicate.text.contains("Another organisation or practice already has this ODS code"))
            #expect(try await app.store.practices.practices(in: admin.organisationID).count == 1)
        }
    }

    @Test("A new user gets a one-time password and must choose their own at first sign-in")
    func newUserMustChangePassword() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let base = "/admin/organisations/\(admin.organisationID)"
            try await browser.get("\(base)/users/new")
            let invalid = try await browser.post(
                "\(base)/users/new",
                form: [("name", "Sam Okafor"), ("email", "sam@"), ("role", ""), ("practiceID", "")])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("Enter an email address in the correct format, like name@example.org"))
            #expect(invalid.text.contains(##"<a href="#role">Select a role</a>"##))

            let created = try await browser.post(
                "\(base)/users/new",
                form: [
                    ("name", "Sam Okafor"), ("email", "Sam@Example.org"), ("role", "link_worker"), ("practiceID", ""),
                ])
            #expect(created.status == .ok)
            let password = try #require(Self.oneTimePassword(in: created.text))
            #expect(try await app.auditActions().last == .userCreated)

            let sam = TestBrowser(client)
            let signIn = try await sam.signIn("sam@example.org", password: password)
            #expect(signIn.location == "/account/password")
            let elsewhere = try await sam.get("/")
            #expect(elsewhere.status == .seeOther)
            #expect(elsewhere.location == "/account/password")
            let form = try await sam.get("/account/password")
            #expect(form.text.contains("Choose a new password"))

            let weak = try await sam.post(
                "/account/password",
                form: [
                    ("currentPassword", password), ("newPassword", "Password2024!"),
                    ("confirmPassword", "Password2024!"),
                ])
            #expect(weak.status == .unprocessableContent)
            #expect(weak.text.contains("Choose a password that is harder to guess"))
            let mismatch = try await sam.post(
                "/account/password",
                form: [
                    ("currentPassword", password), ("newPassword", "tulip lantern orbit"),
                    ("confirmPassword", "tulip lantern orbits"),
                ])
            #expect(mismatch.text.contains("The passwords do not match"))
            let changed = try await sam.post(
                "/account/password",
                form: [
                    ("currentPassword", password), ("newPassword", "tulip lantern orbit"),
                    ("confirmPassword", "tulip lantern orbit"),
                ])
            #expect(changed.status == .seeOther)
            #expect(try await sam.get("/").status == .ok)
            #expect(try await app.auditActions().last == .passwordChanged)
        }
    }

    @Test("Resetting a password ends the user's sessions; the old password stops working")
    func resetPassword() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let organisation = try #require(try await app.store.organisations.organisation(admin.organisationID))
            let sam = try await app.user(
                .linkWorker, name: "Sam Okafor", email: "sam@example.org", organisation: organisation)
            let samBrowser = TestBrowser(client)
            try await samBrowser.signIn("sam@example.org")
            #expect(try await samBrowser.get("/").status == .ok)

            try await browser.get("/admin/organisations/\(organisation.id)/users/\(sam.id)")
            let reset = try await browser.post(
                "/admin/organisations/\(organisation.id)/users/\(sam.id)/reset-password", form: [])
            let password = try #require(Self.oneTimePassword(in: reset.text))
            #expect(reset.text.contains("This is the only time it is shown"))

            #expect(try await samBrowser.get("/").status == .seeOther, "Sam's open session ended")
            #expect(
                try await TestBrowser(client).signIn("sam@example.org").status == .unprocessableContent,
                "the old password no longer works")
            #expect(
                try await TestBrowser(client).signIn("sam@example.org", password: password).location
                    == "/account/password")
            #expect(try await app.auditActions().contains(.passwordReset))
        }
    }

    @Test("A one-time password works for a day, not for ever")
    func oneTimePasswordExpires() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let organisation = try #require(try await app.store.organisations.organisation(admin.organisationID))
            let sam = try await app.user(
                .linkWorker, name: "Sam Okafor", email: "sam@example.org", organisation: organisation)
            try await browser.get("/admin/organisations/\(organisation.id)/users/\(sam.id)")
            let reset = try await browser.post(
                "/admin/organisations/\(organisation.id)/users/\(sam.id)/reset-password", form: [])
            let password = try #require(Self.oneTimePassword(in: reset.text))
            app.clock.advance(by: 24 * 3600 + 1)
            #expect(
                try await TestBrowser(client).signIn("sam@example.org", password: password).status
                    == .unprocessableContent)
            let refused = try await app.store.audit.events(
                matching: AuditQuery(action: .signInFailed), page: PageRequest())
            #expect(refused.items.first?.entry.detail == "One-time password had expired")
        }
    }

    @Test(
        "Deactivating a user ends their session and stops them signing in; an administrator cannot deactivate themselves"
    )
    func deactivate() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let organisation = try #require(try await app.store.organisations.organisation(admin.organisationID))
            let sam = try await app.user(.linkWorker, email: "sam@example.org", organisation: organisation)
            let samBrowser = TestBrowser(client)
            try await samBrowser.signIn("sam@example.org")

            let userPath = "/admin/organisations/\(organisation.id)/users/\(sam.id)"
            try await browser.get(userPath)
            let response = try await browser.post("\(userPath)/deactivate", form: [])
            #expect(response.location == userPath)
            let page = try await browser.get(userPath)
            #expect(page.text.contains("Deactivated"))
            #expect(page.text.contains("User deactivated."))
            #expect(try await samBrowser.get("/").status == .seeOther)
            #expect(try await TestBrowser(client).signIn("sam@example.org").status == .unprocessableContent)

            try await browser.post("\(userPath)/reactivate", form: [])
            #expect(try await TestBrowser(client).signIn("sam@example.org").status == .seeOther)

            let selfPath = "/admin/organisations/\(organisation.id)/users/\(admin.id)"
            let ownPage = try await browser.get(selfPath)
            #expect(!ownPage.text.contains("/deactivate\""), "no button to deactivate yourself")
            let own = try await browser.post("\(selfPath)/deactivate", form: [])
            #expect(own.status == .conflict)
            #expect(try await app.store.users.user(admin.id, in: organisation.id)?.isActive == true)
        }
    }

    @Test("An administrator cannot change their own role")
    func ownRole() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let path = "/admin/organisations/\(admin.organisationID)/users/\(admin.id)/edit"
            try await browser.get(path)
            let response = try await browser.post(
                path,
                form: [
                    ("name", admin.name), ("email", admin.email.value), ("role", "link_worker"), ("practiceID", ""),
                    ("version", "\(admin.version)"),
                ])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("You cannot change your own role"))
            #expect(try await app.store.users.user(admin.id, in: admin.organisationID)?.role == .administrator)
        }
    }

    @Test("The audit log lists what happened, filters it, and says whether it is intact")
    func auditLog() async throws {
        try await TestApp.run { app, client in
            let (browser, _) = try await Self.signedInAdministrator(app, client)
            try await TestBrowser(client).signIn("admin@example.org", password: "wrong password, sorry")
            let page = try await browser.get("/admin/audit")
            #expect(page.text.contains("Sign-in failed"))
            #expect(page.text.contains("Chris Walker &lt;admin@example.org&gt;"))
            let filtered = try await browser.get("/admin/audit?action=sign_in.failed")
            #expect(filtered.text.contains("1 events"))
            let verified = try await browser.post("/admin/audit/verify", form: [])
            #expect(verified.text.contains("The audit log is intact"))
        }
    }

    @Test("A practice's details are changed, with the ODS code checked again")
    func editPractice() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let practice = try await StoreFixtures(store: app.store, clock: app.clock)
                .practice("Riverside Surgery", odsCode: "A81001", in: admin.organisationID)
            let path = "/admin/organisations/\(admin.organisationID)/practices/\(practice.id)/edit"
            let form = try await browser.get(path)
            #expect(form.text.contains(##"value="Riverside Surgery""##))
            let bad = try await browser.post(
                path, form: [("name", "Riverside Medical Centre"), ("odsCode", "nope"), ("version", "1")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(##"value="Riverside Medical Centre""##), "the new name typed is kept")
            let saved = try await browser.post(
                path, form: [("name", "Riverside Medical Centre"), ("odsCode", "A81002"), ("version", "1")])
            #expect(saved.status == .seeOther)
            let stored = try await app.store.practices.practice(practice.id, in: admin.organisationID)
            #expect(stored?.name == "Riverside Medical Centre")
            #expect(stored?.odsCode.value == "A81002")
            #expect(try await app.auditActions().last == .practiceUpdated)
        }
    }

    @Test("A user's name, email, role and practice are changed; a practice of another organisation is refused")
    func editUser() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let organisation = try #require(try await app.store.organisations.organisation(admin.organisationID))
            let surgery = try await fixtures.practice("Riverside Surgery", odsCode: "A81001", in: organisation.id)
            let elsewhere = try await fixtures.organisation("Meadow PCN")
            let foreign = try await fixtures.practice("Meadow Surgery", odsCode: "A81009", in: elsewhere.id)
            let helen = try await app.user(
                .linkWorker, name: "Helen Carter", email: "helen@example.org", organisation: organisation)
            let path = "/admin/organisations/\(organisation.id)/users/\(helen.id)/edit"
            let form = try await browser.get(path)
            #expect(form.text.contains("Riverside Surgery (A81001)"))
            #expect(!form.text.contains("Meadow Surgery"), "only the organisation's own practices are offered")

            let foreignChoice = try await browser.post(
                path,
                form: [
                    ("name", "Dr Helen Carter"), ("email", "helen@example.org"), ("role", "referrer"),
                    ("practiceID", foreign.id.description), ("version", "1"),
                ])
            #expect(foreignChoice.status == .unprocessableContent)
            #expect(foreignChoice.text.contains("Choose one from the list"))

            let saved = try await browser.post(
                path,
                form: [
                    ("name", "Dr Helen Carter"), ("email", "h.carter@example.org"), ("role", "referrer"),
                    ("practiceID", surgery.id.description), ("version", "1"),
                ])
            #expect(saved.status == .seeOther)
            let stored = try #require(try await app.store.users.user(helen.id, in: organisation.id))
            #expect(stored.name == "Dr Helen Carter")
            #expect(stored.email.value == "h.carter@example.org")
            #expect(stored.role == .referrer)
            #expect(stored.practiceID == surgery.id)
            let page = try await browser.get(try #require(saved.location))
            #expect(page.text.contains("User saved."))
            #expect(page.text.contains("Riverside Surgery"))
        }
    }

    @Test("Another organisation's user is not found through the wrong organisation's address")
    func userThroughWrongOrganisation() async throws {
        try await TestApp.run { app, client in
            let (browser, admin) = try await Self.signedInAdministrator(app, client)
            let elsewhere = try await StoreFixtures(store: app.store, clock: app.clock).organisation("Meadow PCN")
            let jo = try await app.user(.linkWorker, email: "jo@example.org", organisation: elsewhere)
            #expect(
                try await browser.get("/admin/organisations/\(admin.organisationID)/users/\(jo.id)").status == .notFound
            )
            #expect(try await browser.get("/admin/organisations/\(elsewhere.id)/users/\(jo.id)").status == .ok)
            let reset = try await browser.post(
                "/admin/organisations/\(admin.organisationID)/users/\(jo.id)/reset-password", form: [])
            #expect(reset.status == .notFound)
        }
    }

    static func oneTimePassword(in html: String) -> String? {
        guard
            let range = html.range(of: #"<p class="one-time-password"><code>[^<]+</code>"#, options: .regularExpression)
        else {
            return nil
        }
        return html[range].replacingOccurrences(of: #"<p class="one-time-password"><code>"#, with: "")
            .replacingOccurrences(of: "</code>", with: "")
    }
}
