import LinkwellStore

extension SQLiteMigrations {
    /// Languages and access needs to filter by, as key lists
    /// ("|english|en|polish|pl|", see `DirectoryKeys`), and the dearest cost,
    /// on each service and its narrow filter row. Services stored before this are filled in from
    /// their records by `SQLiteStore.migrate()` (their columns start NULL).
    ///
    /// The full-text index is now re-made only when a text it indexes
    /// changes, not on every update (confirming an entry, filling in these
    /// columns).
    static let directoryKeys = Migration(
        number: 9, name: "directory_keys",
        statements: [
            "ALTER TABLE directory_services ADD COLUMN language_keys TEXT",
            "ALTER TABLE directory_services ADD COLUMN access_keys TEXT",
            "ALTER TABLE directory_facts ADD COLUMN language_keys TEXT",
            "ALTER TABLE directory_facts ADD COLUMN access_keys TEXT",
            "ALTER TABLE directory_services ADD COLUMN highest_cost REAL",
            "ALTER TABLE directory_facts ADD COLUMN highest_cost REAL",
            // The services still to fill in, and only those: empty once done,
            // so checking at every start costs nothing.
            "CREATE INDEX directory_services_unkeyed ON directory_services (row_id) WHERE language_keys IS NULL",
            "DROP TRIGGER directory_facts_insert",
            """
            CREATE TRIGGER directory_facts_insert AFTER INSERT ON directory_services BEGIN
                INSERT INTO directory_facts (
                    service_row, minimum_age, maximum_age, is_free, organization_id, language_keys, access_keys, highest_cost)
                VALUES (
                    new.row_id, new.minimum_age, new.maximum_age, new.is_free, new.organization_id, new.language_keys,
                    new.access_keys, new.highest_cost);
            END
            """,
            "DROP TRIGGER directory_facts_update",
            """
            CREATE TRIGGER directory_facts_update
            AFTER UPDATE OF minimum_age, maximum_age, is_free, organization_id, language_keys, access_keys, highest_cost
            ON directory_services BEGIN
                UPDATE directory_facts SET minimum_age = new.minimum_age, maximum_age = new.maximum_age,
                    is_free = new.is_free, organization_id = new.organization_id,
                    language_keys = new.language_keys, access_keys = new.access_keys, highest_cost = new.highest_cost
                WHERE service_row = new.row_id;
            END
            """,
            "DROP TRIGGER directory_search_update",
            """
            CREATE TRIGGER directory_search_update
            AFTER UPDATE OF name, search_terms, organization_name, description ON directory_services BEGIN
                INSERT INTO directory_search (directory_search, rowid, name, search_terms, organization_name, description)
                VALUES ('delete', old.row_id, old.name, old.search_terms, old.organization_name, old.description);
                INSERT INTO directory_search (rowid, name, search_terms, organization_name, description)
                VALUES (new.row_id, new.name, new.search_terms, new.organization_name, new.description);
            END
            """,
        ])
}
