import LinkwellStore

extension PostgresMigrations {
    /// SQLite's migration 8 adds the counter that tells its in-memory copy of
    /// the search filters' facts when to reload. PostgreSQL filters in SQL and
    /// keeps no such copy: this step is recorded and changes nothing, to keep
    /// the two backends' numbers meaning the same change.
    static let directoryGeneration = Migration(number: 8, name: "directory_generation", statements: [])
}
