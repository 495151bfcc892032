import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

@Suite("Supervision, on the web")
struct SupervisionTests {
    @Test(
        "A worker records supervision with a private note; it falls due monthly; the manager sees the fact, never the note"
    )
    func supervision() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            let first = try await priya.get("/supervision")
            #expect(first.status == .ok)
            #expect(first.text.contains("Clinical supervision is due today."), "none yet: due now")
            let wrong = try await priya.post(
                "/supervision", form: [("kind", "clinical"), ("minutes", "3"), ("share", "yes")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Name your supervisor"))
            #expect(wrong.text.contains("Enter the length in minutes, from 5 to 600"))
            #expect(wrong.text.contains("Only a colleague on Linkwell can be shown the note"))
            let today = StoreFixtures(store: app.store, clock: app.clock).today
            let saved = try await priya.post(
                "/supervision",
                form: [
                    ("kind", "clinical"), ("supervisorID", world.manager.id.description), ("day", "\(today.day)"),
                    ("month", "\(today.month)"),
                    ("year", "\(today.year)"), ("minutes", "60"), ("note", "The Okoro case is weighing on me"),
                ])
            #expect(saved.status == .seeOther)
            let mine = try await priya.get("/supervision")
            #expect(mine.text.contains("The Okoro case is weighing on me"))
            #expect(mine.text.contains("Clinical supervision is next due by \(today.adding(days: 28).longText)."))

            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            let team = try await manager.get("/")
            #expect(team.text.contains("Due by \(today.adding(days: 28).shortText)"))
            #expect(!team.text.contains("Okoro"), "the manager sees that supervision happened, never the note")
            let managersOwn = try await manager.get("/supervision")
            #expect(!managersOwn.text.contains("Okoro"), "the manager's own page holds only their own sessions")
            #expect(
                managersOwn.text.contains("Sessions you gave"), "as Priya's supervisor, the manager sees the session")
            #expect(managersOwn.text.contains("Not shared"))
            _ = try await priya.get("/supervision")
            let sharing = try await priya.post(
                "/supervision",
                form: [
                    ("kind", "peer"), ("supervisorID", world.manager.id.description), ("day", "\(today.day)"),
                    ("month", "\(today.month)"),
                    ("year", "\(today.year)"), ("minutes", "30"), ("note", "Ask about lone visits"), ("share", "yes"),
                ])
            #expect(sharing.status == .seeOther)
            let withShared = try await manager.get("/supervision")
            #expect(withShared.text.contains("Ask about lone visits"), "a note the supervisee shared")
            #expect(!withShared.text.contains("Okoro"))
            #expect(!(try await app.auditActions()).isEmpty)

            app.clock.advance(by: 29 * 86_400)
            let later = TestBrowser(client)
            try await later.signIn("rachel@example.org")
            #expect(try await later.get("/").text.contains("Overdue since"))
        }
    }

    @Test("Access: only link workers and managers keep supervision records")
    func access() async throws {
        try await TestApp.run { app, client in
            _ = try await CaseworkWorld.make(app)
            for (email, expected) in [
                ("priya@example.org", HTTPResponse.Status.ok), ("rachel@example.org", .ok),
                ("helen@example.org", .forbidden),
                ("mo@example.org", .forbidden), ("chris@example.org", .forbidden),
            ] {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                #expect(try await browser.get("/supervision").status == expected, "\(email)")
            }
        }
    }
}
