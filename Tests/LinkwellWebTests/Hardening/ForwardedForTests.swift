import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Logging
import Testing

@testable import LinkwellWeb

/// The review's seventh finding: the leftmost X-Forwarded-For entry, which
/// the client writes, was believed; rotating it let 12 self-referrals through
/// a limit of 5 an hour and forged addresses into the audit log.
@Suite("The client's address behind proxies")
struct ForwardedForTests {
    @Test(
        "Read from the right, past the trusted hops, never the client's own words",
        arguments: [
            (TrustedProxies.none, "10.0.0.2", ["1.2.3.4"], "10.0.0.2"),
            (.hops(1), "10.0.0.2", ["6.6.6.6, 203.0.113.7"], "203.0.113.7"),
            (.hops(1), "10.0.0.2", ["6.6.6.6", "203.0.113.7"], "203.0.113.7"),
            (.hops(2), "10.0.0.2", ["6.6.6.6, 203.0.113.7, 10.0.0.9"], "203.0.113.7"),
            (.hops(1), "10.0.0.2", [], "10.0.0.2"),
            (.hops(1), "10.0.0.2", ["not-an-address"], "10.0.0.2"),
            (.hops(1), "10.0.0.2", ["<script>, 203.0.113.7"], "203.0.113.7"),
            (try! TrustedProxies(parsing: "10.0.0.0/8"), "10.0.0.2", ["6.6.6.6, 203.0.113.7, 10.0.0.9"], "203.0.113.7"),
            (try! TrustedProxies(parsing: "10.0.0.0/8"), "198.51.100.1", ["203.0.113.7"], "198.51.100.1"),
            (try! TrustedProxies(parsing: "10.0.0.0/8, fd00::/8"), "fd00::1", ["2001:db8::5"], "2001:db8::5"),
            (try! TrustedProxies(parsing: "10.0.0.0/8"), "10.0.0.2", ["10.1.1.1, 10.2.2.2"], "10.1.1.1"),
        ])
    func rightmostUntrusted(proxies: TrustedProxies, peer: String, forwarded: [String], client: String) {
        #expect(proxies.clientAddress(peer: peer, forwardedFor: forwarded) == client)
    }

    @Test("Addresses are read strictly, and written the one way")
    func addresses() throws {
        #expect(IPAddress("192.0.2.1")?.description == "192.0.2.1")
        #expect(IPAddress("::ffff:192.0.2.1")?.description == "192.0.2.1")
        #expect(IPAddress("2001:0db8:0000:0000:0000:0000:0000:0001")?.description == "2001:db8::1")
        #expect(IPAddress("::1")?.isLoopback == true)
        for bad in [
            "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "::g", "1::2::3", "\u{0}1.2.3.4", "١.٢.٣.٤",
        ] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
        #expect(IPNetwork("10.0.0.0/8")?.contains(IPAddress("10.200.3.4")!) == true)
        #expect(IPNetwork("10.0.0.0/8")?.contains(IPAddress("11.0.0.1")!) == false)
        #expect(IPNetwork("192.168.0.0/23")?.contains(IPAddress("192.168.1.200")!) == true)
        #expect(throws: ConfigurationError.self) { try TrustedProxies(parsing: "10.0.0.0/33") }
        #expect(throws: ConfigurationError.self) { try TrustedProxies(parsing: "everyone") }
        #expect(try TrustedProxies(parsing: "2") == .hops(2))
    }

    @Test("Rotating the leftmost entry no longer gets round the self-referral limit, nor into the audit log")
    func selfReferralLimit() async throws {
        try await TestApp.run(configure: { $0.trustedProxies = .hops(1) }) { app, client in
            let world = try await CaseworkWorld.make(app)
            let browser = TestBrowser(client)
            try await browser.get("/self-referral/\(world.service.id)")
            var statuses: [HTTPResponse.Status] = []
            for index in 1...8 {
                let headers: HTTPFields = [.xForwardedFor: "198.51.100.\(index), 203.0.113.7"]
                statuses.append(
                    try await browser.post(
                        "/self-referral/\(world.service.id)", form: SelfReferralTests.fields(name: "Person \(index)"),
                        headers: headers
                    )
                    .status)
            }
            #expect(statuses.filter { $0 == .ok }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 3)
            let received = try await app.store.audit.events(
                matching: AuditQuery(action: .referralReceived), page: PageRequest())
            #expect(received.items.allSatisfy { $0.entry.clientAddress == "203.0.113.7" })
        }
    }

    @Test("Requests plainly through a proxy, with nothing trusted: warned about once, not on every request")
    func warnsOnce() async throws {
        let logs = LogRecorder()
        try await TestApp.run(over: .live, logs: logs, configure: { $0.logLevel = .info }) { _, client in
            for _ in 0..<3 {
                let response = try await client.execute(
                    uri: "/sign-in", method: .get, headers: [.xForwardedFor: "203.0.113.7"])
                #expect(response.status == .ok)
            }
        }
        let warnings = logs.entries.filter { $0.level == .warning && $0.message.contains("no trusted proxies are set") }
        #expect(warnings.count == 1)

        let quiet = LogRecorder()
        try await TestApp.run(
            over: .live, logs: quiet,
            configure: {
                $0.logLevel = .info; $0.trustedProxies = .hops(1)
            }
        ) { _, client in
            _ = try await client.execute(uri: "/sign-in", method: .get, headers: [.xForwardedFor: "203.0.113.7"])
        }
        #expect(!quiet.entries.contains { $0.message.contains("no trusted proxies are set") })
    }
}
