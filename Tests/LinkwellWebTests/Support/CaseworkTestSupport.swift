import Foundation
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

/// A social prescribing service with its people, for casework tests.
struct CaseworkWorld: Sendable {
    let service: Organisation
    let practice: Practice
    let linkWorker: User
    let manager: User
    let referrer: User
    let provider: User
    let administrator: User
    let otherService: Organisation
    let otherLinkWorker: User

    static func make(_ app: TestApp) async throws -> CaseworkWorld {
        let fixtures = StoreFixtures(store: app.store, clock: app.clock)
        let id = OrganisationID()
        let service = try await app.store.organisations.create(
            id: id,
            details: OrganisationDetails(
                name: "Riverside PCN", kind: .primaryCareNetwork, odsCode: nil, acceptsReferrals: true,
                selfReferralEnabled: true),
            at: app.clock.now(),
            audit: fixtures.audit(.organisationCreated, organisation: id, target: .organisation(id)))
        let practice = try await fixtures.practice("Riverside Medical Centre", odsCode: "A81001", in: service.id)
        let charity = try await fixtures.organisation("Riverside Community Action", kind: .voluntarySector)
        let otherID = OrganisationID()
        let other = try await app.store.organisations.create(
            id: otherID,
            details: OrganisationDetails(
                name: "Meadow PCN", kind: .primaryCareNetwork, odsCode: nil, acceptsReferrals: true),
            at: app.clock.now(),
            audit: fixtures.audit(.organisationCreated, organisation: otherID, target: .organisation(otherID)))
        return CaseworkWorld(
            service: service, practice: practice,
            linkWorker: try await app.user(
                .linkWorker, name: "Priya Sharma", email: "priya@example.org", organisation: service),
            manager: try await app.user(
                .manager, name: "Rachel Owen", email: "rachel@example.org", organisation: service),
            referrer: try await app.user(
                .referrer, name: "Dr Helen Carter", email: "helen@example.org", organisation: service),
            provider: try await app.user(.provider, name: "Mo Hassan", email: "mo@example.org", organisation: charity),
            administrator: try await app.user(
                .administrator, name: "Chris Walker", email: "chris@example.org", organisation: service),
            otherService: other,
            otherLinkWorker: try await app.user(
                .linkWorker, name: "Jo Other", email: "jo@example.org", organisation: other))
    }

    /// A received referral straight through the store.
    func referral(_ app: TestApp, name: String = "Margaret Okoro", born: String = "1948-03-27") async throws
        -> ReferralWithPerson
    {
        try await StoreFixtures(store: app.store, clock: app.clock).referral(
            in: service.id,
            person: try StoreFixtures(store: app.store, clock: app.clock).personDetails(name, born: born))
    }

    /// A referral accepted and assigned to the link worker.
    func accepted(_ app: TestApp, name: String = "Margaret Okoro") async throws -> ReferralWithPerson {
        let created = try await referral(app, name: name)
        let referral = try await StoreFixtures(store: app.store, clock: app.clock).advance(
            created.referral, to: .accepted, worker: linkWorker.id)
        return ReferralWithPerson(referral: referral, person: created.person)
    }
}

/// The fields of a complete referral form.
func referralFormFields(name: String = "Margaret Okoro", nhs: String = "943 476 5919") -> [(String, String)] {
    [
        ("name", name), ("birthDay", "27"), ("birthMonth", "3"), ("birthYear", "1948"), ("nhsNumber", nhs),
        ("address", "12 Mill Lane\nRiverside"), ("postcode", "rv1 2ab"), ("phone", "07700 900982"), ("email", ""),
        ("preferredContact", "phone"), ("contactTimes", "Mornings"), ("language", "English"),
        ("reasons", "loneliness"), ("reasons", "money"), ("details", "Lives alone since her husband died."),
        ("urgency", "soon"), ("referrerOrganisation", "Riverside Medical Centre"), ("referrerName", "Dr Helen Carter"),
        ("referrerRole", "GP"), ("consentGivenBy", "person"),
    ]
}
