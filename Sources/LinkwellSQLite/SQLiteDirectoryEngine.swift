import Foundation
import GRDB
import LinkwellDomain
import LinkwellSQL
import LinkwellStore

/// The directory as only SQLite does it: FTS5 full-text search, filters
/// checked in memory as FTS5 finds matches (`DirectoryFilterCache`), and a
/// batch saved in one access to the writer with statements compiled once,
/// which keeps a 100,000-service import inside its 20 seconds.
struct SQLiteDirectoryEngine: DirectoryEngine {
    let database: SQLiteDatabase
    /// Ages, cost, sessions and places of every service, for filtering searches.
    let filters: DirectoryFilterCache

    func save(_ records: [PreparedDirectoryRecord], at time: Date, on connection: any SQLConnection) async throws
        -> [SaveOutcome]
    {
        try await connection.grdb.access { db in
            let outcomes = try records.map { try Self.save($0, at: time, db: db) }
            // Words, terms and taxonomies repeat across a batch's services:
            // each is written once.
            let changed = zip(records, outcomes).filter { $0.1 != .unchanged }.map(\.0)
            try Self.saveShared(of: changed, db: db)
            if !changed.isEmpty { try DirectoryFilterCache.advance(db) }
            return outcomes
        }
    }

    /// The terms, taxonomies and search words of saved records, each once.
    private static func saveShared(of records: [PreparedDirectoryRecord], db: Database) throws {
        let shared = try SharedDirectoryRows(of: records)
        for (term, document) in shared.terms {
            try db.run(
                """
                INSERT INTO directory_taxonomy_terms (id, name, parent_id, taxonomy_id, document) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
                    taxonomy_id = excluded.taxonomy_id, document = excluded.document
                """, [term.id, term.name, term.parentId, term.taxonomyId, document])
        }
        for (taxonomy, document) in shared.taxonomies {
            try db.run(
                "INSERT INTO directory_taxonomies (id, name, document) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                [taxonomy.id, taxonomy.name, document])
        }
        for word in shared.words { try db.run("INSERT OR IGNORE INTO directory_words (word) VALUES (?)", [word]) }
    }

    /// A page cache big enough for the indexes an import keeps touching (the
    /// default 2 MB made SQLite re-read pages from the file system all the
    /// time), pages read through a memory map rather than read() calls, and
    /// the write-ahead log synced at checkpoints rather than every commit
    /// (SQLite's recommended setting for WAL; a power cut can lose the last
    /// batches, never corrupt the file). For this process's writer only.
    func prepareForBulkSave() async throws {
        try await database.configureWriter(
            "PRAGMA cache_size = -131072; PRAGMA mmap_size = 1073741824; PRAGMA synchronous = NORMAL")
    }

    private static func save(_ record: PreparedDirectoryRecord, at time: Date, db: Database) throws -> SaveOutcome {
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT row_id, document FROM directory_services WHERE id = ?"),
            arguments: [record.id])
        if let existing, try existing.text("document") == record.document { return .unchanged }
        let index = record.index
        let modified = record.lastModified(savedAt: time)
        let keys = index.keyTexts
        let columns: StatementArguments = [
            index.name, index.description, index.terms.map(\.name).joined(separator: " "), index.organizationName,
            index.organizationID, index.status, index.minimumAge, index.maximumAge, index.isFree, modified.text,
            modified.date.sqliteText, record.document, record.source, record.maintainedBy?.databaseText,
            time.sqliteText,
            keys.languages, keys.access, index.highestCost,
        ]
        let rowID: Int64
        if let existing {
            rowID = try existing.integer64("row_id")
            try db.run(
                """
                UPDATE directory_services SET name = ?, description = ?, search_terms = ?, organization_name = ?,
                    organization_id = ?, status = ?, minimum_age = ?, maximum_age = ?, is_free = ?, last_modified = ?,
                    modified_at = ?, document = ?, source = ?, maintained_by = ?, reviewed_at = ?, language_keys = ?,
                    access_keys = ?, highest_cost = ?, version = version + 1
                WHERE row_id = ?
                """, columns + [rowID])
            for table in ["directory_service_terms", "directory_sessions", "directory_places"] {
                try db.run("DELETE FROM \(table) WHERE service_row = ?", [rowID])
            }
        } else {
            try db.run(
                """
                INSERT INTO directory_services (name, description, search_terms, organization_name, organization_id,
                    status, minimum_age, maximum_age, is_free, last_modified, modified_at, document, source,
                    maintained_by, reviewed_at, language_keys, access_keys, highest_cost, id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, columns + [record.id, time.sqliteText])
            rowID = db.lastInsertedRowID
        }
        for term in index.terms {
            try db.run(
                "INSERT OR IGNORE INTO directory_service_terms (term_id, service_row, taxonomy_id) VALUES (?, ?, ?)",
                [term.id, rowID, term.taxonomyId])
        }
        for session in index.sessions {
            try db.run(
                "INSERT INTO directory_sessions (service_row, day, opens, closes) VALUES (?, ?, ?, ?)",
                [rowID, session.day?.rawValue, session.opens, session.closes])
        }
        for place in index.places {
            try db.run(
                """
                INSERT INTO directory_places (id, service_row, location_id, latitude, longitude, postcode)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [place.serviceAtLocationID, rowID, place.locationID, place.latitude, place.longitude, place.postcode])
        }
        return existing == nil ? .created : .updated
    }

    func ranked(_ query: ServiceQuery, page: PageRequest, on connection: any SQLConnection) async throws
        -> (rowIDs: [Int64], total: Int)
    {
        try await connection.grdb.access { [self] db in try ranked(query, page: page, db: db) }
    }

    /// The matching rows' IDs for the page, in order, and how many match in
    /// all, from one pass over the matches.
    private func ranked(_ query: ServiceQuery, page: PageRequest, db: Database) throws -> (rowIDs: [Int64], total: Int)
    {
        try filtered(query, db: db) { filter in try Self.ranked(filter, page: page, db: db) }
    }

    private static func ranked(_ filter: SQLiteServiceFilter, page: PageRequest, db: Database) throws -> (
        rowIDs: [Int64], total: Int
    ) {
        let ranked = try Row.fetchAll(
            db,
            sql: """
                SELECT row_id, count(*) OVER () AS total
                FROM (SELECT \(filter.rowID) AS row_id, \(filter.sortKeys) \(filter.from) \(filter.whereClause))
                ORDER BY \(filter.sortOrder) LIMIT ? OFFSET ?
                """,
            arguments: filter.arguments + [page.size, page.offset])
        let rowIDs = try ranked.map { try $0.integer64("row_id") }
        let total =
            try ranked.first?.integer("total")
            ?? (page.offset == 0
                ? 0
                : try Int.fetchOne(
                    db, sql: "SELECT count(*) \(filter.from) \(filter.whereClause)", arguments: filter.arguments) ?? 0)
        return (rowIDs, total)
    }

    /// Runs `body` with the query as SQL, its ages, cost, sessions and (unless
    /// the caller tests places itself, as `placeAlias`) places checked from
    /// memory by `filters`.
    private func filtered<T>(
        _ query: ServiceQuery, placeAlias: String? = nil, db: Database, _ body: (SQLiteServiceFilter) throws -> T
    ) throws -> T {
        let alternatives = try Self.alternatives(query.text, db: db)
        guard let conditions = DirectoryFilterConditions(query, near: placeAlias == nil) else {
            return try body(SQLiteServiceFilter(query, alternatives: alternatives, placeAlias: placeAlias))
        }
        return try filters.searching(conditions, db: db) { token in
            try body(SQLiteServiceFilter(query, alternatives: alternatives, placeAlias: placeAlias, admittedBy: token))
        }
    }

    /// The search's words, each with its corrections when it is misspelt.
    private static func alternatives(_ text: String?, db: Database) throws -> [[String]]? {
        guard let text else { return nil }
        let words = DirectorySearchWords.words(in: text)
        guard !words.isEmpty else { return nil }
        return try DirectorySearchWords.alternatives(
            for: words,
            known: { word in
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM directory_words WHERE word >= ? AND word < ?)",
                    arguments: [word, word + "\u{10FFFF}"]) ?? false
            },
            startingWith: { letter in
                try String.fetchAll(
                    db, sql: "SELECT word FROM directory_words WHERE word >= ? AND word < ?",
                    arguments: [String(letter), String(letter) + "\u{10FFFF}"])
            })
    }

    func places(matching query: ServiceQuery, page: PageRequest, on connection: any SQLConnection) async throws
        -> (rows: [any StoredRow], total: Int)
    {
        let rows = try await connection.grdb.access { [self] db in
            try filtered(query, placeAlias: "p", db: db) { filter in
                let from = "\(filter.from) JOIN directory_places p ON p.service_row = s.row_id"
                let total =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) \(from) \(filter.whereClause)", arguments: filter.arguments) ?? 0
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.*, p.id AS place_id \(from) \(filter.whereClause) ORDER BY \(filter.order), p.id
                        LIMIT ? OFFSET ?
                        """,
                    arguments: filter.arguments + [page.size, page.offset])
                return (FetchedRows(rows: rows), total)
            }
        }
        return (rows.0.rows, rows.1)
    }
}

/// A `ServiceQuery` as SQL over `directory_services s`.
struct SQLiteServiceFilter {
    private(set) var from = "FROM directory_services s"
    private(set) var clauses: [String] = []
    private(set) var arguments: StatementArguments = []
    private(set) var order = "s.name COLLATE NOCASE, s.id"
    /// The order as columns of an inner query (`sortKeys`) and how to sort by
    /// them outside it (`sortOrder`): FTS5's bm25() cannot be used where a
    /// window function is, so ranking happens inside and counting outside.
    private(set) var sortKeys = "s.name AS sort_1, s.id AS sort_2"
    private(set) var sortOrder = "sort_1 COLLATE NOCASE, sort_2"
    /// The service's row ID in `from`.
    private(set) var rowID = "s.row_id"

    /// `placeAlias`: when listing places, the place row that a distance
    /// filter applies to; otherwise any of the service's places will do.
    /// `admittedBy`: the token under which `DirectoryFilterCache` checks the
    /// query's ages, cost, sessions and (without `placeAlias`) places.
    init(_ query: ServiceQuery, alternatives: [[String]]? = nil, placeAlias: String? = nil, admittedBy: Int64? = nil) {
        if let alternatives, let match = Self.matchExpression(alternatives) {
            from = "FROM directory_search JOIN directory_services s ON s.row_id = directory_search.rowid"
            add("directory_search MATCH ?", [match])
            order = "bm25(directory_search, 10.0, 5.0, 3.0, 1.0), s.id"
            sortKeys = "bm25(directory_search, 10.0, 5.0, 3.0, 1.0) AS sort_1, s.id AS sort_2"
            sortOrder = "sort_1, sort_2"
        }
        if let term = query.taxonomyTermID {
            add(
                "EXISTS (SELECT 1 FROM directory_service_terms t WHERE t.service_row = s.row_id AND t.term_id = ?)",
                [term])
        }
        if let taxonomy = query.taxonomyID {
            add(
                "EXISTS (SELECT 1 FROM directory_service_terms t WHERE t.service_row = s.row_id AND t.taxonomy_id = ?)",
                [taxonomy])
        }
        if let after = query.modifiedAfter { add("s.modified_at >= ?", [after.sqliteText]) }
        // Organisation, languages, access and cost from the narrow table, so that a
        // text search stays inside the index tables.
        var facts: [String] = []
        var factValues: StatementArguments = []
        if let organization = query.organizationID {
            facts.append("f.organization_id = ?")
            factValues += [organization]
        }
        if let language = query.language {
            facts.append("instr(f.language_keys, ?) > 0")
            factValues += [DirectoryKeys.needle(language)]
        }
        if let access = query.access {
            facts.append("instr(f.access_keys, ?) > 0")
            factValues += [DirectoryKeys.needle(access.rawValue)]
        }
        if let cost = query.maximumCost {
            facts.append("f.highest_cost <= ?")
            factValues += [cost]
        }
        if !facts.isEmpty {
            add(
                "EXISTS (SELECT 1 FROM directory_facts f WHERE f.service_row = s.row_id AND \(facts.joined(separator: " AND ")))",
                factValues)
        }
        // Ages, cost, sessions and places are checked from memory: see `DirectoryFilterSnapshot`.
        if let token = admittedBy {
            add("\(DirectoryFilterCache.functionName)(s.row_id, ?)", [token])
        }
        if let circle = query.near, let alias = placeAlias {
            let box = circle.bounds
            let scale = cos(circle.latitude * .pi / 180)
            let reach = circle.metres / ServiceQuery.Circle.metresPerDegree
            add(
                """
                \(alias).latitude BETWEEN ? AND ? AND \(alias).longitude BETWEEN ? AND ?
                AND ((\(alias).longitude - ?) * ?) * ((\(alias).longitude - ?) * ?) + (\(alias).latitude - ?) * (\(alias).latitude - ?) <= ?
                """,
                [
                    box.minLatitude, box.maxLatitude, box.minLongitude, box.maxLongitude, circle.longitude, scale,
                    circle.longitude,
                    scale, circle.latitude, circle.latitude, reach * reach,
                ])
        }
        if let circle = query.near, query.nearestFirst, alternatives.flatMap(Self.matchExpression) == nil {
            let nearest =
                "(SELECT min(\(circle.squaredDistanceSQL(alias: "n"))) FROM directory_places n WHERE n.service_row = s.row_id)"
            order = "\(nearest), s.id"
            sortKeys = "\(nearest) AS sort_1, s.id AS sort_2"
            sortOrder = "sort_1, sort_2"
        }
        // A text search whose other filters need only the index tables never
        // touches the services table until the page's rows are read: ranking
        // and counting stay inside the FTS index.
        let text = alternatives.flatMap(Self.matchExpression) != nil
        if text, placeAlias == nil,
            !clauses.contains(where: { $0.replacingOccurrences(of: "s.row_id", with: "").contains("s.") })
        {
            from = "FROM directory_search"
            rowID = "directory_search.rowid"
            clauses = clauses.map { $0.replacingOccurrences(of: "s.row_id", with: "directory_search.rowid") }
            sortKeys = "bm25(directory_search, 10.0, 5.0, 3.0, 1.0) AS sort_1, directory_search.rowid AS sort_2"
        }
    }

    var whereClause: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    private mutating func add(_ clause: String, _ values: StatementArguments) {
        clauses.append(clause)
        arguments += values
    }

    /// Each word as a quoted prefix ("walk"*), all required; a misspelt word
    /// with its corrections as alternatives (("wlaking"* OR "walking"*)).
    /// Nil when there are no words (only punctuation), which filters nothing.
    static func matchExpression(_ alternatives: [[String]]) -> String? {
        guard !alternatives.isEmpty else { return nil }
        return alternatives.map { group in
            let terms = group.map { "\"\($0)\"*" }
            return terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " OR ") + ")"
        }.joined(separator: " ")
    }
}

extension Database {
    /// Runs a statement compiled once and then reused: an import runs the same
    /// few statements for every one of 100,000 services.
    fileprivate func run(_ sql: String, _ arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
