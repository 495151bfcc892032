import LinkwellStore

extension PostgresMigrations {
    /// Languages and access needs to filter by, as key lists
    /// ("|english|en|polish|pl|", see `DirectoryKeys`), and the dearest cost.
    /// Services stored before
    /// this are filled in from their records by `PostgresStore.migrate()`
    /// (their columns start NULL).
    static let directoryKeys = Migration(
        number: 9, name: "directory_keys",
        statements: [
            """
            ALTER TABLE directory_services ADD COLUMN language_keys text, ADD COLUMN access_keys text,
                ADD COLUMN highest_cost double precision
            """,
            // The services still to fill in, and only those: empty once done.
            "CREATE INDEX directory_services_unkeyed ON directory_services (row_id) WHERE language_keys IS NULL",
        ])
}
