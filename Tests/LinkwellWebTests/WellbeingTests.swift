import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

@Suite("Link workers' wellbeing check-ins, on the web")
struct WellbeingTests {
    static func answers(_ value: String) -> [(String, String)] {
        (1...6).map { ("item-p\($0)", value) } + [("leaving", "4"), ("leavingYear", "2")]
    }

    @Test(
        "A worker checks in and sees their own; the manager sees only averages over five, once the four weeks have ended"
    )
    func checkInAndTeamView() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            var workers = [("priya@example.org", world.linkWorker)]
            for number in 1...4 {
                let email = "worker\(number)@example.org"
                workers.append(
                    (
                        email,
                        try await app.user(
                            .linkWorker, name: "Worker \(number)", email: email, organisation: world.service)
                    ))
            }
            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            let page = try await priya.get("/wellbeing")
            #expect(page.status == .ok)
            #expect(page.text.contains("This is yours alone."))
            #expect(page.text.contains("How often do you feel tired?"))
            let wrong = try await priya.post("/wellbeing", form: [("item-p1", "60")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Question 1: choose one of the answers, 0 to 100"))
            let saved = try await priya.post("/wellbeing", form: Self.answers("75"))
            #expect(saved.status == .seeOther)
            let mine = try await priya.get("/wellbeing")
            #expect(mine.text.contains("<td>75</td>"), "personal burnout 75")
            #expect(mine.text.contains("<td>Agree</td>"))
            #expect(!mine.text.contains("<svg"), "one check-in is not a trend")

            // Four more check in; the manager sees nothing until the block has ended.
            for (email, _) in workers.dropFirst() {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                _ = try await browser.get("/wellbeing")
                _ = try await browser.post("/wellbeing", form: Self.answers("50"))
            }
            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            let now = try await manager.get("/team/wellbeing")
            #expect(now.status == .ok)
            #expect(!now.text.contains("people)"), "this block has not ended: nothing shown")
            app.clock.advance(by: 28 * 86_400)
            let later = TestBrowser(client)
            try await later.signIn("rachel@example.org")
            let ended = try await later.get("/team/wellbeing")
            #expect(ended.text.contains("55 (5 people)"), "(75 + 4 × 50) / 5 = 55")
            #expect(
                ended.text.contains("Half or more (of 5)"),
                "all five agreed they often think of leaving: never shown as all")
            #expect(
                ended.text.contains("Under half (of 5)"), "none expects to leave within a year: never shown as none")
            #expect(!ended.text.contains("100%") && !ended.text.contains(">0%"))
            #expect(!ended.text.contains("Priya") && !ended.text.contains("Worker 1"), "no names, no rows")

            // Priya's second check-in draws her own trend, scale by scale.
            let again = TestBrowser(client)
            try await again.signIn("priya@example.org")
            _ = try await again.get("/wellbeing")
            #expect(try await again.post("/wellbeing", form: Self.answers("25")).status == .seeOther)
            let trend = try await again.get("/wellbeing")
            #expect(trend.text.contains(#"-title">Personal burnout</title>"#))
            #expect(trend.text.contains(#"<title id="chart-trend-personal-"#))
            #expect(trend.text.contains(": 75; "), "the chart reads out each value")
            #expect(
                !(try await later.get("/team/wellbeing")).text.contains("<svg"),
                "the manager never sees a chart of one person")
        }
    }

    @Test("Access: only workers check in; only managers and administrators see averages; nobody sees anyone else's")
    func access() async throws {
        try await TestApp.run { app, client in
            _ = try await CaseworkWorld.make(app)
            let cases: [(email: String, path: String, expected: HTTPResponse.Status)] = [
                ("priya@example.org", "/wellbeing", .ok),
                ("rachel@example.org", "/wellbeing", .ok),
                ("helen@example.org", "/wellbeing", .forbidden),
                ("mo@example.org", "/wellbeing", .forbidden),
                ("chris@example.org", "/wellbeing", .forbidden),
                ("priya@example.org", "/team/wellbeing", .forbidden),
                ("rachel@example.org", "/team/wellbeing", .ok),
                ("chris@example.org", "/team/wellbeing", .ok),
                ("helen@example.org", "/team/wellbeing", .forbidden),
                ("mo@example.org", "/team/wellbeing", .forbidden),
            ]
            for check in cases {
                let browser = TestBrowser(client)
                try await browser.signIn(check.email)
                #expect(try await browser.get(check.path).status == check.expected, "\(check.email) GET \(check.path)")
            }
        }
    }
}

@Suite("Link workers' wellbeing: published figures cannot be differenced")
struct WellbeingPublicationWebTests {
    @Test(
        "A role changed after a block was shown does not change what it shows; a manager who answered needs five others"
    )
    func fixedOnceShown() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            var emails = ["priya@example.org"]
            var workers = [world.linkWorker]
            for number in 1...5 {
                let email = "worker\(number)@example.org"
                emails.append(email)
                workers.append(
                    try await app.user(.linkWorker, name: "Worker \(number)", email: email, organisation: world.service)
                )
            }
            // Six answer; the last one says they often think of leaving, the rest do not.
            for (index, email) in emails.enumerated() {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                _ = try await browser.get("/wellbeing")
                let answers =
                    (1...6).map { ("item-p\($0)", "50") } + [("leaving", index == 5 ? "5" : "4"), ("leavingYear", "2")]
                #expect(try await browser.post("/wellbeing", form: answers).status == .seeOther)
            }
            app.clock.advance(by: 28 * 86_400)
            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            let before = try await manager.get("/team/wellbeing")
            #expect(before.text.contains("(of 6)"))

            // The administrator makes one of them a manager; the manager looks again.
            let changed = try await app.store.users.update(
                workers[5].id, in: world.service.id, expectedVersion: workers[5].version,
                details: UserDetails(
                    name: "Worker 5", email: workers[5].email, role: .manager, organisationID: world.service.id,
                    practiceID: nil),
                at: app.clock.now(), audit: StoreFixtures(store: app.store, clock: app.clock).audit(.userUpdated))
            #expect(changed.role == .manager)
            let after = try await manager.get("/team/wellbeing")
            func table(_ html: String) -> String {
                guard let start = html.range(of: "<table"), let end = html.range(of: "</table>") else { return "" }
                return String(html[start.lowerBound..<end.upperBound])
            }
            #expect(table(after.text) == table(before.text), "the block shows what it showed")
            #expect(!table(after.text).isEmpty)

            // That worker, now a manager who answered, sees five others: shown. With only five in all, they would not.
            let answered = TestBrowser(client)
            try await answered.signIn("worker5@example.org")
            #expect(try await answered.get("/team/wellbeing").text.contains("(of 6)"))
        }
    }

    @Test("Four link workers and the manager: the manager sees nothing, someone who did not answer sees the figures")
    func managersOwnAnswer() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            var emails = ["priya@example.org", "rachel@example.org"]
            for number in 1...3 {
                let email = "worker\(number)@example.org"
                emails.append(email)
                _ = try await app.user(.linkWorker, name: "Worker \(number)", email: email, organisation: world.service)
            }
            for email in emails {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                _ = try await browser.get("/wellbeing")
                #expect(try await browser.post("/wellbeing", form: WellbeingTests.answers("50")).status == .seeOther)
            }
            app.clock.advance(by: 28 * 86_400)
            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            let theirs = try await manager.get("/team/wellbeing")
            #expect(!theirs.text.contains("people)"), "four others are too few")
            #expect(theirs.text.contains("Not enough responses"))
            let administrator = TestBrowser(client)
            try await administrator.signIn("chris@example.org")
            #expect(try await administrator.get("/team/wellbeing").text.contains("50 (5 people)"))
        }
    }
}
