import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

@Suite("Suggesting services for a person, on the web")
struct SuggestionsTests {
    typealias F = DirectoryFixtures

    @Test("Suggestions come from what matters, near where they live, each explained; reading them is audited")
    func suggestions() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let person = referral.person
            _ = try await app.store.directory.save(
                F.riverside.map { DirectoryRecord(service: $0, source: "test") }, at: app.clock.now())
            try await app.store.directory.savePostcodes(
                F.riversidePostcodes.map { PostcodeCentroid(postcode: $0.0, latitude: $0.1, longitude: $0.2) })
            var details = person.details
            details.postcode = Postcode(trusted: "RV2 3AB")
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            _ = try await app.store.people.update(
                person.id, in: world.service.id, expectedVersion: person.version, details: details, at: app.clock.now(),
                audit: fixtures.audit(.personUpdated))

            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            let empty = try await browser.get("/people/\(person.id)/suggestions")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Nothing is recorded yet of what matters"))

            let matters = WhatMatters(
                needs: [.init(need: "loneliness", importance: .aGreatDeal, ownWords: "")], interests: ["nature"],
                transport: .publicTransport, availableDays: [2, 6])
            _ = try await app.store.casework.saveWhatMatters(
                of: person.id, in: world.service.id, matters, expectedVersion: 0, at: app.clock.now(),
                by: Actor(userID: world.linkWorker.id, name: "Priya Sharma"), audit: fixtures.audit(.whatMattersUpdated)
            )
            let page = try await browser.get("/people/\(person.id)/suggestions")
            #expect(page.status == .ok)
            let walk = try #require(page.text.range(of: "Riverside Walking Group"))
            let choir = try #require(page.text.range(of: "Riverside Singers"))
            #expect(walk.lowerBound < choir.lowerBound, "the walking group suits a nature lover best")
            #expect(
                page.text.contains("Loneliness and isolation · walking · likes nature · 150 m · Tuesdays 10:00 · free"))
            #expect(!page.text.contains("Debt Advice Drop-in"), "it meets no need of theirs")
            #expect(!page.text.contains("Youth Football"), "they are too old for it")

            let viewed = try await app.store.audit.events(
                matching: AuditQuery(action: .personViewed), page: PageRequest())
            #expect(
                viewed.items.contains {
                    $0.entry.target == .person(person.id) && $0.entry.detail == "Suggested services"
                })
        }
    }
}

@Suite("Recording an unmet need")
struct UnmetNeedTests {
    @Test(
        "One form from the suggestions page: kept with the person and area, audited; mistakes come back beside the fields"
    )
    func record() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let person = referral.person
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            let page = try await browser.get("/people/\(person.id)/suggestions")
            #expect(page.text.contains("Record unmet need"))

            let wrong = try await browser.post(
                "/people/\(person.id)/unmet-needs", form: [("need", "flying"), ("area", " "), ("note", "A")])
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("id=\"need-error\""))
            #expect(wrong.text.contains("id=\"area-error\""))
            #expect(try await app.store.unmetNeeds.unmetNeeds(of: person.id, in: world.service.id).isEmpty)

            let done = try await browser.post(
                "/people/\(person.id)/unmet-needs",
                form: [("need", "bereavement"), ("area", "RV2"), ("note", "No bereavement group in Spanish")])
            #expect(done.status == .seeOther)
            let recorded = try await app.store.unmetNeeds.unmetNeeds(of: person.id, in: world.service.id)
            #expect(recorded.map(\.need) == ["bereavement"])
            #expect(recorded.first?.area == "RV2")
            #expect(recorded.first?.note == "No bereavement group in Spanish")
            #expect(try await app.auditActions().last == .unmetNeedRecorded)
            let after = try await browser.get("/people/\(person.id)/suggestions")
            #expect(after.text.contains("Bereavement in RV2, noted by Priya Sharma"))
            #expect(after.text.contains("It will count in the gap report"))

            // Another organisation's link worker cannot record one for this person.
            let other = TestBrowser(client)
            try await other.signIn("jo@example.org")
            _ = try await other.get("/")
            let refused = try await other.post(
                "/people/\(person.id)/unmet-needs", form: [("need", "money"), ("area", "RV2")])
            #expect(refused.status == .notFound)
            #expect(try await app.store.unmetNeeds.unmetNeeds(of: person.id, in: world.service.id).count == 1)
        }
    }
}
