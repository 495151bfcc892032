import Foundation
import LinkwellDomain
import LinkwellStore

/// The community directory. It holds no one's personal data and is published
/// openly (the ORUK API needs no sign-in), so reads take no acting user;
/// editing does (`DirectoryEditing.swift`).
public struct DirectoryService: Sendable {
    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let directory: any DirectoryStore
        let organisations: any OrganisationStore

        init(_ all: any LinkwellStore) {
            directory = all.directory
            organisations = all.organisations
        }
    }

    let store: Stores
    let clock: any WallClock
    let timeZone: TimeZone
    /// Entries not reviewed for this many months are shown as possibly out of date.
    public let reviewAfterMonths: Int

    public init(
        store: any LinkwellStore, clock: any WallClock = SystemClock(), timeZone: TimeZone = .gmt,
        reviewAfterMonths: Int = DirectoryService.defaultReviewMonths
    ) {
        self.store = Stores(store)
        self.clock = clock
        self.timeZone = timeZone
        self.reviewAfterMonths = reviewAfterMonths
    }

    public static let defaultReviewMonths = 12

    /// Whether nobody has confirmed the entry for longer than the review age,
    /// so people should check with the provider before passing it on.
    public func isReviewDue(_ entry: DirectoryEntry) -> Bool {
        let reviewed = CalendarDate(entry.reviewedAt, in: timeZone)
        return CalendarDate(clock.now(), in: timeZone) > reviewed.adding(months: reviewAfterMonths)
    }

    public func services(_ query: ServiceQuery, page: PageRequest) async throws -> Page<DirectoryEntry> {
        try await store.directory.services(matching: query, page: page)
    }

    /// As `services`, each service as its stored JSON, for lists sent on as they are.
    public func serviceDocuments(_ query: ServiceQuery, page: PageRequest) async throws -> Page<StoredServiceDocument> {
        try await store.directory.serviceDocuments(matching: query, page: page)
    }

    public func service(id: String) async throws -> DirectoryEntry {
        guard let entry = try await store.directory.entry(id: id) else { throw ServiceError.notFound }
        return entry
    }

    public func serviceAtLocations(_ query: ServiceQuery, page: PageRequest) async throws -> Page<ServiceAtLocationRow>
    {
        try await store.directory.serviceAtLocations(matching: query, page: page)
    }

    public func serviceAtLocation(id: String) async throws -> ServiceAtLocationRow {
        guard let row = try await store.directory.serviceAtLocation(id: id) else { throw ServiceError.notFound }
        return row
    }

    public func taxonomies(page: PageRequest) async throws -> Page<HSDS.Taxonomy> {
        try await store.directory.taxonomies(page: page)
    }

    public func taxonomy(id: String) async throws -> HSDS.Taxonomy {
        guard let taxonomy = try await store.directory.taxonomy(id: id) else { throw ServiceError.notFound }
        return taxonomy
    }

    public func taxonomyTerms(_ query: TermQuery, page: PageRequest) async throws -> Page<HSDS.TaxonomyTerm> {
        try await store.directory.taxonomyTerms(matching: query, page: page)
    }

    public func taxonomyTerm(id: String) async throws -> HSDS.TaxonomyTerm {
        guard let term = try await store.directory.taxonomyTerm(id: id) else { throw ServiceError.notFound }
        return term
    }

    /// The circle `metres` around a postcode's centroid. The postcode must be
    /// well formed and in this deployment's postcode directory.
    public func circle(aroundPostcode text: String, metres: Double) async throws -> ServiceQuery.Circle {
        let postcode: Postcode
        do {
            postcode = try Postcode(text)
        } catch {
            throw ServiceError.invalid(field: "postcode", "\"\(text.prefix(20))\" is not a UK postcode")
        }
        guard let centroid = try await store.directory.centroid(of: postcode.value) else {
            throw ServiceError.invalid(
                field: "postcode", "\(postcode.value) is not in this server's postcode directory")
        }
        return ServiceQuery.Circle(latitude: centroid.latitude, longitude: centroid.longitude, metres: metres)
    }
}

/// The link worker's directory search, as typed into the form.
public struct DirectorySearchForm: Sendable, Equatable {
    public var text = ""
    /// A code from the needs list.
    public var need = ""
    public var postcode = ""
    /// Kilometres from the postcode.
    public var within = "5"
    /// 1 = Monday … 7 = Sunday, or empty for any day.
    public var day = ""
    public var age = ""
    /// "free", "low" (free or at most `ServiceMatching.lowCost` a session), or empty for any cost.
    public var cost = ""
    /// A language by name or code ("Polish", "pl").
    public var language = ""
    /// A `DirectoryAccess` raw value, or empty for any.
    public var access = ""

    public init() {}

    public var isEmpty: Bool { self == DirectorySearchForm() }
}

extension DirectoryService {
    public struct SearchResult: Sendable {
        public let page: Page<DirectoryEntry>
        /// Where distances are measured from, when a postcode was given.
        public let from: ServiceQuery.Circle?
    }

    public func search(_ form: DirectorySearchForm, page: PageRequest) async throws -> SearchResult {
        var query = ServiceQuery()
        var problems = ValidationCollector()
        query.text = form.text.nonBlank
        switch form.cost {
        case "free": query.freeOnly = true
        case "low": query.maximumCost = ServiceMatching.lowCost
        case "": break
        default: problems.add("cost", "Choose one of the costs listed")
        }
        query.language = form.language.nonBlank
        if let access = form.access.nonBlank {
            if let need = DirectoryAccess(rawValue: access) {
                query.access = need
            } else {
                problems.add("access", "Choose one of the access needs listed")
            }
        }
        if let text = form.day.nonBlank {
            if let value = NumberText.whole(text, in: 1...7).flatMap(DirectoryDay.init(rawValue:)) {
                query.days = [value]
            } else {
                problems.add("day", "Choose one of the days listed")
            }
        }
        if let text = form.age.nonBlank {
            if let age = NumberText.whole(text, in: 0...120) {
                query.forAge = Double(age)
            } else {
                problems.add("age", "Enter an age in years, like 67")
            }
        }
        var circle: ServiceQuery.Circle?
        if let postcode = form.postcode.nonBlank {
            let kilometres = form.within.nonBlank.map { NumberText.whole($0, in: 1...50) } ?? 5
            if kilometres == nil { problems.add("within", "Choose one of the distances listed") }
            do {
                circle = try await self.circle(aroundPostcode: postcode, metres: Double(kilometres ?? 5) * 1000)
                query.near = circle
            } catch ServiceError.invalid(let failure) {
                problems.add(
                    "postcode",
                    failure.errors.first?.message.replacingOccurrences(of: "this server's", with: "Linkwell's")
                        ?? "Enter a postcode")
            }
        }
        do {
            try problems.throwIfAny()
        } catch {
            throw ServiceError.invalid(error)
        }
        if let need = form.need.nonBlank {
            let tops = try await store.directory.taxonomyTerms(
                matching: TermQuery(topOnly: true), page: PageRequest(size: 500)
            ).items
            guard let term = tops.first(where: { $0.code == need }) else {
                return SearchResult(page: Page(items: [], request: page, totalItems: 0), from: circle)
            }
            query.taxonomyTermID = term.id
        }
        return SearchResult(page: try await store.directory.services(matching: query, page: page), from: circle)
    }
}

extension String {
    /// The text with surrounding spaces removed, or nil when nothing is left.
    var nonBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
