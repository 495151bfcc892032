import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

@Suite("The anonymised research export")
struct ResearchExportTests {
    @Test(
        "A year of four-week blocks as CSV: aggregates over five or more, blanks below, no names or identifiers; managers and administrators only"
    )
    func export() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            var emails = ["priya@example.org"]
            var ids = [world.linkWorker.id]
            for number in 1...4 {
                let email = "worker\(number)@example.org"
                ids.append(
                    try await app.user(.linkWorker, name: "Worker \(number)", email: email, organisation: world.service)
                        .id)
                emails.append(email)
            }
            _ = try await world.accepted(app)
            for email in emails {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                _ = try await browser.get("/wellbeing")
                #expect(
                    try await browser.post(
                        "/wellbeing", form: WellbeingTests.answers(email.hasPrefix("priya") ? "75" : "50")
                    ).status == .seeOther)
            }
            app.clock.advance(by: 28 * 86_400)

            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            #expect(try await manager.get("/team/wellbeing").text.contains("/team/research.csv"))
            let download = try await manager.get("/team/research.csv")
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let rows = CSVText.rows(in: download.text)
            #expect(rows.first == WorkforceResearchRow.columns)
            #expect(rows.count == 1 + ResearchExportService.blocks)
            let latest = Dictionary(uniqueKeysWithValues: zip(WorkforceResearchRow.columns, try #require(rows.last)))
            #expect(latest["wellbeing_respondents"] == "5")
            #expect(latest["personal_burnout_mean"] == "55", "(75 + 4 × 50) / 5")
            #expect(
                latest["thinking_of_leaving_band"] == "50-100", "all five agreed: a band that holds three and four too")
            #expect(latest["leaving_within_year_band"] == "0-49")
            #expect(latest["link_workers"] == "5")
            #expect(latest["mean_active_caseload"] == "0.2", "one person on one caseload, over five workers")
            let earliest = Dictionary(uniqueKeysWithValues: zip(WorkforceResearchRow.columns, rows[1]))
            #expect(earliest["personal_burnout_mean"] == "", "no check-ins then")
            #expect(earliest["link_workers"] == "", "nobody worked here then: fewer than five")
            for identifying in ["Priya", "priya@", "Worker 1", "Margaret"] + ids.map(\.description) {
                #expect(!download.text.contains(identifying), "\(identifying)")
            }
            #expect(try await app.auditActions().contains(.researchExported))

            for (email, expected) in [
                ("priya@example.org", HTTPResponse.Status.forbidden), ("helen@example.org", .forbidden),
                ("mo@example.org", .forbidden),
                ("chris@example.org", .ok),
            ] {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                #expect(try await browser.get("/team/research.csv").status == expected, "\(email)")
            }
        }
    }

    @Test("Four link workers are too few: the workload figures stay blank")
    func fewWorkers() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            for number in 1...3 {
                _ = try await app.user(
                    .linkWorker, name: "Worker \(number)", email: "worker\(number)@example.org",
                    organisation: world.service)
            }
            app.clock.advance(by: 28 * 86_400)
            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            let rows = CSVText.rows(in: try await manager.get("/team/research.csv").text)
            let latest = Dictionary(uniqueKeysWithValues: zip(WorkforceResearchRow.columns, try #require(rows.last)))
            #expect(latest["link_workers"] == "")
            #expect(latest["mean_weighted_caseload"] == "")
        }
    }
}
