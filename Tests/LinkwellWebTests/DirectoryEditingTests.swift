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

@Suite("Keeping directory entries right, on the web")
struct DirectoryEditingTests {
    typealias F = DirectoryFixtures

    /// A charity keeps the walking group; another provider, a link worker
    /// and an administrator are there too.
    struct World {
        let charity: Organisation
        let other: Organisation
        let walk: HSDS.Service
        let singers: HSDS.Service
        let mo: User
        let ana: User
        let priya: User
        let admin: User

        static func make(_ app: TestApp) async throws -> World {
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let charity = try await fixtures.organisation("Riverside Community Action", kind: .voluntarySector)
            let other = try await fixtures.organisation("Hillside Arts", kind: .voluntarySector)
            let walk = F.riverside[0]
            _ = try await app.store.directory.save(
                F.riverside.map {
                    DirectoryRecord(service: $0, source: "test feed", maintainedBy: $0.id == walk.id ? charity.id : nil)
                },
                at: app.clock.now())
            return World(
                charity: charity, other: other, walk: walk, singers: F.riverside[2],
                mo: try await app.user(.provider, name: "Mo Hassan", email: "mo@example.org", organisation: charity),
                ana: try await app.user(.provider, name: "Ana Silva", email: "ana@example.org", organisation: other),
                priya: try await app.user(
                    .linkWorker, name: "Priya Sharma", email: "priya@example.org", organisation: other),
                admin: try await app.user(
                    .administrator, name: "Chris Walker", email: "chris@example.org", organisation: charity))
        }
    }

    static func fields(_ form: DirectoryEntryForm) -> [(String, String)] {
        [
            ("name", form.name), ("description", form.description), ("status", form.status), ("alert", form.alert),
            ("sessions", form.sessions), ("minimumAge", form.minimumAge), ("maximumAge", form.maximumAge),
            ("fees", form.fees), ("languages", form.languages), ("phone", form.phone), ("email", form.email),
            ("url", form.url),
        ] + (form.isFree ? [("isFree", "yes")] : [])
    }

    @Test("Who may edit: administrators any entry, a provider only its own, nobody else")
    func accessMatrix() async throws {
        try await TestApp.run { app, client in
            let world = try await World.make(app)
            let edit = "/directory/services/\(world.walk.id)/edit"
            for (email, expected) in [
                ("mo@example.org", HTTPResponse.Status.ok), ("chris@example.org", .ok), ("ana@example.org", .forbidden),
                ("priya@example.org", .forbidden),
            ] {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                #expect(try await browser.get(edit).status == expected, "\(email) GET edit")
                let page = try await browser.get("/directory/services/\(world.walk.id)")
                #expect(
                    page.text.contains("Edit this entry") == (expected == .ok),
                    "\(email) sees the edit button only when allowed")
                var form = DirectoryEntryForm(world.walk)
                form.name = "Taken over by \(email)"
                // Those allowed get as far as the version check (this page is stale); the rest are refused outright.
                let post = try await browser.post(edit, form: [("version", "0")] + Self.fields(form))
                #expect(post.status == (expected == .ok ? .conflict : .forbidden), "\(email) POST edit")
                let review = try await browser.post(
                    "/directory/services/\(world.walk.id)/reviewed", form: [("version", "0")])
                #expect(review.status == (expected == .ok ? .seeOther : .forbidden), "\(email) POST reviewed")
                #expect(
                    try await browser.get("/directory/new").status == (email.hasPrefix("priya") ? .forbidden : .ok),
                    "\(email) adding")
            }
            #expect(try await app.store.directory.entry(id: world.walk.id)?.service.name == world.walk.name)
        }
    }

    @Test(
        "A provider edits its entry: mistakes come back beside the fields, the change is kept in the history and audited"
    )
    func edit() async throws {
        try await TestApp.run { app, client in
            let world = try await World.make(app)
            let browser = TestBrowser(client)
            try await browser.signIn("mo@example.org")
            let edit = "/directory/services/\(world.walk.id)/edit"
            let page = try await browser.get(edit)
            #expect(page.text.contains("Tuesday 10:00-12:00"))

            var form = DirectoryEntryForm(world.walk)
            form.email = "walks at example"
            form.sessions = "Tuesday 10:00-12:00\nSaturday"
            let wrong = try await browser.post(edit, form: [("version", "1")] + Self.fields(form))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("id=\"email-error\""))
            #expect(wrong.text.contains("Line 2: give the time it starts"))
            #expect(wrong.text.contains("walks at example"), "what was typed is kept")
            #expect(try await app.store.directory.entry(id: world.walk.id)?.version == 1)

            app.clock.advance(by: 60)
            form.email = "walks@example.org"
            form.sessions = "Tuesday 10:00-12:00\nSaturday 10:00-11:30"
            form.alert = "No walk on 24 December"
            let saved = try await browser.post(edit, form: [("version", "1")] + Self.fields(form))
            #expect(
                saved.status == .seeOther,
                "\(saved.text.components(separatedBy: "error-message").dropFirst().map { $0.prefix(200) })")
            let entry = try #require(try await app.store.directory.entry(id: world.walk.id))
            #expect(entry.version == 2)
            #expect(entry.service.email == "walks@example.org")
            #expect(DirectoryIndex(entry.service).sessions.map(\.day) == [.tuesday, .saturday])
            #expect(
                entry.service.lastModified == DirectoryTime.text(app.clock.now()), "ORUK readers see when it changed")
            #expect(try await app.auditActions().last == .directoryEntryChanged)

            let shown = try await browser.get("/directory/services/\(world.walk.id)")
            #expect(shown.text.contains("No walk on 24 December"))
            #expect(shown.text.contains("Changed notice, sessions, email"))
            #expect(shown.text.contains("Mo Hassan"))
            #expect(shown.text.contains("<ins>walks@example.org</ins>"))
            var saturday = ServiceQuery()
            saturday.days = [.saturday]
            #expect(
                try await app.store.directory.services(matching: saturday, page: PageRequest()).items.contains {
                    $0.service.id == world.walk.id
                })

            // A second editor working from the old page does not overwrite it.
            form.name = "Old page's name"
            let stale = try await browser.post(edit, form: [("version", "1")] + Self.fields(form))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else changed this"))
            #expect(try await app.store.directory.entry(id: world.walk.id)?.service.name == world.walk.name)
        }
    }

    @Test("Entries unchecked for the review age are flagged until someone confirms them; the age is a setting")
    func review() async throws {
        try await TestApp.run(configure: { $0.directoryReviewMonths = 6 }) { app, client in
            let world = try await World.make(app)
            let browser = TestBrowser(client)
            try await browser.signIn("mo@example.org")
            let path = "/directory/services/\(world.walk.id)"
            #expect(try await browser.get(path).text.contains("possibly out of date") == false)
            app.clock.advance(by: 200 * 86_400)
            try await browser.signIn("mo@example.org")
            #expect(try await browser.get(path).text.contains("possibly out of date"), "over six months")
            #expect(try await browser.get("/").text.contains("Check now"), "the provider's home says which to check")

            let confirmed = try await browser.post("\(path)/reviewed", form: [("version", "1")])
            #expect(confirmed.status == .seeOther)
            let after = try await browser.get(path)
            #expect(!after.text.contains("possibly out of date"))
            #expect(after.text.contains("Checked: still correct"))
            #expect(try await app.auditActions().last == .directoryEntryReviewed)

            let other = TestBrowser(client)
            try await other.signIn("ana@example.org")
            _ = try await other.get("/")
            #expect(try await other.post("\(path)/reviewed", form: [("version", "2")]).status == .forbidden)
        }
    }

    @Test("An administrator hands an entry to a provider, who then sees it as theirs and can add new ones")
    func handOverAndAdd() async throws {
        try await TestApp.run { app, client in
            let world = try await World.make(app)
            let admin = TestBrowser(client)
            try await admin.signIn("chris@example.org")
            let edit = "/directory/services/\(world.singers.id)/edit"
            #expect(try await admin.get(edit).text.contains("Kept up to date by"))
            let handed = try await admin.post(
                edit,
                form: [("version", "1"), ("maintainer", world.charity.id.description)]
                    + Self.fields(DirectoryEntryForm(world.singers)))
            #expect(
                handed.status == .seeOther,
                "\(handed.text.components(separatedBy: "error-message").dropFirst().map { $0.prefix(200) })")
            #expect(try await app.store.directory.entry(id: world.singers.id)?.maintainedBy == world.charity.id)
            let bad = try await admin.post(
                edit,
                form: [("version", "2"), ("maintainer", "nonsense")] + Self.fields(DirectoryEntryForm(world.singers)))
            #expect(bad.status == .unprocessableContent)

            let mo = TestBrowser(client)
            try await mo.signIn("mo@example.org")
            let home = try await mo.get("/")
            #expect(home.text.contains("Riverside Singers"))
            #expect(home.text.contains("Riverside Walking Group"))
            #expect(try await mo.get(edit).status == .ok)

            _ = try await mo.get("/directory/new")
            var form = DirectoryEntryForm()
            form.name = "Knit and Natter"
            form.description = "Bring your knitting, or learn; tea provided."
            form.sessions = "Thursday 14:00-16:00"
            let missing = try await mo.post("/directory/new", form: Self.fields(DirectoryEntryForm()))
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("id=\"name-error\""))
            let added = try await mo.post("/directory/new", form: Self.fields(form))
            #expect(added.status == .seeOther)
            var knit = ServiceQuery()
            knit.text = "knitting"
            let found = try await app.store.directory.services(matching: knit, page: PageRequest())
            let entry = try #require(found.items.first)
            #expect(entry.maintainedBy == world.charity.id)
            #expect(entry.service.organization?.name == "Riverside Community Action")
            try DirectoryValidation.check(entry.service)
            #expect(try await app.store.directory.history(of: entry.service.id).map(\.kind) == [.created])
        }
    }
}
