import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellWeb
import Logging
import Testing

@Suite("Configuration from the environment")
struct ConfigurationTests {
    @Test("Defaults are safe: this computer only, port 8080, 30-minute and 12-hour sessions, 5 tries in 15 minutes")
    func defaults() throws {
        let configuration = try AppConfiguration.fromEnvironment([:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.database == .sqlite(path: "linkwell.sqlite"))
        #expect(configuration.policies.sessions.idleTimeout == 30 * 60)
        #expect(configuration.policies.sessions.absoluteTimeout == 12 * 3600)
        #expect(configuration.policies.lockout.maximumFailures == 5)
        #expect(configuration.policies.lockout.window == 15 * 60)
        #expect(configuration.policies.lockout.lockDuration == 15 * 60)
        #expect(configuration.bcryptCost == 12)
        #expect(!configuration.usesHTTPS)
        #expect(configuration.trustedProxies == .none)
    }

    @Test("Every setting can come from a LINKWELL_ variable")
    func fromEnvironment() throws {
        let configuration = try AppConfiguration.fromEnvironment([
            "LINKWELL_HOST": "0.0.0.0", "LINKWELL_PORT": "9000", "LINKWELL_DATABASE": "postgres://lw@db/lw",
            "LINKWELL_PUBLIC_URL": "https://linkwell.example.org", "LINKWELL_TRUST_FORWARDED_FOR": "true",
            "LINKWELL_SESSION_IDLE_MINUTES": "20", "LINKWELL_SESSION_ABSOLUTE_HOURS": "8",
            "LINKWELL_LOCKOUT_ATTEMPTS": "3",
            "LINKWELL_LOCKOUT_WINDOW_MINUTES": "10", "LINKWELL_LOCKOUT_MINUTES": "30", "LINKWELL_BCRYPT_COST": "11",
            "LINKWELL_LOG_LEVEL": "DEBUG", "LINKWELL_TIME_ZONE": "Europe/Belfast",
            "LINKWELL_DIRECTORY_REVIEW_MONTHS": "18",
        ])
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9000)
        #expect(configuration.usesHTTPS)
        #expect(configuration.trustedProxies == .hops(1))
        #expect(configuration.policies.sessions.idleTimeout == 20 * 60)
        #expect(configuration.policies.sessions.absoluteTimeout == 8 * 3600)
        #expect(configuration.policies.lockout == .init(maximumFailures: 3, window: 600, lockDuration: 1800))
        #expect(configuration.bcryptCost == 11)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.timeZone.identifier == "Europe/Belfast")
        #expect(configuration.directoryReviewMonths == 18)
    }

    @Test(
        "A bad value names the variable",
        arguments: [
            ("LINKWELL_PORT", "eighty"), ("LINKWELL_PORT", "70000"), ("LINKWELL_TRUST_FORWARDED_FOR", "maybe"),
            ("LINKWELL_PUBLIC_URL", "linkwell.example.org"), ("LINKWELL_BCRYPT_COST", "3"),
            ("LINKWELL_LOG_LEVEL", "loud"),
            ("LINKWELL_TIME_ZONE", "Mars/Olympus"), ("LINKWELL_DIRECTORY_REVIEW_MONTHS", "0"),
        ])
    func badValues(name: String, value: String) {
        #expect {
            try AppConfiguration.fromEnvironment([name: value])
        } throws: { error in
            "\(error)".contains(name) || "\(error)".contains("public URL") || "\(error)".contains("time zone")
        }
    }
}
