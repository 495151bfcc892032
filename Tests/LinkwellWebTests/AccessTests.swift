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

@Suite("Who may see what")
struct AccessTests {
    static let nonAdministrators: [Role] = [.linkWorker, .referrer, .provider, .manager]

    static let adminPages = [
        "/admin/organisations", "/admin/organisations/new", "/admin/audit",
    ]

    @Test("Each role lands on its own home page", arguments: Role.allCases)
    func homePages(role: Role) async throws {
        try await TestApp.run { app, client in
            try await app.user(role, name: "Alex Morgan", email: "alex@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("alex@example.org")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            let expected: String =
                switch role {
                case .linkWorker: "<h2 class=\"heading-l\" id=\"due-heading\">Due today or overdue</h2>"
                case .referrer: "<h2 class=\"heading-m\" id=\"referrals-heading\">Your referrals</h2>"
                case .provider: "<h2 class=\"heading-m\" id=\"incoming-heading\">Referrals to your services</h2>"
                case .manager: "<h2 class=\"heading-l\" id=\"team-heading\">Your team</h2>"
                case .administrator: "<h2 class=\"heading-l\">Recent activity</h2>"
                }
            #expect(home.text.contains(expected))
            #expect(home.text.contains("Alex Morgan<span class=\"header__role\">\(role.label)</span>"))
            // Only administrators see the administration sections in the navigation.
            #expect(home.text.contains("href=\"/admin/organisations\"") == (role == .administrator))
        }
    }

    @Test("Someone not signed in is sent to sign in, from any page but sign-in itself")
    func anonymous() async throws {
        try await TestApp.run { _, client in
            let browser = TestBrowser(client)
            for path in ["/", "/account/password"] + Self.adminPages {
                let response = try await browser.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.location?.hasPrefix("/sign-in") == true, "\(path)")
            }
            let post = try await browser.post(
                "/admin/organisations/new", form: [("name", "Sneaky"), ("kind", "other")], csrf: false)
            #expect(post.status == .seeOther)
        }
    }

    @Test(
        "Roles other than administrator get 403 on administration pages and writes", arguments: Self.nonAdministrators)
    func administrationIsForAdministrators(role: Role) async throws {
        try await TestApp.run { app, client in
            let user = try await app.user(role, email: "someone@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("someone@example.org")
            try await browser.get("/")
            for path in Self.adminPages + ["/admin/organisations/\(user.organisationID)"] {
                let response = try await browser.get(path)
                #expect(response.status == .forbidden, "\(role) \(path)")
                #expect(response.text.contains("Your account does not give you access to this page"))
            }
            let before = try await app.store.organisations.all().count
            let post = try await browser.post(
                "/admin/organisations/new", form: [("name", "Not Allowed"), ("kind", "other"), ("odsCode", "")])
            #expect(post.status == .forbidden)
            #expect(try await app.store.organisations.all().count == before)
        }
    }

    @Test("The services refuse non-administrators too, whatever the web layer does", arguments: Self.nonAdministrators)
    func servicesCheckAccess(role: Role) async throws {
        try await TestApp.run { app, _ in
            let user = try await app.user(role)
            let acting = ActingUser(user: user, clientAddress: nil, sessionTokenHash: nil)
            let administration = app.linkwell.services.administration
            await #expect(throws: ServiceError.forbidden) { try await administration.organisations(acting) }
            await #expect(throws: ServiceError.forbidden) {
                try await administration.createOrganisation(OrganisationForm(name: "X", kind: "other"), acting)
            }
            await #expect(throws: ServiceError.forbidden) {
                try await administration.createUser(
                    UserForm(
                        name: "X", email: "x@example.org", role: "admin",
                        organisationID: user.organisationID.description), acting)
            }
            await #expect(throws: ServiceError.forbidden) {
                try await administration.resetPassword(user.id, in: user.organisationID, acting)
            }
            await #expect(throws: ServiceError.forbidden) {
                try await administration.setActive(user.id, in: user.organisationID, active: false, acting)
            }
            await #expect(throws: ServiceError.forbidden) {
                try await app.linkwell.services.audit.events(matching: AuditQuery(), page: PageRequest(), acting)
            }
            if role != .manager {
                await #expect(throws: ServiceError.forbidden) {
                    try await app.linkwell.services.team.linkWorkers(acting)
                }
            }
        }
    }

    @Test("A manager sees the link workers of their own organisation only")
    func managerSeesOwnTeam() async throws {
        try await TestApp.run { app, client in
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            try await app.user(.manager, name: "Rachel Owen", email: "rachel@example.org", organisation: riverside)
            try await app.user(.linkWorker, name: "Priya Sharma", organisation: riverside)
            try await app.user(.linkWorker, name: "Jo Other", organisation: meadow)
            let browser = TestBrowser(client)
            try await browser.signIn("rachel@example.org")
            let home = try await browser.get("/")
            #expect(home.text.contains("<td>Priya Sharma</td>"))
            #expect(!home.text.contains("Jo Other"))
        }
    }

    @Test("An empty team says what to do next")
    func managerEmptyState() async throws {
        try await TestApp.run { app, client in
            try await app.user(.manager, email: "rachel@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("rachel@example.org")
            let home = try await browser.get("/")
            #expect(home.text.contains("Ask your Linkwell administrator to add an account for each link worker"))
        }
    }
}
