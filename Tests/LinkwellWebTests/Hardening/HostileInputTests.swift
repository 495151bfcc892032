import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import NIOCore
import Testing

/// The review's class of classes: whatever anyone sends, to any address,
/// signed in as any role or not at all, the server answers (never a 5xx,
/// never a crash), and a refused request writes nothing.
///
/// Nothing here is a hand-kept list of addresses or fields. Each role's
/// pages are crawled from its home page; every form found is sent back with
/// each of its fields made hostile in turn, and every GET form's and link's
/// parameters likewise; then every route the router has that the crawl did
/// not reach is sent hostile input too, its `:parameters` filled with IDs
/// seen on the way (and with hostile IDs). The suite fails if any route was
/// never reached. On both backends.
@Suite("Hostile input on every route")
struct HostileInputTests {
    /// As sent on the wire (already form-encoded): each reaches a handler as
    /// the text the review used, invalid percent-encodings included.
    static let everywhere: [String] = [
        "", String(repeating: "a", count: 100_000), "%00", "Full%00reason", "%01%07%08%0B%0C%1B%5B2J%7F%C2%85%C2%9F",
        "%FF%FE%FD", "%G1%2", "9223372036854775807", "-1", "1e400", "%D9%A1%D9%A2%D9%A3",
        "%F0%9F%99%82%E2%80%AE%D7%A9%D7%9C%D7%95%D7%9D", "'%3B%20DROP%20TABLE%20users%3B--",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cmeta%20http-equiv%3Drefresh%3E", "%E0%B5%8E%22",
    ]

    /// The sharpest, for each field on its own.
    static let perField: [String] = ["%00", "9223372036854775807", "1e400", "%FF%FE", "%E0%B5%8E%22"]

    /// Hostile values for an address's own `:parameters`.
    static let hostileIDs = ["9223372036854775807", "%00", "x" + String(repeating: "9", count: 300)]

    /// Tables a refused request may rightly write: the audit log records
    /// refusals, failed sign-ins are counted and may lock, sessions are
    /// touched, the self-referral limit counts attempts, and looking at a
    /// team's wellbeing publishes an ended block.
    static let mayChangeOnRefusal: Set<String> = [
        "audit_events", "sign_in_attempts", "sign_in_locks", "sessions", "rate_limit_attempts",
        "wellbeing_publications",
    ]

    struct Role: Sendable {
        let name: String
        let email: String?
    }

    static let roles = [
        Role(name: "signed out", email: nil), Role(name: "link worker", email: "priya@example.org"),
        Role(name: "manager", email: "rachel@example.org"), Role(name: "referrer", email: "helen@example.org"),
        Role(name: "provider", email: "mo@example.org"), Role(name: "administrator", email: "chris@example.org"),
    ]

    /// Pages of the same route a crawl reads, at most: enough to find its forms.
    static let pagesPerRoute = 2

    @Test(
        "Every route, every field, every role: no 5xx, still answering, nothing half-written",
        arguments: TestBackend.allCases)
    func everyRoute(backend: TestBackend) async throws {
        try await TestApp.run(on: backend) { app, client in
            let run = try await HostileRun(app: app, client: client)
            defer { Task { await run.counter.close() } }
            for role in Self.roles { try await run.attack(as: role) }
            try await run.attackUnreached()
            let unreached = run.routes.filter { !run.reached.contains($0) }
            #expect(unreached.isEmpty, "routes no hostile request reached: \(unreached)")
            #expect(try await app.store.audit.events(fromSequence: 1, limit: 1).isEmpty == false)
            #expect(try await AuditService.verify(app.store.audit).isIntact, "the audit chain survived everything sent")
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok, "still answering")
            #expect(run.requests > 1_000, "as many requests as it should have sent: \(run.requests)")
            print(
                "hostile input on \(backend): \(run.requests) requests, \(run.refused) refused, \(run.reached.count) of \(run.routes.count) routes"
            )
        }
    }
}

extension AuditChain.Verdict {
    var isIntact: Bool { if case .intact = self { true } else { false } }
}

/// One run of the hostile suite against one app: the crawl, the requests
/// and what they reached.
final class HostileRun: @unchecked Sendable {
    let app: TestApp
    let client: any TestClientProtocol
    let routes: [RoutePattern]
    let counter: RowCounter
    let world: ConnectionWorld
    private(set) var reached = Set<RoutePattern>()
    private(set) var requests = 0
    private(set) var refused = 0

    /// Values seen for each `:parameter`, from the pages crawled.
    private var seen: [String: [String]] = [:]
    private var lastCounts: [String: Int]?

    init(app: TestApp, client: any TestClientProtocol) async throws {
        self.app = app
        self.client = client
        routes = app.linkwell.routes.map { RoutePattern(method: $0.method, path: $0.path) }
        counter = try RowCounter(app.linkwell.configuration.database)
        world = try await HostileRun.makeWorld(app, client)
    }

    /// A service with work in every state the pages show: the inbox, an
    /// accepted referral with a plan, a connection sent to the provider,
    /// training and supervision, needs and instruments.
    static func makeWorld(_ app: TestApp, _ client: any TestClientProtocol) async throws -> ConnectionWorld {
        let setup = try await ConnectionWorld.make(app)
        _ = try await setup.world.referral(app, name: "Joan Smith", born: "1950-01-01")
        let worker = TestBrowser(client)
        try await worker.signIn("priya@example.org")
        try await worker.get("/people/\(setup.person.id)/connect?service=\(setup.walking.id)")
        _ = try await worker.post(
            "/people/\(setup.person.id)/connect", form: ConnectionTests.referralForm() + [("service", setup.walking.id)]
        )
        try await worker.get("/referrals/\(setup.referral.referral.id)/plan")
        _ = try await worker.post(
            "/referrals/\(setup.referral.referral.id)/plan",
            form: [("version", "0"), ("goalCount", "1"), ("goal-1-text", "Join a walking group"), ("stepCount-1", "0")])
        try await worker.get("/training")
        _ = try await worker.postMultipart(
            "/training/records",
            form: [("course", "Safeguarding"), ("day", "2"), ("month", "3"), ("year", "2026"), ("hours", "3")],
            files: [("certificate", "c.pdf", Array("%PDF-1.4".utf8))])
        _ = try await worker.post(
            "/training/needs", form: [("skill", "Debt advice"), ("priority", "high"), ("why", "Many ask")])
        let manager = TestBrowser(client)
        try await manager.signIn("rachel@example.org")
        try await manager.get("/team/training")
        _ = try await manager.post(
            "/team/training/requirements", form: [("title", "Safeguarding adults"), ("renewMonths", "12")])
        return setup
    }

    // MARK: Sending

    /// Sends one request, checks what came back, and notes the route reached.
    @discardableResult
    func send(
        _ browser: TestBrowser, _ method: HTTPRequest.Method, _ path: String, body: String? = nil,
        multipart: [(String, String)]? = nil,
        role: String
    ) async throws -> TestResponse {
        let before: [String: Int]
        if let lastCounts {
            before = lastCounts
        } else {
            before = try await counter.counts(excluding: HostileInputTests.mayChangeOnRefusal)
        }
        let response: TestResponse
        if let multipart {
            response = try await browser.postMultipart(path, form: multipart)
        } else {
            response = try await browser.send(
                path, method: method, headers: body == nil ? [:] : [.contentType: "application/x-www-form-urlencoded"],
                body: body.map { ByteBuffer(string: $0) })
        }
        requests += 1
        if let route = routes.first(where: { $0.matches(method: method.rawValue, path: path) }) {
            reached.insert(route)
            note(route, path)
        }
        let where_ = "\(role): \(method) \(path.prefix(160)) \(body.map { String($0.prefix(160)) } ?? "")"
        if response.status.code >= 500 {
            Issue.record("\(response.status.code) for \(where_): \(response.text.prefix(300))")
        }
        if (400..<500).contains(response.status.code) {
            refused += 1
            let after = try await counter.counts(excluding: HostileInputTests.mayChangeOnRefusal)
            if after != before {
                let changed = after.filter { before[$0.key] != $0.value }.map {
                    "\($0.key) \(before[$0.key] ?? 0)→\($0.value)"
                }
                Issue.record("a refused request (\(response.status.code)) wrote rows (\(changed)): \(where_)")
            }
            lastCounts = after
        } else {
            lastCounts = nil
        }
        return response
    }

    /// Remembers the IDs an address carried, by parameter name.
    private func note(_ route: RoutePattern, _ path: String) {
        let parts = (path.split(separator: "?").first ?? "").split(separator: "/")
        for (component, part) in zip(route.components, parts) where component.hasPrefix(":") {
            let name = String(component.dropFirst())
            let value = String(part)
            guard !HostileInputTests.hostileIDs.contains(value), !(seen[name] ?? []).contains(value),
                (seen[name]?.count ?? 0) < 4
            else { continue }
            seen[name, default: []].append(value)
        }
    }

    static func wire(_ fields: [(String, String)]) -> String {
        fields.map { "\(TestBrowser.encode($0.0))=\($0.1)" }.joined(separator: "&")
    }

    // MARK: Attacking

    /// Crawls the role's pages, then sends every form and link back hostile.
    func attack(as role: HostileInputTests.Role) async throws {
        let browser = TestBrowser(client)
        try await signIn(browser, role)
        var queue =
            ["/"]
            + (role.email == nil
                ? ["/sign-in", "/self-referral/\(world.world.service.id)", "/oruk/", "/oruk/services"] : [])
        var visited = Set<String>()
        var perRoute: [RoutePattern: Int] = [:]
        var forms: [(page: String, form: PageForm)] = []
        while let page = queue.first {
            queue.removeFirst()
            guard visited.insert(page).inserted, !page.hasPrefix("/sign-out") else { continue }
            let route = routes.first { $0.matches(method: "GET", path: page) }
            if let route {
                guard perRoute[route, default: 0] < HostileInputTests.pagesPerRoute else { continue }
                perRoute[route, default: 0] += 1
            }
            let response = try await send(browser, .get, page, role: role.name)
            guard response.status == .ok, response.headers[.contentType]?.hasPrefix("text/html") == true else {
                continue
            }
            let html = response.text
            for form in PageReader.forms(in: html, page: page)
            where !forms.contains(where: { $0.form.action == form.action && $0.form.method == form.method }) {
                forms.append((page, form))
            }
            queue += PageReader.links(in: html).filter { !visited.contains($0) }
            if visited.count > 400 { break }
        }
        for (page, form) in forms { try await attack(form, from: page, browser: browser, role: role) }
        // The addresses crawled, with hostile values in their parameters.
        for page in visited where page.contains("?") {
            try await attackQuery(page, browser: browser, role: role)
        }
    }

    /// Every field of the form hostile, all at once and one at a time.
    func attack(_ form: PageForm, from page: String, browser: TestBrowser, role: HostileInputTests.Role) async throws {
        if form.method == "get" {
            let names = form.names
            for value in HostileInputTests.everywhere.prefix(12) {
                let query = names.map { "\(TestBrowser.encode($0))=\(value)" }.joined(separator: "&")
                try await send(browser, .get, "\(form.action)?\(query)", role: role.name)
            }
            return
        }
        let baseline = form.fields.map { ($0.name, TestBrowser.encode($0.value)) }
        func submit(_ fields: [(String, String)]) async throws {
            // The session's own token: a stale one would only test CSRF.
            let fresh = fields.map { field in field.0 == "_csrf" ? (field.0, browser.csrfToken ?? field.1) : field }
            let response: TestResponse
            if form.isMultipart {
                let decoded = fresh.map { ($0.0, $0.1.removingPercentEncoding ?? $0.1) }
                response = try await send(browser, .post, form.action, multipart: decoded, role: role.name)
            } else {
                response = try await send(browser, .post, form.action, body: Self.wire(fresh), role: role.name)
            }
            if response.location?.hasPrefix("/sign-in") == true || response.status == .forbidden && role.email != nil {
                try await signIn(browser, role)
            }
        }
        let fuzzable = form.names.filter { $0 != "_csrf" }
        for value in HostileInputTests.everywhere {
            try await submit(baseline.map { fuzzable.contains($0.0) ? ($0.0, value) : $0 })
        }
        for name in fuzzable {
            for value in HostileInputTests.perField {
                try await submit(baseline.map { $0.0 == name ? ($0.0, value) : $0 })
            }
        }
        try await restore(browser, role)
    }

    /// A crawled address with each of its query parameters hostile.
    func attackQuery(_ page: String, browser: TestBrowser, role: HostileInputTests.Role) async throws {
        let parts = page.split(separator: "?", maxSplits: 1)
        let path = String(parts[0])
        let names =
            parts.count > 1 ? parts[1].split(separator: "&").map { String($0.split(separator: "=").first ?? "") } : []
        for name in names {
            for value in HostileInputTests.perField {
                try await send(browser, .get, "\(path)?\(name)=\(value)", role: role.name)
            }
        }
    }

    /// Routes the crawl did not reach, as every role, with IDs seen for
    /// their parameters and hostile fields in their bodies; and every route
    /// with parameters, with hostile IDs in them.
    func attackUnreached() async throws {
        let fieldNames = [
            "name", "email", "reason", "note", "version", "status", "day", "month", "year", "page", "q", "postcode",
        ]
        let unreached = routes.filter { !reached.contains($0) }
        for role in HostileInputTests.roles {
            let browser = TestBrowser(client)
            try await signIn(browser, role)
            for route in routes {
                let method = HTTPRequest.Method(route.method) ?? .get
                var attempts: [(path: String, values: [String])] = []
                if unreached.contains(route) {
                    attempts.append(
                        (route.concrete { seen[$0]?.first ?? self.knownID($0) }, HostileInputTests.perField))
                }
                if route.path.contains(":") {
                    attempts += HostileInputTests.hostileIDs.map { hostile in (route.concrete { _ in hostile }, ["1"]) }
                }
                for (path, values) in attempts {
                    for value in values {
                        if method == .get {
                            try await send(browser, .get, "\(path)?page=\(value)&q=\(value)", role: role.name)
                        } else {
                            let fields = [("_csrf", browser.csrfToken ?? "")] + fieldNames.map { ($0, value) }
                            let response = try await send(
                                browser, method, path, body: Self.wire(fields), role: role.name)
                            if response.location?.hasPrefix("/sign-in") == true { try await signIn(browser, role) }
                        }
                    }
                }
                if method == .post, !attempts.isEmpty { try await restore(browser, role) }
            }
        }
    }

    /// An ID of the world for a parameter the crawl never saw.
    func knownID(_ name: String) -> String {
        switch name {
        case "person": world.person.id.description
        case "referral": world.referral.referral.id.description
        case "organisation": world.world.service.id.description
        case "user": world.world.linkWorker.id.description
        case "practice": world.world.practice.id.description
        case "id": world.walking.id
        default: UUID().uuidString.lowercased()
        }
    }

    // MARK: Keeping the roles signed in

    func signIn(_ browser: TestBrowser, _ role: HostileInputTests.Role) async throws {
        guard let email = role.email else { return }
        let response = try await browser.signIn(email)
        if response.status != .seeOther {
            try await restoreAccounts()
            try await browser.signIn(email)
        }
        if browser.cookies["lw_session"] == nil { Issue.record("could not sign in again as \(role.name)") }
        // The session's form token, for the forms sent next.
        _ = try await browser.get("/")
    }

    /// Forms can deactivate a test account, reset its password or end its
    /// session: put the accounts back, and sign in again if need be.
    func restore(_ browser: TestBrowser, _ role: HostileInputTests.Role) async throws {
        guard let email = role.email else { return }
        let home = try await browser.get("/")
        if home.status != .ok || browser.cookies["lw_session"] == nil {
            try await restoreAccounts()
            _ = try await browser.signIn(email)
        }
        lastCounts = nil
    }

    func restoreAccounts() async throws {
        let world = self.world.world
        let hash = await BcryptPasswordHasher(cost: 4).hash(TestApp.password)
        let fixtures = StoreFixtures(store: app.store, clock: app.clock)
        for user in [world.linkWorker, world.manager, world.referrer, world.provider, world.administrator] {
            guard let current = try await app.store.users.user(user.id, in: user.organisationID) else { continue }
            if !current.isActive {
                _ = try await app.store.users.setActive(
                    user.id, in: user.organisationID, active: true, at: app.clock.now(),
                    audit: fixtures.audit(.userReactivated))
            }
            let details = UserDetails(
                name: user.name, email: user.email, role: user.role, organisationID: user.organisationID,
                practiceID: user.practiceID)
            if current.email != user.email || current.role != user.role {
                _ = try? await app.store.users.update(
                    user.id, in: user.organisationID, expectedVersion: current.version, details: details,
                    at: app.clock.now(),
                    audit: fixtures.audit(.userUpdated))
            }
        }
        for user in [world.linkWorker, world.manager, world.referrer, world.provider, world.administrator] {
            guard let current = try await app.store.users.user(user.id, in: user.organisationID),
                let credentials = try await app.store.authentication.credentials(forEmail: current.email)
            else { continue }
            let matches = await BcryptPasswordHasher(cost: 4).verify(
                TestApp.password, against: credentials.passwordHash)
            guard current.mustChangePassword || !matches else { continue }
            _ = try await app.store.users.setPassword(
                user.id, in: user.organisationID, passwordHash: hash, mustChangePassword: false, keepingSession: nil,
                at: app.clock.now(),
                audit: fixtures.audit(.passwordReset))
        }
        // Wrong passwords sent hostile may have locked an account from this address.
        app.clock.advance(by: 16 * 60)
        lastCounts = nil
    }
}
