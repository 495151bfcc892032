import Foundation
import LinkwellDomain
import LinkwellStore
import Testing

extension StoreFixtures {
    public var today: CalendarDate { CalendarDate(clock.now(), in: .gmt) }

    public func personDetails(
        _ name: String = "Margaret Okoro", born: String = "1948-03-27", nhsNumber: String? = nil,
        postcode: String? = "RV1 2AB"
    ) throws -> PersonDetails {
        PersonDetails(
            name: name, dateOfBirth: CalendarDate(iso: born)!, nhsNumber: try nhsNumber.map { try NHSNumber($0) },
            address: "12 Mill Lane\nRiverside", postcode: try postcode.map { try Postcode($0) },
            phone: PhoneNumber(trusted: "07700900982"), preferredContact: .phone, contactTimes: "Mornings")
    }

    /// A received referral (and a new person record) in `organisation`.
    @discardableResult
    public func referral(
        in organisation: OrganisationID, person: PersonDetails? = nil, reasons: [String] = ["loneliness"],
        urgency: Urgency = .routine, practice: PracticeID? = nil, possibleDuplicateOf: PersonID? = nil,
        by actor: Actor = Actor(userID: nil, name: "Dr Helen Carter")
    ) async throws -> ReferralWithPerson {
        let id = ReferralID()
        let personID = PersonID()
        let new = NewReferral(
            person: try person ?? personDetails(), source: .staff,
            referrer: Referrer(
                practiceID: practice, organisation: "Riverside Medical Centre", name: "Dr Helen Carter", role: "GP"),
            reasons: reasons, details: "Lives alone since her husband died; rarely leaves the house.", urgency: urgency,
            consent: Consent(givenBy: .person, givenOn: today))
        return try await store.referrals.create(
            id: id, personID: personID, in: organisation, new, possibleDuplicateOf: possibleDuplicateOf,
            at: clock.now(),
            by: actor, audit: audit(.referralReceived, organisation: organisation, target: .referral(id)))
    }

    /// What recording a contact on this referral passes the store: its
    /// first contact starts the case (the referral becomes active).
    public func startingCase(_ id: ReferralID, in organisation: OrganisationID) async throws -> ReferralTransition? {
        guard let current = try await store.referrals.referral(id, in: organisation)?.referral,
            current.status == .accepted
        else { return nil }
        return try current.transition(.firstContact, by: .linkWorker)
    }

    /// Moves a referral along the allowed path to `status` (accepting assigns it to `worker`).
    @discardableResult
    public func advance(
        _ referral: Referral, to status: ReferralStatus, worker: UserID? = nil,
        actor: Actor = Actor(userID: nil, name: "Test")
    )
        async throws -> Referral
    {
        var current = referral
        let path: [ReferralStatus] =
            switch status {
            case .accepted: [.accepted]
            case .active: [.accepted, .active]
            case .discharged: [.accepted, .active, .discharged]
            case .declined, .redirected, .withdrawn: [status]
            case .received: []
            }
        let remaining = path.firstIndex(of: current.status).map { Array(path[($0 + 1)...]) } ?? path
        for next in remaining {
            let move: ReferralMove =
                switch next {
                case .accepted: .accept(assignTo: try #require(worker, "accepting a referral needs a link worker"))
                case .active: .firstContact
                case .declined: .decline(reason: "Test reason")
                case .redirected: .redirect(to: "Talking Therapies", note: "Test reason")
                case .withdrawn: .withdraw(reason: "Test reason")
                case .discharged: .discharge(.goalsMet, summary: "Test reason")
                case .received: preconditionFailure("nothing moves to received")
                }
            current = try await store.referrals.transition(
                current.id, in: current.organisationID, try current.transition(move, by: .linkWorker),
                expectedVersion: current.version, at: clock.now(), by: actor,
                audit: audit(
                    .referralStatusChanged, organisation: current.organisationID, target: .referral(current.id)))
        }
        return current
    }
}
