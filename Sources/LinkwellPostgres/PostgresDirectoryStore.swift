import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

struct PostgresDirectoryStore: DirectoryStore {
    let database: PostgresDatabase

    func save(prepared: [PreparedDirectoryRecord], at time: Date) async throws -> [SaveOutcome] {
        return try await database.write { connection, logger in
            var outcomes: [SaveOutcome] = []
            var changed: [PreparedDirectoryRecord] = []
            for record in prepared {
                let outcome = try await Self.save(record, at: time, on: connection, logger: logger)
                if outcome != .unchanged { changed.append(record) }
                outcomes.append(outcome)
            }
            // Words, terms and taxonomies repeat across a batch's services: each is written once.
            try await Self.saveShared(of: changed, on: connection, logger: logger)
            return outcomes
        }
    }

    /// The terms, taxonomies and search words of saved records, each once.
    private static func saveShared(of records: [PreparedDirectoryRecord], on connection: PostgresConnection, logger: Logger) async throws {
        let shared = try SharedDirectoryRows(of: records)
        for (term, document) in shared.terms {
            try await connection.execute(
                """
                INSERT INTO directory_taxonomy_terms (id, name, parent_id, taxonomy_id, document)
                VALUES (\(term.id), \(term.name), \(term.parentId), \(term.taxonomyId), \(document))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
                    taxonomy_id = excluded.taxonomy_id, document = excluded.document
                """, logger: logger)
        }
        for (taxonomy, document) in shared.taxonomies {
            try await connection.execute(
                """
                INSERT INTO directory_taxonomies (id, name, document) VALUES (\(taxonomy.id), \(taxonomy.name), \(document))
                ON CONFLICT (id) DO NOTHING
                """, logger: logger)
        }
        let vocabulary = shared.words
        if !vocabulary.isEmpty {
            try await connection.execute(
                "INSERT INTO directory_words (word) SELECT unnest(\(vocabulary)::text[]) ON CONFLICT DO NOTHING", logger: logger)
        }
    }

    /// Gives services stored before migration 9 their language and access
    /// keys and dearest cost, worked out from their records, 500 a transaction. Returns how
    /// many were filled in (none once done).
    func fillMissingKeys() async throws -> Int {
        var filled = 0
        while true {
            let count = try await database.write { connection, logger in
                let rows = try await connection.rows(
                    "SELECT row_id, document FROM directory_services WHERE language_keys IS NULL ORDER BY row_id LIMIT 500 FOR UPDATE", logger: logger)
                for row in rows {
                    let columns = DirectoryDocuments.filterColumns(of: try row.text("document"))
                    let rowID = try row.integer64("row_id")
                    try await connection.execute(
                        """
                        UPDATE directory_services SET language_keys = \(columns.languages), access_keys = \(columns.access),
                            highest_cost = \(columns.highestCost) WHERE row_id = \(rowID)
                        """, logger: logger)
                }
                return rows.count
            }
            filled += count
            if count < 500 { return filled }
        }
    }

    /// Nothing to tune: PostgreSQL's server is configured by its operator.
    func prepareForBulkSave() async throws {}

    private static func save(
        _ record: PreparedDirectoryRecord, at time: Date, on connection: PostgresConnection, logger: Logger
    ) async throws -> SaveOutcome {
        let existing = try await connection.firstRow(
            "SELECT row_id, document FROM directory_services WHERE id = \(record.id) FOR UPDATE", logger: logger)
        if let existing, try existing.text("document") == record.document { return .unchanged }
        let index = record.index
        let modified = record.lastModified(savedAt: time)
        let terms = index.terms.map(\.name).joined(separator: " ")
        let maintainedBy = record.maintainedBy?.rawValue
        let keys = index.keyTexts
        let rowID: Int64
        if let existing {
            rowID = try existing.integer64("row_id")
            try await connection.execute(
                """
                UPDATE directory_services SET name = \(index.name), description = \(index.description), search_terms = \(terms),
                    organization_name = \(index.organizationName), organization_id = \(index.organizationID),
                    status = \(index.status), minimum_age = \(index.minimumAge), maximum_age = \(index.maximumAge),
                    is_free = \(index.isFree), last_modified = \(modified.text), modified_at = \(modified.date),
                    document = \(record.document), source = \(record.source), maintained_by = \(maintainedBy),
                    reviewed_at = \(time), language_keys = \(keys.languages), access_keys = \(keys.access),
                    highest_cost = \(index.highestCost), version = version + 1
                WHERE row_id = \(rowID)
                """, logger: logger)
            try await connection.execute("DELETE FROM directory_service_terms WHERE service_row = \(rowID)", logger: logger)
            try await connection.execute("DELETE FROM directory_sessions WHERE service_row = \(rowID)", logger: logger)
            try await connection.execute("DELETE FROM directory_places WHERE service_row = \(rowID)", logger: logger)
        } else {
            let row = try await connection.firstRow(
                """
                INSERT INTO directory_services (id, name, description, search_terms, organization_name, organization_id,
                    status, minimum_age, maximum_age, is_free, last_modified, modified_at, document, source, maintained_by,
                    reviewed_at, created_at, language_keys, access_keys, highest_cost)
                VALUES (\(record.id), \(index.name), \(index.description), \(terms), \(index.organizationName),
                    \(index.organizationID), \(index.status), \(index.minimumAge), \(index.maximumAge), \(index.isFree),
                    \(modified.text), \(modified.date), \(record.document), \(record.source), \(maintainedBy), \(time), \(time),
                    \(keys.languages), \(keys.access), \(index.highestCost))
                RETURNING row_id
                """, logger: logger)
            rowID = try row!.integer64("row_id")
        }
        for term in index.terms {
            try await connection.execute(
                """
                INSERT INTO directory_service_terms (term_id, service_row, taxonomy_id) VALUES (\(term.id), \(rowID), \(term.taxonomyId))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        for session in index.sessions {
            try await connection.execute(
                """
                INSERT INTO directory_sessions (service_row, day, opens, closes)
                VALUES (\(rowID), \(session.day?.rawValue), \(session.opens), \(session.closes))
                """, logger: logger)
        }
        for place in index.places {
            try await connection.execute(
                """
                INSERT INTO directory_places (id, service_row, location_id, latitude, longitude, postcode)
                VALUES (\(place.serviceAtLocationID), \(rowID), \(place.locationID), \(place.latitude), \(place.longitude),
                    \(place.postcode))
                """, logger: logger)
        }
        return existing == nil ? .created : .updated
    }

    /// The search's words, each with its corrections when it is misspelt.
    private func alternatives(_ text: String?) async throws -> [[String]]? {
        guard let text else { return nil }
        let words = DirectorySearchWords.words(in: text)
        guard !words.isEmpty else { return nil }
        return try await database.read { connection, logger in
            var known: [String: Bool] = [:]
            var vocabulary: [Character: [String]] = [:]
            for word in words where Spelling.allowedEdits(for: word) > 0 {
                let row = try await connection.firstRow(
                    "SELECT EXISTS (SELECT 1 FROM directory_words WHERE starts_with(word, \(word))) AS known", logger: logger)
                let isKnown = try row?["known"].decode(Bool.self) ?? false
                known[word] = isKnown
                if !isKnown, let first = word.first, vocabulary[first] == nil {
                    let letter = String(first)
                    vocabulary[first] = try await connection.rows(
                        "SELECT word FROM directory_words WHERE starts_with(word, \(letter))", logger: logger
                    ).map { try $0.text("word") }
                }
            }
            return DirectorySearchWords.alternatives(
                for: words, known: { known[$0] ?? true }, startingWith: { vocabulary[$0] ?? [] })
        }
    }

    func entry(id: String) async throws -> DirectoryEntry? {
        try await database.read { connection, logger in
            try await connection.firstRow("SELECT * FROM directory_services WHERE id = \(id)", logger: logger).map(Self.entry)
        }
    }

    func edit(_ record: DirectoryRecord, expectedVersion: Int, change: DirectoryChange, audit: AuditEntry) async throws
        -> DirectoryEntry
    {
        let prepared = try PreparedDirectoryRecord(record)
        return try await database.write { connection, logger in
            try await Self.checkVersion(of: prepared.id, expected: expectedVersion, on: connection, logger: logger)
            if try await Self.save(prepared, at: change.at, on: connection, logger: logger) != .unchanged {
                try await Self.saveShared(of: [prepared], on: connection, logger: logger)
            } else {
                // The record is as it was; who keeps it may not be.
                try await connection.execute(
                    """
                    UPDATE directory_services SET maintained_by = \(prepared.maintainedBy?.rawValue), reviewed_at = \(change.at),
                        version = version + 1
                    WHERE id = \(prepared.id)
                    """, logger: logger)
            }
            return try await Self.recorded(change, audit: audit, on: connection, logger: logger)
        }
    }

    func markReviewed(id: String, expectedVersion: Int, change: DirectoryChange, audit: AuditEntry) async throws
        -> DirectoryEntry
    {
        try await database.write { connection, logger in
            try await Self.checkVersion(of: id, expected: expectedVersion, on: connection, logger: logger)
            try await connection.execute(
                "UPDATE directory_services SET reviewed_at = \(change.at), version = version + 1 WHERE id = \(id)", logger: logger)
            return try await Self.recorded(change, audit: audit, on: connection, logger: logger)
        }
    }

    /// Refuses to go on when the entry is not at the version the editor saw
    /// (or, for a new entry, already exists). Locks the row until the transaction ends.
    private static func checkVersion(of id: String, expected: Int, on connection: PostgresConnection, logger: Logger) async throws {
        let row = try await connection.firstRow("SELECT version FROM directory_services WHERE id = \(id) FOR UPDATE", logger: logger)
        let current = try row?.integer("version") ?? 0
        if current != expected {
            if expected > 0, current == 0 { throw StoreError.notFound }
            throw StoreError.versionConflict(currentVersion: current)
        }
    }

    /// Writes the history line and the audit event for a saved change, and reads the entry back.
    private static func recorded(
        _ change: DirectoryChange, audit: AuditEntry, on connection: PostgresConnection, logger: Logger
    ) async throws -> DirectoryEntry {
        guard let row = try await connection.firstRow("SELECT * FROM directory_services WHERE id = \(change.serviceID)", logger: logger)
        else { throw StoreError.notFound }
        let saved = try entry(row)
        try await connection.execute(
            """
            INSERT INTO directory_changes (service_id, version, changed_at, actor_id, actor_label, kind, fields)
            VALUES (\(change.serviceID), \(saved.version), \(change.at), \(change.actorID?.rawValue), \(change.actorLabel),
                \(change.kind.rawValue), \(change.fieldsJSON))
            """, logger: logger)
        _ = try await PostgresAuditLog.append(audit, on: connection, logger: logger)
        return saved
    }

    func history(of id: String) async throws -> [DirectoryChange] {
        try await database.read { connection, logger in
            try await connection.rows("SELECT * FROM directory_changes WHERE service_id = \(id) ORDER BY id DESC", logger: logger).map { row in
                DirectoryChange(
                    serviceID: try row.text("service_id"), at: try row.date("changed_at"), actorID: try row.optionalIdentifier("actor_id"),
                    actorLabel: try row.text("actor_label"), kind: DirectoryChange.Kind(rawValue: try row.text("kind")) ?? .edited,
                    fields: DirectoryChange.fields(fromJSON: try row.text("fields")), version: try row.integer("version"))
            }
        }
    }

    func entries(maintainedBy organisation: OrganisationID, page: PageRequest) async throws -> Page<DirectoryEntry> {
        try await database.read { connection, logger in
            let total = try await connection.firstRow(
                "SELECT count(*)::int AS total FROM directory_services WHERE maintained_by = \(organisation.rawValue)", logger: logger
            )?.integer("total") ?? 0
            let rows = try await connection.rows(
                """
                SELECT * FROM directory_services WHERE maintained_by = \(organisation.rawValue)
                ORDER BY lower(name), id LIMIT \(page.size) OFFSET \(page.offset)
                """, logger: logger)
            return Page(items: try rows.map(Self.entry), request: page, totalItems: total)
        }
    }

    func services(matching query: ServiceQuery, page: PageRequest) async throws -> Page<DirectoryEntry> {
        let filter = PostgresServiceFilter(query, alternatives: try await alternatives(query.text))
        return try await database.read { connection, logger in
            let (rowIDs, total) = try await Self.ranked(filter, page: page, on: connection, logger: logger)
            let rows = try await Self.rows(rowIDs, columns: "*", on: connection, logger: logger)
            return Page(items: try rows.map(Self.entry), request: page, totalItems: total)
        }
    }

    func serviceDocuments(matching query: ServiceQuery, page: PageRequest) async throws -> Page<StoredServiceDocument> {
        let filter = PostgresServiceFilter(query, alternatives: try await alternatives(query.text))
        return try await database.read { connection, logger in
            let (rowIDs, total) = try await Self.ranked(filter, page: page, on: connection, logger: logger)
            let rows = try await Self.rows(rowIDs, columns: "row_id, document, last_modified", on: connection, logger: logger)
            return Page(
                items: try rows.map { StoredServiceDocument(document: try $0.text("document"), lastModified: try $0.text("last_modified")) },
                request: page, totalItems: total)
        }
    }

    /// Two steps, as on SQLite, so that only the page's rows are read whole:
    /// the matching row IDs in order with the total counted in the same pass
    /// (measured on 100,000 services: 38–47% faster than counting and
    /// listing apart), then those rows.
    private static func ranked(
        _ filter: PostgresServiceFilter, page: PageRequest, on connection: PostgresConnection, logger: Logger
    ) async throws -> (rowIDs: [Int64], total: Int) {
        var filter = filter
        let whereClause = filter.whereClause
        let countQuery = PostgresQuery(unsafeSQL: "SELECT count(*) AS total \(filter.from) \(whereClause)", binds: filter.bindings)
        let limit = filter.bind(page.size)
        let offset = filter.bind(page.offset)
        let rankQuery = PostgresQuery(
            unsafeSQL: """
                SELECT s.row_id, count(*) OVER () AS total \(filter.from) \(whereClause)
                ORDER BY \(filter.order) LIMIT \(limit) OFFSET \(offset)
                """,
            binds: filter.bindings)
        let ranked = try await connection.rows(rankQuery, logger: logger)
        let rowIDs = try ranked.map { try $0.integer64("row_id") }
        // Past the last page no row carries the total: count apart.
        if let first = ranked.first { return (rowIDs, try first.integer("total")) }
        guard page.offset > 0 else { return ([], 0) }
        return ([], try await connection.firstRow(countQuery, logger: logger)?.integer("total") ?? 0)
    }

    /// The rows with these IDs, in the order given.
    private static func rows(
        _ rowIDs: [Int64], columns: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> [PostgresRandomAccessRow] {
        guard !rowIDs.isEmpty else { return [] }
        var bindings = PostgresBindings()
        try bindings.append(rowIDs)
        let rows = try await connection.rows(
            PostgresQuery(unsafeSQL: "SELECT \(columns) FROM directory_services WHERE row_id = ANY($1)", binds: bindings), logger: logger)
        var byID: [Int64: PostgresRandomAccessRow] = [:]
        for row in rows { byID[try row.integer64("row_id")] = row }
        return rowIDs.compactMap { byID[$0] }
    }

    func serviceAtLocations(matching query: ServiceQuery, page: PageRequest) async throws -> Page<ServiceAtLocationRow> {
        var filter = PostgresServiceFilter(query, alternatives: try await alternatives(query.text), placeAlias: "p")
        let from = "\(filter.from) JOIN directory_places p ON p.service_row = s.row_id"
        let whereClause = filter.whereClause
        let countQuery = PostgresQuery(unsafeSQL: "SELECT count(*) AS total \(from) \(whereClause)", binds: filter.bindings)
        let limit = filter.bind(page.size)
        let offset = filter.bind(page.offset)
        let listQuery = PostgresQuery(
            unsafeSQL: """
                SELECT s.*, p.id AS place_id \(from) \(whereClause) ORDER BY \(filter.order), p.id LIMIT \(limit) OFFSET \(offset)
                """,
            binds: filter.bindings)
        return try await database.read { connection, logger in
            let total = try await connection.firstRow(countQuery, logger: logger)?.integer("total") ?? 0
            let rows = try await connection.rows(listQuery, logger: logger)
            return Page(
                items: try rows.map { ServiceAtLocationRow(id: try $0.text("place_id"), entry: try Self.entry($0)) },
                request: page, totalItems: total)
        }
    }

    func serviceAtLocation(id: String) async throws -> ServiceAtLocationRow? {
        try await database.read { connection, logger in
            try await connection.firstRow(
                """
                SELECT s.*, p.id AS place_id FROM directory_places p JOIN directory_services s ON s.row_id = p.service_row
                WHERE p.id = \(id)
                """, logger: logger
            ).map { ServiceAtLocationRow(id: try $0.text("place_id"), entry: try Self.entry($0)) }
        }
    }

    func taxonomies(page: PageRequest) async throws -> Page<HSDS.Taxonomy> {
        try await database.read { connection, logger in
            let total = try await connection.firstRow("SELECT count(*) AS total FROM directory_taxonomies", logger: logger)?
                .integer("total") ?? 0
            let rows = try await connection.rows(
                "SELECT document FROM directory_taxonomies ORDER BY name, id LIMIT \(page.size) OFFSET \(page.offset)",
                logger: logger)
            return Page(
                items: try rows.map { try DirectoryDocuments.decode(HSDS.Taxonomy.self, from: try $0.text("document")) },
                request: page, totalItems: total)
        }
    }

    func taxonomy(id: String) async throws -> HSDS.Taxonomy? {
        try await database.read { connection, logger in
            try await connection.firstRow("SELECT document FROM directory_taxonomies WHERE id = \(id)", logger: logger)
                .map { try DirectoryDocuments.decode(HSDS.Taxonomy.self, from: try $0.text("document")) }
        }
    }

    func taxonomyTerms(matching query: TermQuery, page: PageRequest) async throws -> Page<HSDS.TaxonomyTerm> {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        if let parent = query.parentID {
            bindings.append(parent)
            conditions.append("parent_id = $\(bindings.count)")
        }
        if let taxonomy = query.taxonomyID {
            bindings.append(taxonomy)
            conditions.append("taxonomy_id = $\(bindings.count)")
        }
        if query.topOnly { conditions.append("parent_id IS NULL") }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let countQuery = PostgresQuery(unsafeSQL: "SELECT count(*) AS total FROM directory_taxonomy_terms \(whereClause)", binds: bindings)
        bindings.append(page.size)
        bindings.append(page.offset)
        let listQuery = PostgresQuery(
            unsafeSQL: """
                SELECT document FROM directory_taxonomy_terms \(whereClause) ORDER BY name, id
                LIMIT $\(bindings.count - 1) OFFSET $\(bindings.count)
                """, binds: bindings)
        return try await database.read { connection, logger in
            let total = try await connection.firstRow(countQuery, logger: logger)?.integer("total") ?? 0
            let rows = try await connection.rows(listQuery, logger: logger)
            return Page(
                items: try rows.map { try DirectoryDocuments.decode(HSDS.TaxonomyTerm.self, from: try $0.text("document")) },
                request: page, totalItems: total)
        }
    }

    func taxonomyTerm(id: String) async throws -> HSDS.TaxonomyTerm? {
        try await database.read { connection, logger in
            try await connection.firstRow("SELECT document FROM directory_taxonomy_terms WHERE id = \(id)", logger: logger)
                .map { try DirectoryDocuments.decode(HSDS.TaxonomyTerm.self, from: try $0.text("document")) }
        }
    }

    func count() async throws -> Int {
        try await database.read { connection, logger in
            try await connection.firstRow("SELECT count(*) AS total FROM directory_services", logger: logger)?.integer("total") ?? 0
        }
    }

    func savePostcodes(_ centroids: [PostcodeCentroid]) async throws {
        try await database.write { connection, logger in
            for centroid in centroids {
                try await connection.execute(
                    """
                    INSERT INTO postcodes (postcode, latitude, longitude)
                    VALUES (\(centroid.postcode), \(centroid.latitude), \(centroid.longitude))
                    ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude
                    """, logger: logger)
            }
        }
    }

    func centroid(of postcode: String) async throws -> PostcodeCentroid? {
        let key = PostcodeCentroid.key(postcode)
        return try await database.read { connection, logger in
            try await connection.firstRow("SELECT * FROM postcodes WHERE postcode = \(key)", logger: logger).map {
                PostcodeCentroid(
                    postcode: try $0.text("postcode"), latitude: try $0["latitude"].decode(Double.self),
                    longitude: try $0["longitude"].decode(Double.self))
            }
        }
    }

    private static func entry(_ row: PostgresRandomAccessRow) throws -> DirectoryEntry {
        DirectoryEntry(
            service: try DirectoryDocuments.service(from: try row.text("document"), lastModified: try row.text("last_modified")),
            source: try row.text("source"), maintainedBy: try row.optionalIdentifier("maintained_by"),
            reviewedAt: try row.date("reviewed_at"), version: try row.integer("version"))
    }
}

/// A `ServiceQuery` as SQL over `directory_services s`, every value bound.
struct PostgresServiceFilter {
    private(set) var from = "FROM directory_services s"
    private(set) var conditions: [String] = []
    private(set) var bindings = PostgresBindings()
    private(set) var order = "lower(s.name), s.id"

    init(_ query: ServiceQuery, alternatives: [[String]]? = nil, placeAlias: String? = nil) {
        if let alternatives {
            if !alternatives.isEmpty {
                // Each word a prefix, all required; a misspelt word or its corrections.
                let expression = alternatives.map { group in
                    group.count == 1 ? "\(group[0]):*" : "(" + group.map { "\($0):*" }.joined(separator: " | ") + ")"
                }.joined(separator: " & ")
                let tsquery = "to_tsquery('english', \(bind(expression)))"
                conditions.append("s.search @@ \(tsquery)")
                order = "ts_rank(s.search, \(tsquery)) DESC, s.id"
            }
        }
        if let circle = query.near, query.nearestFirst, alternatives?.isEmpty ?? true {
            order = "(SELECT min(\(circle.squaredDistanceSQL(alias: "n"))) FROM directory_places n WHERE n.service_row = s.row_id), s.id"
        }
        if let term = query.taxonomyTermID {
            conditions.append(
                "EXISTS (SELECT 1 FROM directory_service_terms t WHERE t.service_row = s.row_id AND t.term_id = \(bind(term)))")
        }
        if let taxonomy = query.taxonomyID {
            conditions.append(
                "EXISTS (SELECT 1 FROM directory_service_terms t WHERE t.service_row = s.row_id AND t.taxonomy_id = \(bind(taxonomy)))")
        }
        if let organization = query.organizationID { conditions.append("s.organization_id = \(bind(organization))") }
        if let language = query.language { conditions.append("strpos(s.language_keys, \(bind(DirectoryKeys.needle(language)))) > 0") }
        if let access = query.access { conditions.append("strpos(s.access_keys, \(bind(DirectoryKeys.needle(access.rawValue)))) > 0") }
        if let cost = query.maximumCost { conditions.append("s.highest_cost <= \(bind(cost))") }
        if let after = query.modifiedAfter { conditions.append("s.modified_at >= \(bind(after))") }
        if let age = query.minimumAge { conditions.append("s.minimum_age >= \(bind(age))") }
        if let age = query.maximumAge { conditions.append("s.maximum_age <= \(bind(age))") }
        if let age = query.forAge {
            let value = bind(age)
            conditions.append("(s.minimum_age IS NULL OR s.minimum_age <= \(value)) AND (s.maximum_age IS NULL OR s.maximum_age >= \(value))")
        }
        if query.freeOnly { conditions.append("s.is_free") }
        if !query.days.isEmpty || query.startTime != nil || query.endTime != nil {
            var session: [String] = []
            if !query.days.isEmpty { session.append("x.day = ANY(\(bind(query.days.map(\.rawValue))))") }
            if let start = query.startTime { session.append("x.opens >= \(bind(start))") }
            if let end = query.endTime { session.append("x.closes <= \(bind(end))") }
            conditions.append(
                "EXISTS (SELECT 1 FROM directory_sessions x WHERE x.service_row = s.row_id AND \(session.joined(separator: " AND ")))")
        }
        if let circle = query.near {
            let box = circle.bounds
            let scale = cos(circle.latitude * .pi / 180)
            let reach = circle.metres / ServiceQuery.Circle.metresPerDegree
            let a = placeAlias ?? "q"
            let (longitude, latitude, factor) = (bind(circle.longitude), bind(circle.latitude), bind(scale))
            let condition = """
                \(a).latitude BETWEEN \(bind(box.minLatitude)) AND \(bind(box.maxLatitude))
                AND \(a).longitude BETWEEN \(bind(box.minLongitude)) AND \(bind(box.maxLongitude))
                AND ((\(a).longitude - \(longitude)) * \(factor)) ^ 2 + (\(a).latitude - \(latitude)) ^ 2 <= \(bind(reach * reach))
                """
            conditions.append(
                placeAlias != nil
                    ? condition : "EXISTS (SELECT 1 FROM directory_places q WHERE q.service_row = s.row_id AND \(condition))")
        }
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }
}
