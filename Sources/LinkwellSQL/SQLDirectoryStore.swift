import Foundation
import LinkwellDomain
import LinkwellStore

/// Where the engines truly differ in the directory: how a batch of services
/// is written with its search index (SQLite's FTS5 tables, kept by one
/// writer at import speed; PostgreSQL's generated `tsvector`), and how a
/// query finds and ranks services (FTS5 with filters checked in memory;
/// `tsquery` with filters in SQL). Everything else is `SQLDirectoryStore`'s.
public protocol DirectoryEngine: Sendable {
    /// Writes the records, with their terms, sessions, places and search
    /// words, inside the transaction `connection` belongs to. A record equal
    /// to the stored one is left alone.
    func save(_ records: [PreparedDirectoryRecord], at time: Date, on connection: any SQLConnection) async throws
        -> [SaveOutcome]

    /// See `DirectoryStore.prepareForBulkSave`.
    func prepareForBulkSave() async throws

    /// The page's matching services, as row IDs in order, and how many match in all.
    func ranked(_ query: ServiceQuery, page: PageRequest, on connection: any SQLConnection) async throws
        -> (rowIDs: [Int64], total: Int)

    /// The page's matching places, each row a service's columns with its
    /// place's ID as `place_id`, and how many match in all.
    func places(matching query: ServiceQuery, page: PageRequest, on connection: any SQLConnection) async throws
        -> (rows: [any StoredRow], total: Int)
}

public struct SQLDirectoryStore: DirectoryStore {
    let database: any SQLDatabase
    let engine: any DirectoryEngine

    public init(database: any SQLDatabase, engine: any DirectoryEngine) {
        self.database = database
        self.engine = engine
    }

    public func save(prepared: [PreparedDirectoryRecord], at time: Date) async throws -> [SaveOutcome] {
        try await database.write { connection in try await engine.save(prepared, at: time, on: connection) }
    }

    public func prepareForBulkSave() async throws {
        try await engine.prepareForBulkSave()
    }

    /// Gives services stored before migration 9 their language and access
    /// keys and dearest cost, worked out from their records, 500 a
    /// transaction. Returns how many were filled in (none once done).
    public func fillMissingKeys() async throws -> Int {
        var filled = 0
        while true {
            let count = try await database.write { connection in
                let rows = try await connection.rows(
                    """
                    SELECT row_id, document FROM directory_services WHERE language_keys IS NULL ORDER BY row_id LIMIT 500\
                    \(connection.forUpdate)
                    """)
                for row in rows {
                    let columns = DirectoryDocuments.filterColumns(of: try row.text("document"))
                    try await connection.execute(
                        """
                        UPDATE directory_services SET language_keys = \(columns.languages), access_keys = \(columns.access),
                            highest_cost = \(columns.highestCost) WHERE row_id = \(try row.integer64("row_id"))
                        """)
                }
                return rows.count
            }
            filled += count
            if count < 500 { return filled }
        }
    }

    public func entry(id: String) async throws -> DirectoryEntry? {
        try await database.read { connection in
            try await connection.first("SELECT * FROM directory_services WHERE id = \(id)", Self.entry)
        }
    }

    public func edit(_ record: DirectoryRecord, expectedVersion: Int, change: DirectoryChange, audit: AuditEntry)
        async throws -> DirectoryEntry
    {
        let prepared = try PreparedDirectoryRecord(record)
        return try await database.write { connection in
            try await Self.checkVersion(of: prepared.id, expected: expectedVersion, on: connection)
            if try await engine.save([prepared], at: change.at, on: connection) == [.unchanged] {
                // The record is as it was; who keeps it may not be.
                try await connection.execute(
                    """
                    UPDATE directory_services SET maintained_by = \(prepared.maintainedBy?.rawValue),
                        reviewed_at = \(change.at), version = version + 1
                    WHERE id = \(prepared.id)
                    """)
            }
            return try await Self.recorded(change, audit: audit, on: connection)
        }
    }

    public func markReviewed(id: String, expectedVersion: Int, change: DirectoryChange, audit: AuditEntry)
        async throws -> DirectoryEntry
    {
        try await database.write { connection in
            try await Self.checkVersion(of: id, expected: expectedVersion, on: connection)
            try await connection.execute(
                "UPDATE directory_services SET reviewed_at = \(change.at), version = version + 1 WHERE id = \(id)")
            return try await Self.recorded(change, audit: audit, on: connection)
        }
    }

    /// Refuses to go on when the entry is not at the version the editor saw
    /// (or, for a new entry, already exists). Locks the row to the end of the transaction.
    private static func checkVersion(of id: String, expected: Int, on connection: any SQLConnection) async throws {
        let current =
            try await connection.firstRow(
                "SELECT version FROM directory_services WHERE id = \(id)\(connection.forUpdate)")?.integer("version")
            ?? 0
        if current != expected {
            if expected > 0, current == 0 { throw StoreError.notFound }
            throw StoreError.versionConflict(currentVersion: current)
        }
    }

    /// Writes the history line and the audit event for a saved change, and reads the entry back.
    private static func recorded(_ change: DirectoryChange, audit: AuditEntry, on connection: any SQLConnection)
        async throws -> DirectoryEntry
    {
        guard
            let saved = try await connection.first(
                "SELECT * FROM directory_services WHERE id = \(change.serviceID)", entry)
        else { throw StoreError.notFound }
        try await connection.execute(
            """
            INSERT INTO directory_changes (service_id, version, changed_at, actor_id, actor_label, kind, fields)
            VALUES (\(change.serviceID), \(saved.version), \(change.at), \(change.actorID?.rawValue), \(change.actorLabel),
                \(change.kind.rawValue), \(change.fieldsJSON))
            """)
        try await AuditLog.append(audit, on: connection)
        return saved
    }

    public func history(of id: String) async throws -> [DirectoryChange] {
        try await database.read { connection in
            try await connection.query("SELECT * FROM directory_changes WHERE service_id = \(id) ORDER BY id DESC") {
                row in
                DirectoryChange(
                    serviceID: try row.text("service_id"), at: try row.date("changed_at"),
                    actorID: try row.optionalIdentifier("actor_id"), actorLabel: try row.text("actor_label"),
                    kind: DirectoryChange.Kind(rawValue: try row.text("kind")) ?? .edited,
                    fields: DirectoryChange.fields(fromJSON: try row.text("fields")),
                    version: try row.integer("version"))
            }
        }
    }

    public func entries(maintainedBy organisation: OrganisationID, page: PageRequest) async throws -> Page<
        DirectoryEntry
    > {
        try await database.read { connection in
            let total = try await connection.count(
                "SELECT count(*) AS n FROM directory_services WHERE maintained_by = \(organisation.rawValue)")
            let entries = try await connection.query(
                """
                SELECT * FROM directory_services WHERE maintained_by = \(organisation.rawValue)
                ORDER BY \(connection.caseless("name")), id LIMIT \(page.size) OFFSET \(page.offset)
                """, Self.entry)
            return Page(items: entries, request: page, totalItems: total)
        }
    }

    /// Two steps, so that only the page's own rows are ever read whole: the
    /// matching row IDs in order with the total counted in the same pass
    /// (the index's), then those rows. (Reading whole rows, JSON records and
    /// all, for every match before ranking made broad searches several times slower.)
    public func services(matching query: ServiceQuery, page: PageRequest) async throws -> Page<DirectoryEntry> {
        try await database.read { connection in
            let (rowIDs, total) = try await engine.ranked(query, page: page, on: connection)
            let rows = try await Self.rows(rowIDs, columns: "*", on: connection)
            return Page(items: try rows.map(Self.entry), request: page, totalItems: total)
        }
    }

    public func serviceDocuments(matching query: ServiceQuery, page: PageRequest) async throws
        -> Page<StoredServiceDocument>
    {
        try await database.read { connection in
            let (rowIDs, total) = try await engine.ranked(query, page: page, on: connection)
            let rows = try await Self.rows(rowIDs, columns: "row_id, document, last_modified", on: connection)
            return Page(
                items: try rows.map {
                    StoredServiceDocument(document: try $0.text("document"), lastModified: try $0.text("last_modified"))
                }, request: page, totalItems: total)
        }
    }

    /// The rows with these IDs, in the order given.
    private static func rows(_ rowIDs: [Int64], columns: String, on connection: any SQLConnection) async throws
        -> [any StoredRow]
    {
        guard !rowIDs.isEmpty else { return [] }
        let rows = try await connection.rows(
            "SELECT \(unsafeRaw: columns) FROM directory_services WHERE row_id IN \(list: rowIDs)")
        var byID: [Int64: any StoredRow] = [:]
        for row in rows { byID[try row.integer64("row_id")] = row }
        return rowIDs.compactMap { byID[$0] }
    }

    public func serviceAtLocations(matching query: ServiceQuery, page: PageRequest) async throws
        -> Page<ServiceAtLocationRow>
    {
        try await database.read { connection in
            let (rows, total) = try await engine.places(matching: query, page: page, on: connection)
            return Page(items: try rows.map(Self.place), request: page, totalItems: total)
        }
    }

    public func serviceAtLocation(id: String) async throws -> ServiceAtLocationRow? {
        try await database.read { connection in
            try await connection.first(
                """
                SELECT s.*, p.id AS place_id FROM directory_places p JOIN directory_services s ON s.row_id = p.service_row
                WHERE p.id = \(id)
                """, Self.place)
        }
    }

    public func taxonomies(page: PageRequest) async throws -> Page<HSDS.Taxonomy> {
        try await database.read { connection in
            let total = try await connection.count("SELECT count(*) AS n FROM directory_taxonomies")
            let taxonomies = try await connection.query(
                "SELECT document FROM directory_taxonomies ORDER BY name, id LIMIT \(page.size) OFFSET \(page.offset)"
            ) { try DirectoryDocuments.decode(HSDS.Taxonomy.self, from: try $0.text("document")) }
            return Page(items: taxonomies, request: page, totalItems: total)
        }
    }

    public func taxonomy(id: String) async throws -> HSDS.Taxonomy? {
        try await database.read { connection in
            try await connection.first("SELECT document FROM directory_taxonomies WHERE id = \(id)") {
                try DirectoryDocuments.decode(HSDS.Taxonomy.self, from: try $0.text("document"))
            }
        }
    }

    public func taxonomyTerms(matching query: TermQuery, page: PageRequest) async throws -> Page<HSDS.TaxonomyTerm> {
        var conditions: [SQLText] = []
        if let parent = query.parentID { conditions.append("parent_id = \(parent)") }
        if let taxonomy = query.taxonomyID { conditions.append("taxonomy_id = \(taxonomy)") }
        if query.topOnly { conditions.append("parent_id IS NULL") }
        let matching: SQLText = conditions.isEmpty ? "" : "WHERE \(conditions.joined(separator: " AND "))"
        return try await database.read { connection in
            let total = try await connection.count("SELECT count(*) AS n FROM directory_taxonomy_terms \(matching)")
            let terms = try await connection.query(
                """
                SELECT document FROM directory_taxonomy_terms \(matching) ORDER BY name, id
                LIMIT \(page.size) OFFSET \(page.offset)
                """
            ) { try DirectoryDocuments.decode(HSDS.TaxonomyTerm.self, from: try $0.text("document")) }
            return Page(items: terms, request: page, totalItems: total)
        }
    }

    public func taxonomyTerm(id: String) async throws -> HSDS.TaxonomyTerm? {
        try await database.read { connection in
            try await connection.first("SELECT document FROM directory_taxonomy_terms WHERE id = \(id)") {
                try DirectoryDocuments.decode(HSDS.TaxonomyTerm.self, from: try $0.text("document"))
            }
        }
    }

    public func count() async throws -> Int {
        try await database.read { connection in
            try await connection.count("SELECT count(*) AS n FROM directory_services")
        }
    }

    public func savePostcodes(_ centroids: [PostcodeCentroid]) async throws {
        try await database.write { connection in
            for centroid in centroids {
                try await connection.execute(
                    """
                    INSERT INTO postcodes (postcode, latitude, longitude)
                    VALUES (\(centroid.postcode), \(centroid.latitude), \(centroid.longitude))
                    ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude
                    """)
            }
        }
    }

    public func centroid(of postcode: String) async throws -> PostcodeCentroid? {
        try await database.read { connection in
            try await connection.first("SELECT * FROM postcodes WHERE postcode = \(PostcodeCentroid.key(postcode))") {
                PostcodeCentroid(
                    postcode: try $0.text("postcode"), latitude: try $0.double("latitude"),
                    longitude: try $0.double("longitude"))
            }
        }
    }

    @Sendable static func entry(_ row: any StoredRow) throws -> DirectoryEntry {
        DirectoryEntry(
            service: try DirectoryDocuments.service(
                from: try row.text("document"), lastModified: try row.text("last_modified")),
            source: try row.text("source"), maintainedBy: try row.optionalIdentifier("maintained_by"),
            reviewedAt: try row.date("reviewed_at"), version: try row.integer("version"))
    }

    @Sendable static func place(_ row: any StoredRow) throws -> ServiceAtLocationRow {
        ServiceAtLocationRow(id: try row.text("place_id"), entry: try entry(row))
    }
}
