import LinkwellStore

extension SQLiteMigrations {
    /// Organisations, practices, users, sign-in, sessions and the audit log.
    /// Times are stored as GRDB writes them: UTC text "YYYY-MM-DD HH:MM:SS.SSS",
    /// which sorts and compares correctly as text. IDs are lowercase UUID text.
    static let foundation = Migration(
        number: 1, name: "foundation",
        statements: [
            """
            CREATE TABLE organisations (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                kind TEXT NOT NULL CHECK (kind IN ('pcn', 'vcse', 'local_authority', 'nhs_trust', 'housing_association', 'other')),
                ods_code TEXT UNIQUE,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            ) STRICT
            """,
            """
            CREATE TABLE practices (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                ods_code TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                UNIQUE (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX practices_by_organisation ON practices (organisation_id, name)",
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                practice_id TEXT,
                name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                email TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
                role TEXT NOT NULL CHECK (role IN ('link_worker', 'referrer', 'provider', 'manager', 'admin')),
                password_hash TEXT NOT NULL,
                is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
                must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
                locked_until TEXT,
                last_sign_in_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                -- a user's practice must be one of their own organisation's practices
                FOREIGN KEY (practice_id, organisation_id) REFERENCES practices (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX users_by_organisation ON users (organisation_id, name)",
            """
            CREATE TABLE sign_in_failures (
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                user_id TEXT NOT NULL REFERENCES users(id),
                occurred_at TEXT NOT NULL
            ) STRICT
            """,
            "CREATE INDEX sign_in_failures_by_user ON sign_in_failures (user_id, occurred_at)",
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                user_id TEXT NOT NULL REFERENCES users(id),
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                client_address TEXT
            ) STRICT
            """,
            "CREATE INDEX sessions_by_user ON sessions (user_id)",
            """
            CREATE TABLE audit_events (
                sequence INTEGER PRIMARY KEY NOT NULL,
                occurred_at TEXT NOT NULL,
                organisation_id TEXT REFERENCES organisations(id),
                actor_id TEXT REFERENCES users(id),
                actor_label TEXT NOT NULL DEFAULT '',
                action TEXT NOT NULL,
                target_type TEXT,
                target_id TEXT,
                client_address TEXT,
                detail TEXT NOT NULL DEFAULT '',
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE
            ) STRICT
            """,
            "CREATE INDEX audit_events_by_organisation ON audit_events (organisation_id, sequence)",
            "CREATE INDEX audit_events_by_actor ON audit_events (actor_id, sequence)",
            "CREATE INDEX audit_events_by_target ON audit_events (target_type, target_id, sequence)",
            // The audit log is append-only in the schema too, not only in the store API.
            """
            CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
            """,
            """
            CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
            """,
            """
            CREATE TABLE deployment_settings (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            ) STRICT
            """,
        ])
}
