import LinkwellStore

extension PostgresMigrations {
    /// Link workers' confidential wellbeing check-ins. Read back only by
    /// their worker, or as aggregates that `WellbeingDisclosure` allows.
    static let wellbeing = Migration(
        number: 12, name: "wellbeing",
        statements: [
            """
            CREATE TABLE wellbeing_checkins (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                user_id uuid NOT NULL,
                taken_on date NOT NULL,
                answers text NOT NULL,
                personal double precision,
                work double precision,
                client double precision,
                thinks_of_leaving integer CHECK (thinks_of_leaving BETWEEN 1 AND 5),
                job_satisfaction integer CHECK (job_satisfaction BETWEEN 1 AND 5),
                recorded_at timestamptz NOT NULL,
                FOREIGN KEY (user_id, organisation_id) REFERENCES users (id, organisation_id)
            )
            """,
            "CREATE INDEX wellbeing_checkins_by_user ON wellbeing_checkins (user_id, taken_on)",
            "CREATE INDEX wellbeing_checkins_by_organisation ON wellbeing_checkins (organisation_id, taken_on)",
        ])
}
