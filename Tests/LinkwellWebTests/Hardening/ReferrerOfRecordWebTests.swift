import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

/// The review's ninth finding: a referrer could present a referral as
/// coming from another named GP of the receiving organisation's practices.
@Suite("The referrer of record is who is signed in")
struct ReferrerOfRecordWebTests {
    @Test("A referral naming another GP and practice is recorded as the signed-in referrer's, on behalf of them")
    func onBehalfOf() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let helen = TestBrowser(client)
            try await helen.signIn("helen@example.org")
            try await helen.get("/refer")
            var fields = referralFormFields().filter { !["referrerName", "referrerOrganisation"].contains($0.0) }
            fields += [
                ("referrerName", "Dr Somebody Else"), ("referrerOrganisation", ""),
                ("referrerPracticeID", world.practice.id.description),
            ]
            #expect(try await helen.post("/refer", form: fields).status == .seeOther)
            let referral = try #require(
                try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter()).first?.referral)
            #expect(referral.referrer.name == "Dr Helen Carter", "the referrer of record")
            #expect(referral.referrer.practiceID == nil, "Helen works at no practice of the service's")
            #expect(referral.referrer.onBehalfOf == "Dr Somebody Else, Riverside Medical Centre")

            let worker = TestBrowser(client)
            try await worker.signIn("priya@example.org")
            let inbox = try await worker.get("/inbox")
            #expect(inbox.text.contains("(on behalf of Dr Somebody Else, Riverside Medical Centre)"))
            let page = try await worker.get("/referrals/\(referral.id)")
            #expect(
                page.text.contains(
                    "Dr Helen Carter, GP, Riverside PCN (on behalf of Dr Somebody Else, Riverside Medical Centre)"))
            let filtered = try await worker.get("/inbox?practice=\(world.practice.id)")
            #expect(!filtered.text.contains("Margaret Okoro"), "not counted as the practice's own referral")
        }
    }
}
