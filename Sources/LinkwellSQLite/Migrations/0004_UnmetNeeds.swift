import LinkwellStore

extension SQLiteMigrations {
    /// Needs no service in the directory could meet, by person and area.
    static let unmetNeeds = Migration(
        number: 4, name: "unmet_needs",
        statements: [
            """
            CREATE TABLE unmet_needs (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL,
                person_id TEXT NOT NULL,
                need_code TEXT NOT NULL REFERENCES needs(code),
                area TEXT NOT NULL CHECK (length(area) BETWEEN 1 AND 60),
                note TEXT NOT NULL DEFAULT '',
                recorded_by TEXT NOT NULL,
                recorded_by_name TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
                FOREIGN KEY (recorded_by, organisation_id) REFERENCES users (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX unmet_needs_by_organisation ON unmet_needs (organisation_id, recorded_at)",
            "CREATE INDEX unmet_needs_by_person ON unmet_needs (organisation_id, person_id)",
        ])
}
