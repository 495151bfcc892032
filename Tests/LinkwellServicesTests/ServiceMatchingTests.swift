import Foundation
import LinkwellDomain
import LinkwellTestSupport
import Testing

@Suite("Suggesting services for a person")
struct ServiceMatchingTests {
    typealias F = DirectoryFixtures
    typealias Profile = ServiceMatching.Profile

    static let lonely = Profile.Need(code: "loneliness", label: "Loneliness and isolation", importance: .aGreatDeal)
    static let money = Profile.Need(code: "money", label: "Money and debt", importance: .aLittle)

    static let walk = F.service(
        "Riverside Walking Group", description: "A gentle walk by the canal, then tea.", terms: [F.walking], days: "TU",
        opens: "10:00", closes: "12:00", ages: 18...99)
    static let debt = F.service(
        "Debt Advice Drop-in", description: "Free, confidential help with bills and debts.", terms: [F.money],
        days: "MO,WE",
        opens: "09:00", closes: "17:00", ages: 18...120)
    static let choir = F.service(
        "Riverside Singers", description: "A friendly community choir; no auditions.", terms: [F.singing], days: "SA",
        opens: "14:00", closes: "16:00", ages: 16...120, cost: 3)
    static let football = F.service(
        "Youth Football", description: "Football club for young people.", days: "SA", opens: "09:30", closes: "11:00",
        ages: 11...16)

    func rank(_ candidates: [(HSDS.Service, Double?)], _ profile: Profile) -> [ServiceMatching.Suggestion] {
        ServiceMatching.rank(candidates.map { ServiceMatching.Candidate(service: $0.0, distance: $0.1) }, for: profile)
    }

    @Test("A lonely person who loves nature gets the walking group before the debt service, and is told why")
    func lonelyNatureLover() {
        let profile = Profile(needs: [Self.lonely, Self.money], interests: ["nature"], age: 74)
        let ranked = rank([(Self.debt, 800), (Self.walk, 1200)], profile)
        #expect(ranked.map(\.service.name) == ["Riverside Walking Group", "Debt Advice Drop-in"])
        #expect(
            ranked[0].explanation
                == "Loneliness and isolation · walking · likes nature · 1.2 km · Tuesdays 10:00 · free")
        #expect(ranked[1].explanation == "Money and debt · money advice · 800 m · Mondays 09:00 · free")
    }

    @Test("Someone free only on Saturdays never sees a weekday-only group")
    func saturdaysOnly() {
        let profile = Profile(needs: [Self.lonely], interests: ["walking"], age: 70, days: [.saturday])
        let ranked = rank([(Self.walk, 300), (Self.choir, 2500), (Self.debt, 100)], profile)
        #expect(ranked.map(\.service.name) == ["Riverside Singers"])
        #expect(ranked[0].session == DirectoryIndex.Session(day: .saturday, opens: 14 * 60, closes: 16 * 60))

        let mornings = Profile(needs: [Self.lonely], age: 70, times: [.morning])
        #expect(
            rank([(Self.walk, 300), (Self.choir, 300)], mornings).map(\.service.name) == ["Riverside Walking Group"])
    }

    @Test("Age limits, reach and cost are respected")
    func limits() {
        let older = Profile(needs: [Self.lonely], interests: ["exercise"], age: 70)
        #expect(!rank([(Self.football, 100)], older).contains { $0.service.name == "Youth Football" })
        let young = Profile(needs: [Self.lonely], interests: ["exercise"], age: 14)
        #expect(rank([(Self.football, 100), (Self.walk, 100)], young).map(\.service.name) == ["Youth Football"])

        let walksLittle = Profile(needs: [Self.lonely], age: 70, reachMetres: Profile.reach(for: .walksShortDistances))
        #expect(
            rank([(Self.walk, 2000), (Self.choir, 1400)], walksLittle).map(\.service.name) == ["Riverside Singers"])

        var tight = Profile(needs: [Self.lonely], age: 70, needsFreeOrLowCost: true)
        #expect(rank([(Self.choir, 500)], tight).first?.explanation.hasSuffix("£3") == true, "£3 is low cost")
        var dear = Self.choir
        dear.costOptions?[0].amount = 12
        #expect(rank([(dear, 500)], tight).isEmpty)
        tight.needsFreeOrLowCost = false
        #expect(rank([(dear, 500)], tight).count == 1)

        var closed = Self.walk
        closed.status = "temporarily closed"
        #expect(rank([(closed, 100)], Profile(needs: [Self.lonely], age: 70)).isEmpty)
    }

    @Test("Nearer ranks first among equals; the order never depends on the order of the candidates")
    func deterministic() {
        let profile = Profile(needs: [Self.lonely], age: 70)
        var near = Self.walk
        near.id = F.uuid("near walk")
        near.name = "Canal Walking Group"
        let candidates: [(HSDS.Service, Double?)] = [
            (Self.walk, 3000), (near, 500), (Self.choir, 1000), (Self.debt, 100),
        ]
        let first = rank(candidates, profile).map(\.service.name)
        #expect(first.firstIndex(of: "Canal Walking Group")! < first.firstIndex(of: "Riverside Walking Group")!)
        #expect(!first.contains("Debt Advice Drop-in"), "it meets none of their needs")
        for _ in 0..<5 { #expect(rank(candidates.shuffled(), profile).map(\.service.name) == first) }
    }

    @Test("The profile comes from what matters: days, times, transport, money and language")
    func profileFromWhatMatters() {
        let matters = WhatMatters(
            needs: [.init(need: "loneliness", importance: .aGreatDeal, ownWords: "The evenings are long")],
            interests: ["walking"],
            transport: .walksShortDistances, needsFreeOrLowCost: true, availableDays: [2, 6], availableTimes: [.morning]
        )
        let profile = Profile(matters, labels: ["loneliness": "Loneliness and isolation"], age: 81, language: "Polish")
        #expect(profile.needs == [Self.lonely])
        #expect(profile.days == [.tuesday, .saturday])
        #expect(profile.times == [.morning])
        #expect(profile.reachMetres == 1500)
        #expect(profile.needsFreeOrLowCost)
        #expect(profile.language == "Polish")
        #expect(Profile(matters, labels: [:], age: 81, language: "English").language == nil)
    }

    @Test(
        "Words that only look alike do not match: a hot drink is not drinking, a Volunteer Centre is not volunteering")
    func falseFriends() {
        var coffee = F.service(
            "Coffee Morning", description: "Drop in for a chat and a hot drink. Run by Riverside Volunteer Centre.")
        coffee.organization = F.organization("Riverside Volunteer Centre")
        let drinking = Profile.Need(code: "substance_use", label: "Substance use", importance: .aGreatDeal)
        #expect(rank([(coffee, 100)], Profile(needs: [drinking], age: 50)).isEmpty)
        let ranked = rank([(coffee, 100)], Profile(needs: [Self.lonely], interests: ["volunteering"], age: 50))
        #expect(ranked.first?.explanation == "Loneliness and isolation · coffee morning · 100 m · free")
    }
}
