import LinkwellStore

extension PostgresMigrations {
    /// Needs no service in the directory could meet, by person and area.
    static let unmetNeeds = Migration(
        number: 4, name: "unmet_needs",
        statements: [
            """
            CREATE TABLE unmet_needs (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL,
                person_id uuid NOT NULL,
                need_code text NOT NULL REFERENCES needs(code),
                area text NOT NULL CHECK (length(area) BETWEEN 1 AND 60),
                note text NOT NULL DEFAULT '',
                recorded_by uuid NOT NULL,
                recorded_by_name text NOT NULL,
                recorded_at timestamptz NOT NULL,
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
                FOREIGN KEY (recorded_by, organisation_id) REFERENCES users (id, organisation_id)
            )
            """,
            "CREATE INDEX unmet_needs_by_organisation ON unmet_needs (organisation_id, recorded_at)",
            "CREATE INDEX unmet_needs_by_person ON unmet_needs (organisation_id, person_id)",
        ])
}
