import LinkwellStore

extension PostgresMigrations {
    /// Organisations, practices, users, sign-in, sessions and the audit log.
    static let foundation = Migration(
        number: 1, name: "foundation",
        statements: [
            """
            CREATE TABLE organisations (
                id uuid PRIMARY KEY,
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                kind text NOT NULL CHECK (kind IN ('pcn', 'vcse', 'local_authority', 'nhs_trust', 'housing_association', 'other')),
                ods_code text UNIQUE,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                version integer NOT NULL DEFAULT 1
            )
            """,
            """
            CREATE TABLE practices (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                ods_code text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                version integer NOT NULL DEFAULT 1,
                UNIQUE (id, organisation_id)
            )
            """,
            "CREATE INDEX practices_by_organisation ON practices (organisation_id, name)",
            """
            CREATE TABLE users (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                practice_id uuid,
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                email text NOT NULL UNIQUE CHECK (email = lower(email)),
                role text NOT NULL CHECK (role IN ('link_worker', 'referrer', 'provider', 'manager', 'admin')),
                password_hash text NOT NULL,
                is_active boolean NOT NULL DEFAULT true,
                must_change_password boolean NOT NULL DEFAULT false,
                locked_until timestamptz,
                last_sign_in_at timestamptz,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                version integer NOT NULL DEFAULT 1,
                -- a user's practice must be one of their own organisation's practices
                FOREIGN KEY (practice_id, organisation_id) REFERENCES practices (id, organisation_id)
            )
            """,
            "CREATE INDEX users_by_organisation ON users (organisation_id, name)",
            """
            CREATE TABLE sign_in_failures (
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                user_id uuid NOT NULL REFERENCES users(id),
                occurred_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX sign_in_failures_by_user ON sign_in_failures (user_id, occurred_at)",
            """
            CREATE TABLE sessions (
                token_hash text PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                user_id uuid NOT NULL REFERENCES users(id),
                csrf_token text NOT NULL,
                created_at timestamptz NOT NULL,
                last_seen_at timestamptz NOT NULL,
                client_address text
            )
            """,
            "CREATE INDEX sessions_by_user ON sessions (user_id)",
            """
            CREATE TABLE audit_events (
                sequence bigint PRIMARY KEY,
                occurred_at timestamptz NOT NULL,
                organisation_id uuid REFERENCES organisations(id),
                actor_id uuid REFERENCES users(id),
                actor_label text NOT NULL DEFAULT '',
                action text NOT NULL,
                target_type text,
                target_id text,
                client_address text,
                detail text NOT NULL DEFAULT '',
                previous_hash text NOT NULL,
                hash text NOT NULL UNIQUE
            )
            """,
            "CREATE INDEX audit_events_by_organisation ON audit_events (organisation_id, sequence)",
            "CREATE INDEX audit_events_by_actor ON audit_events (actor_id, sequence)",
            "CREATE INDEX audit_events_by_target ON audit_events (target_type, target_id, sequence)",
            // The audit log is append-only in the schema too, not only in the store API.
            """
            CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_events is append-only';
            END
            $$
            """,
            """
            CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
            FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()
            """,
            """
            CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
            FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()
            """,
            """
            CREATE TABLE deployment_settings (
                key text PRIMARY KEY,
                value text NOT NULL
            )
            """,
        ])
}
