import LinkwellStore

extension PostgresMigrations {
    /// Outcome measures: instrument definitions an organisation adds (its
    /// licensed wording, or its own instruments), each measurement's answers
    /// and score, and each organisation's follow-up interval.
    static let outcomes = Migration(
        number: 11, name: "outcomes",
        statements: [
            """
            ALTER TABLE organisations ADD COLUMN outcome_follow_up_weeks integer NOT NULL DEFAULT 12
                CHECK (outcome_follow_up_weeks BETWEEN 2 AND 52)
            """,
            """
            CREATE TABLE instrument_definitions (
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                instrument_id text NOT NULL CHECK (length(instrument_id) BETWEEN 1 AND 40),
                document text NOT NULL,
                added_by uuid NOT NULL,
                added_by_name text NOT NULL,
                added_at timestamptz NOT NULL,
                version integer NOT NULL DEFAULT 1,
                PRIMARY KEY (organisation_id, instrument_id),
                FOREIGN KEY (added_by, organisation_id) REFERENCES users (id, organisation_id)
            )
            """,
            """
            CREATE TABLE measurements (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                person_id uuid NOT NULL,
                referral_id uuid NOT NULL,
                instrument_id text NOT NULL,
                instrument_version text NOT NULL,
                occasion text NOT NULL CHECK (occasion IN ('baseline', 'follow-up', 'discharge')),
                answers text NOT NULL,
                -- The total, where the instrument has one and enough was answered (for reports).
                score double precision,
                handed_over boolean NOT NULL DEFAULT false,
                taken_on date NOT NULL,
                recorded_by uuid NOT NULL,
                recorded_by_name text NOT NULL,
                recorded_at timestamptz NOT NULL,
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id),
                FOREIGN KEY (recorded_by, organisation_id) REFERENCES users (id, organisation_id)
            )
            """,
            "CREATE INDEX measurements_by_person ON measurements (organisation_id, person_id, instrument_id, taken_on)",
            "CREATE INDEX measurements_by_referral ON measurements (organisation_id, referral_id)",
            // A session handed to a person to answer a questionnaire: it reaches
            // that questionnaire and nothing else, and ends when they finish.
            "ALTER TABLE sessions ADD COLUMN handed_over_to uuid",
        ])
}
