import LinkwellStore

extension SQLiteMigrations {
    /// Training: the trainings an organisation requires, each worker's
    /// records (with an optional certificate file, kept apart so lists never
    /// load it) and the training needs they keep.
    static let training = Migration(
        number: 14, name: "training",
        statements: [
            """
            CREATE TABLE required_trainings (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
                renew_months INTEGER CHECK (renew_months BETWEEN 1 AND 120),
                retired_at TEXT,
                created_at TEXT NOT NULL,
                UNIQUE (id, organisation_id)
            ) STRICT
            """,
            """
            CREATE TABLE training_records (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                course TEXT NOT NULL CHECK (length(course) BETWEEN 1 AND 200),
                provider TEXT NOT NULL DEFAULT '' CHECK (length(provider) <= 200),
                completed_on TEXT NOT NULL,
                hours REAL NOT NULL CHECK (hours > 0 AND hours <= 500),
                expires_on TEXT CHECK (expires_on IS NULL OR expires_on > completed_on),
                requirement_id TEXT,
                recorded_at TEXT NOT NULL,
                UNIQUE (id, organisation_id),
                FOREIGN KEY (user_id, organisation_id) REFERENCES users (id, organisation_id),
                FOREIGN KEY (requirement_id, organisation_id) REFERENCES required_trainings (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX training_records_by_user ON training_records (organisation_id, user_id, completed_on)",
            """
            CREATE TABLE training_certificates (
                record_id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL,
                filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 100),
                content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
                content BLOB NOT NULL CHECK (length(content) <= 4194304),
                FOREIGN KEY (record_id, organisation_id) REFERENCES training_records (id, organisation_id)
            ) STRICT
            """,
            """
            CREATE TABLE training_needs (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                skill TEXT NOT NULL CHECK (length(skill) BETWEEN 1 AND 200),
                priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
                why TEXT NOT NULL DEFAULT '' CHECK (length(why) <= 1000),
                created_at TEXT NOT NULL,
                FOREIGN KEY (user_id, organisation_id) REFERENCES users (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX training_needs_by_user ON training_needs (organisation_id, user_id)",
        ])
}
