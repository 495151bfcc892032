import LinkwellStore

extension SQLiteMigrations {
    /// The community directory: services as whole HSDS records beside the
    /// columns and index tables that search filters on, FTS5 over their text,
    /// taxonomy terms, and postcode centroids for distances.
    static let directory = Migration(
        number: 3, name: "directory",
        statements: [
            """
            CREATE TABLE directory_services (
                row_id INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
                name TEXT NOT NULL CHECK (length(name) >= 1),
                description TEXT NOT NULL,
                search_terms TEXT NOT NULL,
                organization_name TEXT NOT NULL,
                organization_id TEXT,
                status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
                minimum_age REAL,
                maximum_age REAL,
                is_free INTEGER NOT NULL CHECK (is_free IN (0, 1)),
                last_modified TEXT NOT NULL,
                modified_at TEXT NOT NULL,
                document TEXT NOT NULL,
                source TEXT NOT NULL,
                maintained_by TEXT REFERENCES organisations(id),
                reviewed_at TEXT NOT NULL,
                created_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            ) STRICT
            """,
            "CREATE INDEX directory_services_by_organization ON directory_services (organization_id)",
            "CREATE INDEX directory_services_by_name ON directory_services (name COLLATE NOCASE, id)",
            "CREATE INDEX directory_services_by_modified ON directory_services (modified_at)",
            // Words stem (walking finds walk), accents fold; the service row is the content.
            """
            CREATE VIRTUAL TABLE directory_search USING fts5(
                name, search_terms, organization_name, description,
                content = 'directory_services', content_rowid = 'row_id',
                tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')
            """,
            """
            CREATE TRIGGER directory_search_insert AFTER INSERT ON directory_services BEGIN
                INSERT INTO directory_search (rowid, name, search_terms, organization_name, description)
                VALUES (new.row_id, new.name, new.search_terms, new.organization_name, new.description);
            END
            """,
            """
            CREATE TRIGGER directory_search_delete AFTER DELETE ON directory_services BEGIN
                INSERT INTO directory_search (directory_search, rowid, name, search_terms, organization_name, description)
                VALUES ('delete', old.row_id, old.name, old.search_terms, old.organization_name, old.description);
            END
            """,
            """
            CREATE TRIGGER directory_search_update AFTER UPDATE ON directory_services BEGIN
                INSERT INTO directory_search (directory_search, rowid, name, search_terms, organization_name, description)
                VALUES ('delete', old.row_id, old.name, old.search_terms, old.organization_name, old.description);
                INSERT INTO directory_search (rowid, name, search_terms, organization_name, description)
                VALUES (new.row_id, new.name, new.search_terms, new.organization_name, new.description);
            END
            """,
            """
            CREATE TABLE directory_service_terms (
                term_id TEXT NOT NULL,
                service_row INTEGER NOT NULL REFERENCES directory_services(row_id) ON DELETE CASCADE,
                taxonomy_id TEXT,
                PRIMARY KEY (term_id, service_row)
            ) STRICT, WITHOUT ROWID
            """,
            "CREATE INDEX directory_service_terms_by_service ON directory_service_terms (service_row)",
            "CREATE INDEX directory_service_terms_by_taxonomy ON directory_service_terms (taxonomy_id, service_row)",
            """
            CREATE TABLE directory_sessions (
                service_row INTEGER NOT NULL REFERENCES directory_services(row_id) ON DELETE CASCADE,
                day INTEGER CHECK (day BETWEEN 1 AND 7),
                opens INTEGER,
                closes INTEGER
            ) STRICT
            """,
            "CREATE INDEX directory_sessions_by_service ON directory_sessions (service_row)",
            """
            CREATE TABLE directory_places (
                id TEXT PRIMARY KEY NOT NULL,
                service_row INTEGER NOT NULL REFERENCES directory_services(row_id) ON DELETE CASCADE,
                location_id TEXT,
                latitude REAL,
                longitude REAL,
                postcode TEXT
            ) STRICT
            """,
            "CREATE INDEX directory_places_by_service ON directory_places (service_row)",
            "CREATE INDEX directory_places_by_position ON directory_places (latitude, longitude)",
            """
            CREATE TABLE directory_taxonomies (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                document TEXT NOT NULL
            ) STRICT
            """,
            """
            CREATE TABLE directory_taxonomy_terms (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                parent_id TEXT,
                taxonomy_id TEXT,
                document TEXT NOT NULL
            ) STRICT
            """,
            "CREATE INDEX directory_taxonomy_terms_by_parent ON directory_taxonomy_terms (parent_id)",
            // Postcode centroids (from ONS's directory, or the demo's), keyed without spaces.
            """
            CREATE TABLE postcodes (
                postcode TEXT PRIMARY KEY NOT NULL,
                latitude REAL NOT NULL,
                longitude REAL NOT NULL
            ) STRICT, WITHOUT ROWID
            """,
        ])
}
