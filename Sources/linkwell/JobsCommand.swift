import ArgumentParser
import Foundation
import LinkwellApp
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellWeb

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Run Linkwell's background work by hand.",
        subcommands: [RunOnce.self])

    struct RunOnce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run-once",
            abstract: "Apply connection deadlines and send due messages once, then exit.",
            discussion: """
                The server does this every minute by itself (LINKWELL_JOB_INTERVAL_SECONDS). Run this from cron when \
                no server runs, or to catch up at once. Safe to run at any time, beside a server too: nothing is done twice.
                Messages go through GOV.UK Notify when LINKWELL_NOTIFY_API_KEY and its template IDs are set; otherwise \
                they are only logged.
                """)

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let settings: AppConfiguration
            do { settings = try AppConfiguration.fromEnvironment() } catch { throw ValidationError("\(error)") }
            let logger = Logs.bootstrap(level: settings.logLevel)
            let store = try await StoreConnection.open(try database.location(), logger: logger)
            do {
                try await store.migrate()
                let clock = SystemClock()
                let jobs = LinkwellJobs(
                    store: store, clock: clock, timeZone: settings.timeZone, publicAddress: settings.publicAddress,
                    sender: try settings.messageSender(clock: clock, logger: logger), logger: logger)
                let outcome = try await jobs.runOnce()
                try await store.close()
                say(
                    "Deadlines: \(outcome.deadlines.reminded) provider(s) reminded, \(outcome.deadlines.expired) referral(s) closed as no response. "
                        + "Messages: \(outcome.messages.sent) sent, \(outcome.messages.retrying) to try again, \(outcome.messages.failed) given up."
                )
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}
