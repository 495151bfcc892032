import LinkwellStore

extension SQLiteMigrations {
    /// Each ended four-week block's wellbeing figures as first shown, with
    /// who answered, so that they are never recomputed from later roles
    /// (`WellbeingPublication`).
    static let wellbeingPublications = Migration(
        number: 18, name: "wellbeing_publications",
        statements: [
            """
            CREATE TABLE wellbeing_publications (
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                block_start TEXT NOT NULL,
                block_end TEXT NOT NULL,
                published_at TEXT NOT NULL,
                respondents TEXT NOT NULL,
                figures TEXT NOT NULL,
                PRIMARY KEY (organisation_id, block_start),
                CHECK (block_end >= block_start)
            ) STRICT
            """
        ])
}
