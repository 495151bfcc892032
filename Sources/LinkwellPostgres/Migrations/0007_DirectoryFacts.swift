import LinkwellStore

extension PostgresMigrations {
    /// SQLite's migration 7 copies the facts search filters on (ages, cost,
    /// organisation) into a narrow table, because its rows are a whole record
    /// wide. PostgreSQL keeps long text out of line, so its rows are narrow
    /// already: this step is recorded and changes nothing, to keep the two
    /// backends' numbers meaning the same change.
    static let directoryFacts = Migration(number: 7, name: "directory_facts", statements: [])
}
