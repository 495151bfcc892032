import LinkwellStore

extension SQLiteMigrations {
    /// A number that every write changing what search filters look at (ages,
    /// cost, sessions, places) moves on, in the same transaction: how
    /// `DirectoryFilterCache` knows its copy in memory is current. (PostgreSQL
    /// filters in SQL and keeps no such copy: its migration 8 changes nothing.)
    static let directoryGeneration = Migration(
        number: 8, name: "directory_generation",
        statements: [
            """
            CREATE TABLE directory_generation (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                value INTEGER NOT NULL
            ) STRICT
            """,
            "INSERT INTO directory_generation (singleton, value) VALUES (1, 1)",
        ])
}
