import LinkwellStore

extension SQLiteMigrations {
    /// Outcome measures: instrument definitions an organisation adds (its
    /// licensed wording, or its own instruments), each measurement's answers
    /// and score, and each organisation's follow-up interval.
    static let outcomes = Migration(
        number: 11, name: "outcomes",
        statements: [
            """
            ALTER TABLE organisations ADD COLUMN outcome_follow_up_weeks INTEGER NOT NULL DEFAULT 12
                CHECK (outcome_follow_up_weeks BETWEEN 2 AND 52)
            """,
            """
            CREATE TABLE instrument_definitions (
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                instrument_id TEXT NOT NULL CHECK (length(instrument_id) BETWEEN 1 AND 40),
                document TEXT NOT NULL,
                added_by TEXT NOT NULL,
                added_by_name TEXT NOT NULL,
                added_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (organisation_id, instrument_id),
                FOREIGN KEY (added_by, organisation_id) REFERENCES users (id, organisation_id)
            ) STRICT
            """,
            """
            CREATE TABLE measurements (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                person_id TEXT NOT NULL,
                referral_id TEXT NOT NULL,
                instrument_id TEXT NOT NULL,
                instrument_version TEXT NOT NULL,
                occasion TEXT NOT NULL CHECK (occasion IN ('baseline', 'follow-up', 'discharge')),
                answers TEXT NOT NULL,
                -- The total, where the instrument has one and enough was answered (for reports).
                score REAL,
                handed_over INTEGER NOT NULL DEFAULT 0 CHECK (handed_over IN (0, 1)),
                taken_on TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_by_name TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id),
                FOREIGN KEY (recorded_by, organisation_id) REFERENCES users (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX measurements_by_person ON measurements (organisation_id, person_id, instrument_id, taken_on)",
            "CREATE INDEX measurements_by_referral ON measurements (organisation_id, referral_id)",
            // A session handed to a person to answer a questionnaire: it reaches
            // that questionnaire and nothing else, and ends when they finish.
            "ALTER TABLE sessions ADD COLUMN handed_over_to TEXT",
        ])
}
