import LinkwellStore

extension SQLiteMigrations {
    /// Looking after link workers: their confidential wellbeing check-ins
    /// (read back only by their worker, or as aggregates that
    /// `WellbeingDisclosure` allows), their supervision sessions (the note
    /// the supervisee's), and each organisation's supervision policy.
    static let workforce = Migration(
        number: 12, name: "workforce",
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
            """
            ALTER TABLE organisations ADD COLUMN clinical_supervision_weeks INTEGER NOT NULL DEFAULT 4
                CHECK (clinical_supervision_weeks BETWEEN 1 AND 26)
            """,
            """
            CREATE TABLE supervision_sessions (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                supervisee_id TEXT NOT NULL,
                supervisor_id TEXT,
                supervisor_name TEXT NOT NULL CHECK (length(supervisor_name) BETWEEN 1 AND 200),
                kind TEXT NOT NULL CHECK (kind IN ('clinical', 'managerial', 'peer')),
                held_on TEXT NOT NULL,
                duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
                note TEXT NOT NULL DEFAULT '',
                note_shared_with_supervisor INTEGER NOT NULL DEFAULT 0 CHECK (note_shared_with_supervisor IN (0, 1)),
                recorded_at TEXT NOT NULL,
                FOREIGN KEY (supervisee_id, organisation_id) REFERENCES users (id, organisation_id),
                FOREIGN KEY (supervisor_id, organisation_id) REFERENCES users (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX supervision_sessions_by_supervisee ON supervision_sessions (organisation_id, supervisee_id, held_on)",
        ])
}
