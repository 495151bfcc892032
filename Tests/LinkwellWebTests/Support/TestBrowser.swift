import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkwellApp
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Logging
import Synchronization
import Testing

/// A test application: Linkwell built by the same `buildApplication` as
/// `main`, on a temporary SQLite database, with a clock the test controls and
/// bcrypt at its cheapest cost.
struct TestApp: Sendable {
    let linkwell: Linkwell
    let clock: ManualClock
    var store: any LinkwellStore { linkwell.store }

    /// Builds the app, runs `body` against it through HummingbirdTesting's
    /// router client, then deletes the database.
    static func run(
        on backend: TestBackend = .sqlite, over mode: TestingSetup = .router, logs: LogRecorder? = nil,
        configure: (inout AppConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestApp, any TestClientProtocol) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkwell-web-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = configuration(in: folder)
        var postgres: (server: PostgresTestServer, details: PostgresConnectionDetails)?
        if backend == .postgres {
            let server = try TestBackend.postgresServer()
            let details = try await server.makeDatabase()
            postgres = (server, details)
            configuration.database = .postgres(details)
        }
        defer {
            if let postgres { Task { try? await postgres.server.dropDatabase(postgres.details.database) } }
        }
        configure(&configuration)
        let clock = ManualClock()
        let linkwell = try await buildApplication(configuration, clock: clock, logger: logs?.logger)
        let app = TestApp(linkwell: linkwell, clock: clock)
        do {
            try await linkwell.application.test(mode) { client in try await body(app, client) }
            try? await linkwell.store.close()
        } catch {
            try? await linkwell.store.close()
            throw error
        }
    }

    /// A test's settings: a database in `folder`, any free port, quick hashing, quiet logs.
    static func configuration(in folder: URL) -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.database = .sqlite(path: folder.appendingPathComponent("test.sqlite").path)
        configuration.port = 0
        // Tests run several applications at once: none takes the metrics port.
        configuration.metricsPort = nil
        configuration.bcryptCost = 4
        configuration.logLevel = .critical
        return configuration
    }

    static let password = "correct horse battery staple"

    /// Adds an organisation (unless given one) and a user with `password`, straight through the store.
    @discardableResult
    func user(
        _ role: Role, name: String = "Test User", email: String? = nil, organisation: Organisation? = nil,
        password: String = TestApp.password
    ) async throws -> User {
        let fixtures = StoreFixtures(store: store, clock: clock)
        let home: Organisation
        if let organisation {
            home = organisation
        } else {
            home = try await fixtures.organisation("Org \(UUID().uuidString.prefix(6))")
        }
        let hash = await BcryptPasswordHasher(cost: 4).hash(password)
        return try await fixtures.user(
            name, email: email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@example.org",
            role: role, in: home.id, passwordHash: hash)
    }

    func auditActions() async throws -> [AuditAction] {
        try await store.audit.events(fromSequence: 1, limit: 10_000).map(\.entry.action)
    }
}

/// Something like a browser over the test client: it keeps cookies between
/// requests and knows the anti-forgery token of the last page it saw.
final class TestBrowser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The `_csrf` value of the most recent page that had a form.
    private(set) var csrfToken: String?
    private(set) var lastSetCookieHeaders: [String] = []

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    func get(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    /// Posts a form. Adds the remembered `_csrf` unless the form has one, or `csrf: false`.
    @discardableResult
    func post(_ path: String, form: [(String, String)], csrf: Bool = true, headers: HTTPFields = [:]) async throws
        -> TestResponse
    {
        var fields = form
        if csrf, !fields.contains(where: { $0.0 == "_csrf" }), let csrfToken { fields.append(("_csrf", csrfToken)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a `multipart/form-data` form, as a browser sends one with a
    /// file input, written out by hand (not by the library that reads it).
    @discardableResult
    func postMultipart(
        _ path: String, form: [(String, String)], files: [(name: String, filename: String, bytes: [UInt8])] = []
    )
        async throws -> TestResponse
    {
        var fields = form
        if !fields.contains(where: { $0.0 == "_csrf" }), let csrfToken { fields.append(("_csrf", csrfToken)) }
        let boundary = "----LinkwellTestBoundary\(UInt32.random(in: 0...UInt32.max))"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(
            path, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(bytes: body))
    }

    func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws
        -> TestResponse
    {
        var headers = headers
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        lastSetCookieHeaders = response.headers[values: .setCookie]
        for header in lastSetCookieHeaders {
            let pair = header.split(separator: ";").first ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let name = String(parts[0]).trimmingCharacters(in: .whitespaces)
            if header.contains("Max-Age=0") || parts[1].isEmpty {
                cookies[name] = nil
            } else {
                cookies[name] = String(parts[1])
            }
        }
        let text = String(buffer: response.body)
        if let token = Self.csrfToken(in: text) { csrfToken = token }
        // A Mustache section over a missing (nil) value falls back to a field
        // of the same name further out, and prints a Swift value's description.
        if text.contains("View(id: ") || text.contains("View(name: ") {
            Issue.record("A Swift value was printed into the page at \(path)")
        }
        return response
    }

    /// Signs in through the sign-in form, as a person would.
    @discardableResult
    func signIn(_ email: String, password: String = TestApp.password) async throws -> TestResponse {
        try await get("/sign-in")
        return try await post("/sign-in", form: [("email", email), ("password", password)])
    }

    func setCookie(_ name: String, _ value: String?) {
        cookies[name] = value
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value="[^"]+""#, options: .regularExpression) else {
            return nil
        }
        return html[range].split(separator: "\"").dropFirst(3).first.map(String.init)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}

/// Collects what the application logs, for tests of what it warns about.
final class LogRecorder: Sendable {
    private let lines = Mutex<[(level: Logger.Level, message: String)]>([])

    var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(recorder: self) }
        logger.logLevel = .info
        return logger
    }

    var entries: [(level: Logger.Level, message: String)] { lines.withLock { $0 } }

    func record(_ level: Logger.Level, _ message: String) { lines.withLock { $0.append((level, message)) } }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
            function: String,
            line: UInt
        ) {
            recorder.record(level, message.description)
        }
    }
}
