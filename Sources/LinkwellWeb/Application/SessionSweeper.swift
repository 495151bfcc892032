import LinkwellServices
import Logging
import ServiceLifecycle

/// Deletes expired sessions every few minutes, so the table holds only live
/// ones, and sign-in attempts the limits no longer look at. (An expired
/// session is refused when used whether or not it has been swept; sweeping
/// is housekeeping, not security.)
struct SessionSweeper: Service {
    let authentication: AuthenticationService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                do {
                    let swept = try await authentication.sweepExpiredSessions()
                    if swept > 0 { logger.debug("swept expired sessions", metadata: ["count": "\(swept)"]) }
                    try await authentication.sweepSignInAttempts()
                } catch {
                    logger.error("could not sweep expired sessions", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
