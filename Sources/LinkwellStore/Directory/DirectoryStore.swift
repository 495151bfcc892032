import Foundation
import LinkwellDomain

/// The community directory: services in Open Referral UK's shape, shared by
/// every organisation of a deployment (it holds no one's personal data), with
/// the taxonomy terms they are tagged with.
///
/// A service is stored as its whole HSDS record (what the ORUK API serves and
/// exports) beside the facts search needs (`DirectoryIndex`), kept as columns
/// and index tables so that every filter is a query.
public protocol DirectoryStore: Sendable {
    /// Creates or replaces services by their HSDS id, all in one transaction.
    /// A record identical to the stored one is left alone (`.unchanged`), so
    /// importing the same feed twice changes nothing. The records come
    /// prepared (encoded and indexed), so that an import can prepare the next
    /// batch on another core while this one is written.
    func save(prepared: [PreparedDirectoryRecord], at time: Date) async throws -> [SaveOutcome]

    /// Tunes this connection for saving many thousands of services in a row
    /// (an import): a backend may trade memory, or the durability of the last
    /// few batches on a power cut, for speed. An import can be run again.
    func prepareForBulkSave() async throws

    func entry(id: String) async throws -> DirectoryEntry?

    /// Saves an entry edited (or made) in Linkwell, with its line of change
    /// history and its audit event, all in one transaction, provided nobody
    /// has saved it since `expectedVersion` (0 for a new entry); otherwise
    /// `StoreError.versionConflict`. Its review date becomes `change.at`.
    func edit(_ record: DirectoryRecord, expectedVersion: Int, change: DirectoryChange, audit: AuditEntry) async throws
        -> DirectoryEntry

    /// Confirms an entry is still right as it stands: its review date becomes
    /// `change.at`, with a line of history and the audit event, on the same
    /// version check as `edit`.
    func markReviewed(id: String, expectedVersion: Int, change: DirectoryChange, audit: AuditEntry) async throws
        -> DirectoryEntry

    /// The entry's change history, newest first.
    func history(of id: String) async throws -> [DirectoryChange]

    /// The entries an organisation keeps up to date, by name.
    func entries(maintainedBy organisation: OrganisationID, page: PageRequest) async throws -> Page<DirectoryEntry>

    /// Services matching every filter of `query`, best text match first when
    /// there is text, else by name.
    func services(matching query: ServiceQuery, page: PageRequest) async throws -> Page<DirectoryEntry>

    /// As `services(matching:page:)`, each service as its stored JSON: what
    /// the ORUK API's lists send on without decoding and encoding every record.
    func serviceDocuments(matching query: ServiceQuery, page: PageRequest) async throws -> Page<StoredServiceDocument>

    /// One row per service and place, filtered as for `services(matching:)`.
    func serviceAtLocations(matching query: ServiceQuery, page: PageRequest) async throws -> Page<ServiceAtLocationRow>
    func serviceAtLocation(id: String) async throws -> ServiceAtLocationRow?

    func taxonomies(page: PageRequest) async throws -> Page<HSDS.Taxonomy>
    func taxonomy(id: String) async throws -> HSDS.Taxonomy?
    func taxonomyTerms(matching query: TermQuery, page: PageRequest) async throws -> Page<HSDS.TaxonomyTerm>
    func taxonomyTerm(id: String) async throws -> HSDS.TaxonomyTerm?

    func count() async throws -> Int

    /// Adds or replaces postcode centroids (ONS's directory, or the demo's).
    func savePostcodes(_ centroids: [PostcodeCentroid]) async throws
    /// Where a postcode is, whatever its spacing or case; nil when unknown.
    func centroid(of postcode: String) async throws -> PostcodeCentroid?
}

extension DirectoryStore {
    /// Prepares and saves records, as `save(prepared:at:)`.
    public func save(_ records: [DirectoryRecord], at time: Date) async throws -> [SaveOutcome] {
        try await save(prepared: records.map(PreparedDirectoryRecord.init), at: time)
    }
}

/// A service as stored: its ORUK JSON (`last_modified` as the feed gave it,
/// possibly none) and the `last_modified` to serve.
public struct StoredServiceDocument: Sendable, Equatable {
    public let document: String
    public let lastModified: String

    public init(document: String, lastModified: String) {
        self.document = document
        self.lastModified = lastModified
    }

    /// The record as a list item: its own fields and organization, without
    /// the nested detail (schedules, places, terms…), `last_modified` set.
    /// Worked out on the JSON text, not by decoding it.
    public var listItemJSON: String {
        DirectoryListItem.json(from: document, lastModified: lastModified)
    }
}

/// The middle of a postcode's area, for distances.
public struct PostcodeCentroid: Sendable, Equatable {
    /// Uppercase, without spaces ("RV11AA"): the key it is stored under.
    public let postcode: String
    public let latitude: Double
    public let longitude: Double

    public init(postcode: String, latitude: Double, longitude: Double) {
        self.postcode = Self.key(postcode)
        self.latitude = latitude
        self.longitude = longitude
    }

    public static func key(_ postcode: String) -> String {
        postcode.uppercased().filter { !$0.isWhitespace }
    }
}

/// A service as it is to be stored.
public struct DirectoryRecord: Sendable {
    /// The record, with `last_modified` as the feed gave it (possibly none).
    public let service: HSDS.Service
    /// Where it came from: a feed's address, a file name, or "Linkwell" for entries made here.
    public let source: String
    /// The Linkwell organisation that keeps it up to date, if any.
    public let maintainedBy: OrganisationID?

    public init(service: HSDS.Service, source: String, maintainedBy: OrganisationID? = nil) {
        self.service = service
        self.source = source
        self.maintainedBy = maintainedBy
    }
}

/// One line of an entry's change history: who did what, when.
public struct DirectoryChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case created, edited, reviewed
    }

    public let serviceID: String
    public let at: Date
    public let actorID: UserID?
    /// The person as they were named at the time, for a history that reads right after names change.
    public let actorLabel: String
    public let kind: Kind
    /// What changed, field by field (none for a review).
    public let fields: [DirectoryFieldChange]
    /// The entry's version this change made.
    public let version: Int

    public init(
        serviceID: String, at: Date, actorID: UserID?, actorLabel: String, kind: Kind, fields: [DirectoryFieldChange],
        version: Int = 0
    ) {
        self.serviceID = serviceID
        self.at = Date.millisecondPrecision(at)
        self.actorID = actorID
        self.actorLabel = actorLabel
        self.kind = kind
        self.fields = fields
        self.version = version
    }

    /// The same change, numbered with the version it made (the store numbers it).
    public func numbered(_ version: Int) -> DirectoryChange {
        DirectoryChange(
            serviceID: serviceID, at: at, actorID: actorID, actorLabel: actorLabel, kind: kind, fields: fields,
            version: version)
    }

    /// The field changes as stored: JSON.
    public var fieldsJSON: String {
        String(decoding: (try? JSONEncoder().encode(fields)) ?? Data("[]".utf8), as: UTF8.self)
    }

    public static func fields(fromJSON text: String) -> [DirectoryFieldChange] {
        (try? JSONDecoder().decode([DirectoryFieldChange].self, from: Data(text.utf8))) ?? []
    }
}

public enum SaveOutcome: String, Sendable, Equatable {
    case created, updated, unchanged
}

/// A stored service with Linkwell's bookkeeping around it.
public struct DirectoryEntry: Sendable, Equatable {
    /// The record as served: `last_modified` is always set.
    public let service: HSDS.Service
    public let source: String
    public let maintainedBy: OrganisationID?
    /// When someone last confirmed the entry is right; an import or an edit counts.
    public let reviewedAt: Date
    public let version: Int

    public init(service: HSDS.Service, source: String, maintainedBy: OrganisationID?, reviewedAt: Date, version: Int) {
        self.service = service
        self.source = source
        self.maintainedBy = maintainedBy
        self.reviewedAt = reviewedAt
        self.version = version
    }
}

/// A service at one of its places, as ORUK's `/service_at_locations` serves it.
public struct ServiceAtLocationRow: Sendable, Equatable {
    public let id: String
    public let entry: DirectoryEntry

    public init(id: String, entry: DirectoryEntry) {
        self.id = id
        self.entry = entry
    }

    public var place: HSDS.ServiceAtLocation? {
        entry.service.serviceAtLocations?.first { $0.id == id }
    }
}

/// Filters for services; every one given must hold (AND), as ORUK asks.
public struct ServiceQuery: Sendable, Equatable {
    /// Words to find in the name, taxonomy terms, organisation or description;
    /// each word must appear, as a whole word or the start of one.
    public var text: String?
    public var taxonomyTermID: String?
    public var taxonomyID: String?
    public var organizationID: String?
    public var modifiedAfter: Date?
    /// ORUK's `minimum_age`: services whose minimum age is at least this.
    public var minimumAge: Double?
    /// ORUK's `maximum_age`: services whose maximum age is at most this.
    public var maximumAge: Double?
    /// Services running on any of these days.
    public var days: [DirectoryDay] = []
    /// Minutes after midnight: a session opening at or after this…
    public var startTime: Int?
    /// …and closing at or before this (on one of `days`, when given).
    public var endTime: Int?
    /// Services with a place within the circle.
    public var near: Circle?
    /// Services that take someone of this age (no limit given counts as taking them).
    public var forAge: Double?
    /// Only services with no charge.
    public var freeOnly = false
    /// Services whose dearest cost option is at most this (free ones too).
    public var maximumCost: Double?
    /// Services offering this language, by name or code ("Polish", "pl").
    public var language: String?
    /// Services with a place that meets this access need.
    public var access: DirectoryAccess?
    /// With `near` and no text: the nearest services first (by their nearest
    /// place), rather than by name. Suggestions use it, so that when more
    /// services are in reach than can be weighed, the ones weighed are the nearest.
    public var nearestFirst = false

    public init() {}

    public struct Circle: Sendable, Equatable {
        public let latitude: Double
        public let longitude: Double
        public let metres: Double

        public init(latitude: Double, longitude: Double, metres: Double) {
            self.latitude = latitude
            self.longitude = longitude
            self.metres = metres
        }

        /// Metres per degree of latitude (and of longitude at the equator).
        public static let metresPerDegree = 111_195.0

        /// A box around the circle, for an index to narrow the search before
        /// distances are worked out.
        public var bounds: (minLatitude: Double, maxLatitude: Double, minLongitude: Double, maxLongitude: Double) {
            let dLat = metres / Self.metresPerDegree
            let dLon = metres / (Self.metresPerDegree * max(0.01, cos(latitude * .pi / 180)))
            return (latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon)
        }

        /// The squared distance from the centre, in degrees of latitude, as SQL
        /// over columns `latitude` and `longitude` of `alias`: for ordering by
        /// nearness. The constants are numbers worked out here, never input.
        public func squaredDistanceSQL(alias: String) -> String {
            let scale = cos(latitude * .pi / 180)
            let x = "((\(alias).longitude - (\(longitude))) * \(scale))"
            let y = "(\(alias).latitude - (\(latitude)))"
            return "(\(x) * \(x) + \(y) * \(y))"
        }

        /// Distance in metres on an equirectangular projection: within 0.5% at
        /// the few kilometres that matter for getting to a group.
        public func distance(toLatitude other: Double, longitude otherLongitude: Double) -> Double {
            let x = (otherLongitude - longitude) * cos((latitude + other) / 2 * .pi / 180)
            let y = other - latitude
            return (x * x + y * y).squareRoot() * Self.metresPerDegree
        }
    }
}

public struct TermQuery: Sendable, Equatable {
    public var parentID: String?
    public var taxonomyID: String?
    /// Only terms without a parent.
    public var topOnly = false

    public init(parentID: String? = nil, taxonomyID: String? = nil, topOnly: Bool = false) {
        self.parentID = parentID
        self.taxonomyID = taxonomyID
        self.topOnly = topOnly
    }
}
