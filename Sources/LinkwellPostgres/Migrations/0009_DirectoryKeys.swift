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
            """
        ])
}
