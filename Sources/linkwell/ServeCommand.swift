import ArgumentParser
import Foundation
import LinkwellApp
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellWeb
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve Linkwell over HTTP.",
        discussion: """
            Applies any pending database migrations first. Stops cleanly on Ctrl-C or SIGTERM. \
            Put a TLS-terminating reverse proxy in front of it for anything but local use, and \
            pass --public-url https://… so that cookies are marked Secure.
            """)

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let configuration = try server.configuration()
        let logger = Logs.bootstrap(level: configuration.logLevel)
        let linkwell = try await buildApplication(configuration, logger: logger) { port in
            say("Linkwell is running at http://\(configuration.host):\(port)/ (database: \(configuration.database))")
        }
        if try await linkwell.store.deployment.isDemo() {
            say("Note: this is a demo database. Its accounts have a published password; do not enter real data.")
        }
        if try await linkwell.store.users.countAll() == 0 {
            say(
                "There are no accounts yet. Create the first administrator with: linkwell user create --role admin --help"
            )
        }
        try await linkwell.run()
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or update the database schema, then exit.",
        discussion: "Safe to run at any time: only migrations not yet applied run. serve and demo do this too.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let location = try database.location()
        let logger = Logs.bootstrap(level: .warning)
        let store = try await StoreConnection.open(location, logger: logger)
        do {
            let applied = try await store.migrate()
            try await store.close()
            say(
                applied.isEmpty
                    ? "\(location): already up to date."
                    : "\(location): applied migration(s) \(applied.map(String.init).joined(separator: ", ")).")
        } catch {
            try? await store.close()
            throw error
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Work with the audit log.",
        subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no audit event has been changed or removed.",
            discussion:
                "Walks the hash chain from the first event and lists every event where it is broken. Exits with status 1 if it is."
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let store = try await StoreConnection.open(try database.location(), logger: Logs.bootstrap(level: .warning))
            let verdict: Result<AuditChainVerdictText, any Error>
            do {
                try await store.migrate()
                verdict = .success(AuditChainVerdictText(try await AuditService.verify(store.audit)))
            } catch {
                verdict = .failure(error)
            }
            try await store.close()
            let text = try verdict.get()
            say(text.message)
            if !text.intact { throw ExitCode(1) }
        }
    }
}

struct AuditChainVerdictText {
    let message: String
    let intact: Bool

    init(_ verdict: AuditChain.Verdict) {
        switch verdict {
        case .intact(let count):
            message = "Intact: \(count) audit event(s), none changed or removed."
            intact = true
        case .broken(let count, let brokenAt, let brokenCount):
            let listed = brokenAt.map(String.init).joined(separator: ", ")
            let more = brokenCount > brokenAt.count ? " and \(brokenCount - brokenAt.count) more" : ""
            message = """
                BROKEN: \(brokenCount) of \(count) audit event(s) do not match the chain: \(listed)\(more). \
                The audit log has been changed. Keep a copy and treat this as a security incident.
                """
            intact = false
        }
    }
}
