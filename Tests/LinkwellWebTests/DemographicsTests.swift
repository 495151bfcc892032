import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Demographics on the referral and person forms")
struct DemographicsTests {
    @Test(
        "A referral can record gender, ethnic group and registered practice; a bad choice comes back beside its field")
    func referAndChange() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let gp = TestBrowser(client)
            try await gp.signIn("helen@example.org")
            let form = try await gp.get("/refer?service=\(world.service.id)")
            #expect(form.text.contains(#"<select class="select" id="statedGender" name="statedGender""#))
            #expect(form.text.contains(#"<option value="Z">Not stated (asked, and chose not to say)</option>"#))
            #expect(form.text.contains(#"<option value="A81001">Riverside Medical Centre</option>"#))

            let refused = try await gp.post(
                "/refer",
                form: referralFormFields() + [
                    ("statedGender", "F"), ("ethnicCategory", "M"), ("registeredPractice", "B82002"),
                ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="statedGender-error""#))
            #expect(refused.text.contains("Choose a gender from the list"))
            #expect(refused.text.contains(#"<option value="M" selected>"#), "what was chosen is kept")

            let sent = try await gp.post(
                "/refer",
                form: referralFormFields() + [
                    ("statedGender", "2"), ("ethnicCategory", "M"), ("registeredPractice", "A81001"),
                ])
            #expect(sent.status == .seeOther)
            let referral = try #require(
                try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter()).first)
            #expect(referral.person.details.statedGender == .female)
            #expect(referral.person.details.ethnicCategory == .blackCaribbean)
            #expect(referral.person.details.registeredPractice?.value == "A81001")

            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            let triage = try await priya.get("/referrals/\(referral.referral.id)")
            #expect(triage.text.contains("Gender: Female; ethnic group: Black or Black British: Caribbean"))
            let page = try await priya.get("/people/\(referral.person.id)")
            #expect(page.text.contains("<dt>Gender</dt><dd>Female</dd>"))
            #expect(page.text.contains("<dt>Registered GP practice</dt><dd>Riverside Medical Centre (A81001)</dd>"))
        }
    }
}
