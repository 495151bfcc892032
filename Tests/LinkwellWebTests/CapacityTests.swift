import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

@Suite("Caseload capacity, on the web")
struct CapacityTests {
    @Test(
        "A worker sees their own load and each person's complexity; the manager sees the team and the waiting list; nobody else"
    )
    func views() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            _ = try await world.accepted(app)
            _ = try await world.referral(app, name: "Still Waiting", born: "1970-01-01")

            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            let home = try await priya.get("/")
            #expect(home.text.contains("Your load"))
            #expect(home.text.contains("On your caseload: 1 · Weighted load: 1 of 60 · New a week: 0.3 of 4.8"))
            #expect(home.text.contains("Complexity: standard (0 points)"))
            #expect(
                try await priya.get("/team/capacity").status == .forbidden,
                "a worker sees their own load, not colleagues'")
            #expect(try await priya.get("/team/settings").status == .forbidden)

            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            let team = try await manager.get("/team/capacity")
            #expect(team.status == .ok)
            #expect(team.text.contains("Priya Sharma"))
            #expect(team.text.contains("1 of 60"))
            #expect(team.text.contains("Within capacity"))
            #expect(team.text.contains("1 referral(s) waiting to be accepted"))
            #expect(!team.text.contains("Jo Other"), "another organisation's worker")
            #expect(try await app.auditActions().contains(.teamCapacityViewed))

            for email in ["helen@example.org", "mo@example.org", "chris@example.org"] {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                #expect(try await browser.get("/team/capacity").status == .forbidden, "\(email)")
                #expect(try await browser.get("/team/capacity/\(world.linkWorker.id)").status == .forbidden, "\(email)")
            }

            // Another organisation's manager cannot reach Priya's hours at all.
            _ = try await app.user(
                .manager, name: "Other Manager", email: "om@example.org", organisation: world.otherService)
            let outsider = TestBrowser(client)
            try await outsider.signIn("om@example.org")
            #expect(try await outsider.get("/team/capacity/\(world.linkWorker.id)").status == .notFound)
            _ = try await outsider.get("/team/capacity")
            let refused = try await outsider.post(
                "/team/capacity/\(world.linkWorker.id)", form: [("hoursPerWeek", "10"), ("peoplePerYear", "100")])
            #expect(refused.status == .notFound)
            #expect(try await app.store.workload.hours(in: world.service.id).isEmpty)
        }
    }

    @Test(
        "Hours and team settings: errors beside the field; saved values set capacity; two weeks over warns the manager and the worker"
    )
    func settingsAndWarning() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let sam = try await app.user(
                .linkWorker, name: "Sam Okafor", email: "sam@example.org", organisation: world.service)
            for name in ["Margaret Okoro", "Ray Dunn", "Ada Byrne"] { _ = try await world.accepted(app, name: name) }

            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            let form = try await manager.get("/team/capacity/\(world.linkWorker.id)")
            #expect(form.text.contains("37.5"), "full time until set")
            let wrong = try await manager.post(
                "/team/capacity/\(world.linkWorker.id)", form: [("hoursPerWeek", "0"), ("peoplePerYear", "lots")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Enter hours a week from 1 to 60"))
            #expect(wrong.text.contains("Enter a number of people a year from 10 to 1000"))
            #expect(wrong.text.contains("lots"), "what was typed comes back")
            #expect(
                try await manager.post(
                    "/team/capacity/\(world.linkWorker.id)",
                    form: [("hoursPerWeek", "22.25"), ("peoplePerYear", "250")]
                ).status == .seeOther)
            #expect(
                try await manager.get("/team/capacity/\(world.linkWorker.id)").text.contains("value=\"22.25\""),
                "shown back as saved, not rounded: saving unchanged changes nothing")
            let saved = try await manager.post(
                "/team/capacity/\(world.linkWorker.id)", form: [("hoursPerWeek", "15"), ("peoplePerYear", "250")])
            #expect(saved.status == .seeOther)
            #expect(try await manager.get("/team/capacity").text.contains("3 of 24"), "60 pro rata to 15 hours")

            _ = try await manager.get("/team/settings")
            let badSettings = try await manager.post(
                "/team/settings",
                form: [("weightedCeiling", "3"), ("clinicalSupervisionWeeks", "4"), ("supportOptions", "")])
            #expect(badSettings.status == .unprocessableContent)
            #expect(badSettings.text.contains("Enter a number from 5 to 200"))
            let settings = try await manager.post(
                "/team/settings",
                form: [
                    ("weightedCeiling", "5"), ("clinicalSupervisionWeeks", "2"),
                    ("supportOptions", "Employee assistance: 0800 000 0000\nPeer group on Thursdays"),
                ])
            #expect(settings.status == .seeOther)
            let over = try await manager.get("/team/capacity")
            #expect(over.text.contains("3 of 2"), "5 pro rata to 15 hours")
            #expect(over.text.contains("Over capacity"))
            #expect(!over.text.contains("Over capacity two weeks running"), "not yet two week ends")
            #expect(!(try await manager.get("/")).text.contains("over capacity for two weeks running"))

            // The referral page suggests the worker with room, first and chosen.
            let waiting = try await world.referral(app, name: "New Person", born: "1980-05-05")
            let triage = try await manager.get("/referrals/\(waiting.referral.id)")
            let samAt = try #require(triage.text.range(of: "Sam Okafor (weighted 0 of 5)"))
            let priyaAt = try #require(triage.text.range(of: "Priya Sharma (weighted 3 of 2)"))
            #expect(samAt.lowerBound < priyaAt.lowerBound)
            #expect(triage.text.contains("value=\"\(sam.id)\" selected"))
            #expect(try await manager.get("/inbox").text.contains("Sam Okafor has the most room for new referrals."))
            let early = try await manager.post(
                "/referrals/\(waiting.referral.id)/assign",
                form: [("assignTo", sam.id.description), ("version", "\(waiting.referral.version)")])
            #expect(early.status == .unprocessableContent, "a referral in the inbox is given by accepting it")
            #expect(early.text.contains("Accept the referral to give it to a link worker"))

            app.clock.advance(by: 15 * 86_400)
            let later = TestBrowser(client)
            try await later.signIn("rachel@example.org")
            let warned = try await later.get("/team/capacity")
            #expect(warned.text.contains("Over capacity two weeks running"))
            #expect(warned.text.contains("1 link worker(s) over capacity at the end of each of the last two weeks"))
            #expect(
                try await later.get("/").text.contains("1 link worker(s) over capacity for two weeks running."),
                "on the manager's home too")
            let suggestion = try await later.get("/referrals/\(waiting.referral.id)")
            #expect(suggestion.text.contains("Priya Sharma (weighted 3 of 2, over capacity two weeks running)"))

            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            #expect(try await priya.get("/").text.contains("You have been over capacity for two weeks running"))
            let ownTriage = try await priya.get("/referrals/\(waiting.referral.id)")
            #expect(ownTriage.text.contains("Sam Okafor (suggested: most room)"))
            #expect(!ownTriage.text.contains("weighted"), "a worker is not shown colleagues' loads")
            #expect(!ownTriage.text.contains("most room first"), "nor their ranking")
            let priyaAtOwn = try #require(ownTriage.text.range(of: ">Priya Sharma</option>"))
            let samAtOwn = try #require(ownTriage.text.range(of: ">Sam Okafor (suggested: most room)</option>"))
            #expect(priyaAtOwn.lowerBound < samAtOwn.lowerBound, "by name")
            #expect(
                ownTriage.text.contains("value=\"\(world.linkWorker.id)\" selected"),
                "a worker triaging takes it on unless they choose")
            let wellbeing = try await priya.get("/wellbeing")
            #expect(wellbeing.text.contains("Employee assistance: 0800 000 0000"))
            #expect(wellbeing.text.contains("Peer group on Thursdays"))
            _ = try await priya.get("/supervision")
            let today = StoreFixtures(store: app.store, clock: app.clock).today
            _ = try await priya.post(
                "/supervision",
                form: [
                    ("kind", "clinical"), ("supervisorName", "Dr Ann Lee"), ("day", "\(today.day)"),
                    ("month", "\(today.month)"),
                    ("year", "\(today.year)"), ("minutes", "60"),
                ])
            #expect(
                try await priya.get("/supervision").text.contains(
                    "Clinical supervision is next due by \(today.adding(days: 14).longText)."),
                "the team's setting: every 2 weeks")
            #expect(
                try await app.auditActions().filter { $0 == .workerHoursSet || $0 == .workforcePolicyChanged }.count
                    == 3)
        }
    }
}
