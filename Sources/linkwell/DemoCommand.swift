import ArgumentParser
import Foundation
import LinkwellApp
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellWeb
import Logging

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill a database with made-up demo data and serve it.",
        discussion: """
            Creates the database if needed, adds the synthetic town of Riverside (organisations, \
            GP practices and one account for each role, all sharing the password "\(DemoData.password)"), \
            prints how to sign in, and serves Linkwell. Running it again keeps what is there. \
            It refuses a database that already holds real accounts.
            """)

    @OptionGroup var server: ServerOptions

    @Flag(help: "Start from an empty demo database (only a demo SQLite file is ever deleted).")
    var fresh = false

    func run() async throws {
        let configuration = try server.configuration()
        let logger = Logs.bootstrap(level: configuration.logLevel)
        if fresh { try await deleteDemoDatabase(configuration.database, logger: logger) }

        // Seed first, so that the application starts knowing it serves a demo
        // database (and shows the demo banner on every page).
        let store = try await StoreConnection.open(configuration.database, logger: logger)
        do {
            try await store.migrate()
            try await DemoData.seed(
                into: store, hasher: BcryptPasswordHasher(cost: configuration.bcryptCost), clock: SystemClock())
            try await store.close()
        } catch let error as DemoData.SeedError {
            try? await store.close()
            throw ValidationError(error.description)
        } catch {
            try? await store.close()
            throw error
        }

        let linkwell = try await buildApplication(configuration, logger: logger) { port in
            say(Self.banner(host: configuration.host, port: port, database: configuration.database))
        }
        try await linkwell.run()
    }

    static func banner(host: String, port: Int, database: DatabaseLocation) -> String {
        let accounts = DemoData.roleAccounts
        let width = accounts.map(\.role.label.count).max() ?? 0
        var lines = [
            "",
            "Linkwell demo is running at http://\(host):\(port)/",
            "Database: \(database)",
            "",
            "Sign in with any of these accounts. The password for all of them is: \(DemoData.password)",
            "",
        ]
        for account in accounts {
            let padding = String(repeating: " ", count: width - account.role.label.count)
            lines.append(
                "  \(account.role.label)\(padding)  \(account.email)  (\(account.name), \(account.organisation))")
        }
        lines.append("")
        lines.append("Everything in it is made up. Press Ctrl-C to stop.")
        return lines.joined(separator: "\n")
    }

    /// `--fresh`: removes the SQLite file, but only if it is a demo database.
    private func deleteDemoDatabase(_ location: DatabaseLocation, logger: Logger) async throws {
        guard case .sqlite(let path) = location else {
            throw ValidationError(
                "--fresh only works with SQLite databases; for PostgreSQL, drop and recreate the database yourself.")
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        let store = try await StoreConnection.open(location, logger: logger)
        try await store.migrate()
        let isDemo = try await store.deployment.isDemo()
        let accounts = try await store.users.countAll()
        try await store.close()
        guard isDemo || accounts == 0 else {
            throw ValidationError("\(path) is not a demo database, so --fresh will not delete it.")
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
