import LinkwellStore

extension PostgresMigrations {
    /// Training: the trainings an organisation requires, each worker's
    /// records (with an optional certificate file, kept apart so lists never
    /// load it) and the training needs they keep.
    static let training = Migration(
        number: 14, name: "training",
        statements: [
            """
            CREATE TABLE required_trainings (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
                renew_months integer CHECK (renew_months BETWEEN 1 AND 120),
                retired_at timestamptz,
                created_at timestamptz NOT NULL,
                UNIQUE (id, organisation_id)
            )
            """,
            """
            CREATE TABLE training_records (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL,
                user_id uuid NOT NULL,
                course text NOT NULL CHECK (length(course) BETWEEN 1 AND 200),
                provider text NOT NULL DEFAULT '' CHECK (length(provider) <= 200),
                completed_on date NOT NULL,
                hours double precision NOT NULL CHECK (hours > 0 AND hours <= 500),
                expires_on date CHECK (expires_on IS NULL OR expires_on > completed_on),
                requirement_id uuid,
                recorded_at timestamptz NOT NULL,
                UNIQUE (id, organisation_id),
                FOREIGN KEY (user_id, organisation_id) REFERENCES users (id, organisation_id),
                FOREIGN KEY (requirement_id, organisation_id) REFERENCES required_trainings (id, organisation_id)
            )
            """,
            "CREATE INDEX training_records_by_user ON training_records (organisation_id, user_id, completed_on)",
            """
            CREATE TABLE training_certificates (
                record_id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL,
                filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 100),
                content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
                content bytea NOT NULL CHECK (octet_length(content) <= 4194304),
                FOREIGN KEY (record_id, organisation_id) REFERENCES training_records (id, organisation_id)
            )
            """,
            """
            CREATE TABLE training_needs (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL,
                user_id uuid NOT NULL,
                skill text NOT NULL CHECK (length(skill) BETWEEN 1 AND 200),
                priority text NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
                why text NOT NULL DEFAULT '' CHECK (length(why) <= 1000),
                created_at timestamptz NOT NULL,
                FOREIGN KEY (user_id, organisation_id) REFERENCES users (id, organisation_id)
            )
            """,
            "CREATE INDEX training_needs_by_user ON training_needs (organisation_id, user_id)",
        ])
}
