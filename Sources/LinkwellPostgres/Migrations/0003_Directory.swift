import LinkwellStore

extension PostgresMigrations {
    /// The community directory: services as whole HSDS records beside the
    /// columns and index tables that search filters on, a weighted tsvector
    /// over their text, taxonomy terms, and postcode centroids for distances.
    static let directory = Migration(
        number: 3, name: "directory",
        statements: [
            """
            CREATE TABLE directory_services (
                row_id bigserial PRIMARY KEY,
                id text NOT NULL UNIQUE CHECK (length(id) = 36),
                name text NOT NULL CHECK (length(name) >= 1),
                description text NOT NULL,
                search_terms text NOT NULL,
                organization_name text NOT NULL,
                organization_id text,
                status text NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
                minimum_age double precision,
                maximum_age double precision,
                is_free boolean NOT NULL,
                last_modified text NOT NULL,
                modified_at timestamptz NOT NULL,
                document text NOT NULL,
                source text NOT NULL,
                maintained_by uuid REFERENCES organisations(id),
                reviewed_at timestamptz NOT NULL,
                created_at timestamptz NOT NULL,
                version integer NOT NULL DEFAULT 1,
                search tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', search_terms), 'B')
                    || setweight(to_tsvector('english', organization_name), 'C') || setweight(to_tsvector('english', description), 'D')
                ) STORED
            )
            """,
            "CREATE INDEX directory_services_by_organization ON directory_services (organization_id)",
            "CREATE INDEX directory_services_by_name ON directory_services (lower(name), id)",
            "CREATE INDEX directory_services_by_modified ON directory_services (modified_at)",
            "CREATE INDEX directory_services_search ON directory_services USING gin (search)",
            """
            CREATE TABLE directory_service_terms (
                term_id text NOT NULL,
                service_row bigint NOT NULL REFERENCES directory_services(row_id) ON DELETE CASCADE,
                taxonomy_id text,
                PRIMARY KEY (term_id, service_row)
            )
            """,
            "CREATE INDEX directory_service_terms_by_service ON directory_service_terms (service_row)",
            "CREATE INDEX directory_service_terms_by_taxonomy ON directory_service_terms (taxonomy_id, service_row)",
            """
            CREATE TABLE directory_sessions (
                service_row bigint NOT NULL REFERENCES directory_services(row_id) ON DELETE CASCADE,
                day integer CHECK (day BETWEEN 1 AND 7),
                opens integer,
                closes integer
            )
            """,
            "CREATE INDEX directory_sessions_by_service ON directory_sessions (service_row)",
            """
            CREATE TABLE directory_places (
                id text PRIMARY KEY NOT NULL,
                service_row bigint NOT NULL REFERENCES directory_services(row_id) ON DELETE CASCADE,
                location_id text,
                latitude double precision,
                longitude double precision,
                postcode text
            )
            """,
            "CREATE INDEX directory_places_by_service ON directory_places (service_row)",
            "CREATE INDEX directory_places_by_position ON directory_places (latitude, longitude)",
            """
            CREATE TABLE directory_taxonomies (
                id text PRIMARY KEY NOT NULL,
                name text NOT NULL,
                document text NOT NULL
            )
            """,
            """
            CREATE TABLE directory_taxonomy_terms (
                id text PRIMARY KEY NOT NULL,
                name text NOT NULL,
                parent_id text,
                taxonomy_id text,
                document text NOT NULL
            )
            """,
            "CREATE INDEX directory_taxonomy_terms_by_parent ON directory_taxonomy_terms (parent_id)",
            // Postcode centroids (from ONS's directory, or the demo's), keyed without spaces.
            """
            CREATE TABLE postcodes (
                postcode text PRIMARY KEY NOT NULL,
                latitude double precision NOT NULL,
                longitude double precision NOT NULL
            )
            """,
        ])
}
