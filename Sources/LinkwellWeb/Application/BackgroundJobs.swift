import LinkwellServices
import Logging
import ServiceLifecycle

/// Runs `LinkwellJobs` every `interval` while the server runs: a referral
/// past its deadline is closed, and messages are sent, without anyone
/// having to start anything. A failed run is logged and tried next time.
struct BackgroundJobs: Service {
    let jobs: LinkwellJobs
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await jobs.runOnce()
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("background jobs failed; trying again next time", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
