import LinkwellStore

extension SQLiteMigrations {
    /// Link workers' confidential wellbeing check-ins. Read back only by
    /// their worker, or as aggregates that `WellbeingDisclosure` allows.
    static let wellbeing = Migration(
        number: 12, name: "wellbeing",
        statements: [
            """
            CREATE TABLE wellbeing_checkins (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                user_id TEXT NOT NULL,
                taken_on TEXT NOT NULL,
                answers TEXT NOT NULL,
                personal REAL,
                work REAL,
                client REAL,
                thinks_of_leaving INTEGER CHECK (thinks_of_leaving BETWEEN 1 AND 5),
                job_satisfaction INTEGER CHECK (job_satisfaction BETWEEN 1 AND 5),
                recorded_at TEXT NOT NULL,
                FOREIGN KEY (user_id, organisation_id) REFERENCES users (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX wellbeing_checkins_by_user ON wellbeing_checkins (user_id, taken_on)",
            "CREATE INDEX wellbeing_checkins_by_organisation ON wellbeing_checkins (organisation_id, taken_on)",
        ])
}
