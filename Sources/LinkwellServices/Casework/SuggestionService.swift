import Foundation
import LinkwellDomain
import LinkwellStore

/// "Suggest for this person": community services ranked against what matters
/// to them (`ServiceMatching`), from near where they live. Reading what
/// matters is a read of their record, so it is checked and audited like any other.
public struct SuggestionService: Sendable {
    let context: CaseworkContext

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore
        let casework: any CaseworkStore
        let directory: any DirectoryStore
        let needs: any NeedStore
        let unmetNeeds: any UnmetNeedStore

        init(_ all: any LinkwellStore) {
            audit = all.audit
            casework = all.casework
            directory = all.directory
            needs = all.needs
            unmetNeeds = all.unmetNeeds
        }
    }

    let store: Stores

    public struct Suggestions: Sendable {
        public let person: Person
        public let suggestions: [ServiceMatching.Suggestion]
        /// Nothing is recorded of what matters yet, so there is nothing to match on.
        public let nothingToMatch: Bool
        /// Their postcode is known and placed, so distances count.
        public let placed: Bool
        public let reachMetres: Double
        /// Their needs' codes, most important first.
        public let needs: [String]
    }

    /// How many services near the person are considered, at most: the nearest.
    static let candidateLimit = 2000

    public func suggestions(for id: PersonID, _ acting: ActingUser) async throws -> Suggestions {
        let person = try await context.person(id, acting)
        let (matters, _) = try await store.casework.whatMatters(of: id, in: acting.organisationID)
        let labels = Dictionary(
            try await store.needs.all().map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        let profile = ServiceMatching.Profile(
            matters, labels: labels, age: person.details.dateOfBirth.age(on: context.today),
            language: person.details.language)
        try await store.audit.append(
            context.audit(.personViewed, acting, target: .person(id), detail: "Suggested services"))
        guard !matters.needs.isEmpty || !matters.interests.isEmpty else {
            return Suggestions(
                person: person, suggestions: [], nothingToMatch: true, placed: false, reachMetres: profile.reachMetres,
                needs: [])
        }

        var query = ServiceQuery()
        var circle: ServiceQuery.Circle?
        if let postcode = person.details.postcode, let centre = try await store.directory.centroid(of: postcode.value) {
            circle = ServiceQuery.Circle(
                latitude: centre.latitude, longitude: centre.longitude, metres: profile.reachMetres)
            query.near = circle
            query.nearestFirst = true
        }
        var candidates: [ServiceMatching.Candidate] = []
        var number = 1
        while candidates.count < Self.candidateLimit {
            let page = try await store.directory.services(matching: query, page: PageRequest(number: number, size: 500))
            candidates += page.items.map { entry in
                ServiceMatching.Candidate(
                    service: entry.service, distance: circle.flatMap { Self.distance(of: entry.service, from: $0) })
            }
            if !page.hasNext { break }
            number += 1
        }
        return Suggestions(
            person: person, suggestions: ServiceMatching.rank(candidates, for: profile), nothingToMatch: false,
            placed: circle != nil, reachMetres: profile.reachMetres,
            needs: profile.needs.sorted { $0.importance > $1.importance }.map(\.code))
    }

    /// Notes, in one step, a need nothing in the directory could meet and
    /// where: these feed the gap report.
    @discardableResult
    public func recordUnmetNeed(for id: PersonID, _ form: UnmetNeedForm, _ acting: ActingUser) async throws -> UnmetNeed
    {
        let person = try await context.person(id, acting)
        let needs = try await store.needs.all()
        let valid: (need: String, area: String, note: String)
        do {
            valid = try form.validate(needs: needs)
        } catch {
            throw ServiceError.invalid(error)
        }
        let unmet = UnmetNeed(
            id: UnmetNeedID(), organisationID: acting.organisationID, personID: person.id, need: valid.need,
            area: valid.area,
            note: valid.note, recordedAt: context.now, recordedByName: acting.user.name)
        // The need's code, from the list; the area and the note are the record's, not the log's.
        try await store.unmetNeeds.record(
            unmet, recordedBy: acting.id,
            audit: context.audit(.unmetNeedRecorded, acting, target: .person(id), detail: "Need: \(valid.need)"))
        return unmet
    }

    public func unmetNeeds(of id: PersonID, _ acting: ActingUser) async throws -> [UnmetNeed] {
        _ = try await context.person(id, acting)
        return try await store.unmetNeeds.unmetNeeds(of: id, in: acting.organisationID)
    }

    /// Metres to the service's nearest place.
    static func distance(of service: HSDS.Service, from circle: ServiceQuery.Circle) -> Double? {
        DirectoryIndex(service).places.compactMap { place -> Double? in
            guard let latitude = place.latitude, let longitude = place.longitude else { return nil }
            return circle.distance(toLatitude: latitude, longitude: longitude)
        }.min()
    }
}
