import LinkwellStore

extension PostgresMigrations {
    /// Each ended four-week block's wellbeing figures as first shown, with
    /// who answered, so that they are never recomputed from later roles
    /// (`WellbeingPublication`).
    static let wellbeingPublications = Migration(
        number: 18, name: "wellbeing_publications",
        statements: [
            """
            CREATE TABLE wellbeing_publications (
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                block_start date NOT NULL,
                block_end date NOT NULL,
                published_at timestamptz NOT NULL,
                respondents text NOT NULL,
                figures text NOT NULL,
                PRIMARY KEY (organisation_id, block_start),
                CHECK (block_end >= block_start)
            )
            """
        ])
}
