import LinkwellStore

extension PostgresMigrations {
    /// Looking after link workers: their confidential wellbeing check-ins
    /// (read back only by their worker, or as aggregates that
    /// `WellbeingDisclosure` allows), their supervision sessions (the note
    /// the supervisee's), and each organisation's supervision policy.
    static let workforce = Migration(
        number: 12, name: "workforce",
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
            """
            ALTER TABLE organisations ADD COLUMN clinical_supervision_weeks integer NOT NULL DEFAULT 4
                CHECK (clinical_supervision_weeks BETWEEN 1 AND 26)
            """,
            """
            CREATE TABLE supervision_sessions (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                supervisee_id uuid NOT NULL,
                supervisor_id uuid,
                supervisor_name text NOT NULL CHECK (length(supervisor_name) BETWEEN 1 AND 200),
                kind text NOT NULL CHECK (kind IN ('clinical', 'managerial', 'peer')),
                held_on date NOT NULL,
                duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
                note text NOT NULL DEFAULT '',
                note_shared_with_supervisor boolean NOT NULL DEFAULT false,
                recorded_at timestamptz NOT NULL,
                FOREIGN KEY (supervisee_id, organisation_id) REFERENCES users (id, organisation_id),
                FOREIGN KEY (supervisor_id, organisation_id) REFERENCES users (id, organisation_id)
            )
            """,
            "CREATE INDEX supervision_sessions_by_supervisee ON supervision_sessions (organisation_id, supervisee_id, held_on)",
        ])
}
