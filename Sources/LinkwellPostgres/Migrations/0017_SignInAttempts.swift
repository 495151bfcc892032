import LinkwellStore

extension PostgresMigrations {
    /// Sign-in attempts, counted before their password is checked, and the
    /// locks they lead to (`LockoutPolicy`): per account and address, and an
    /// account-wide back-off under the address ''. The account is the email
    /// address as typed, whether or not an account has it, so that the limits
    /// say nothing about which accounts exist. They replace the failures that
    /// were counted only after a password had been checked. Also when each
    /// password was set, so that a one-time password runs out.
    static let signInAttempts = Migration(
        number: 17, name: "sign_in_attempts",
        statements: [
            """
            CREATE TABLE sign_in_attempts (
                id bigserial PRIMARY KEY,
                account text NOT NULL CHECK (length(account) <= 320),
                client_address text NOT NULL CHECK (length(client_address) <= 64),
                attempted_at timestamptz NOT NULL,
                outcome text NOT NULL CHECK (outcome IN ('pending', 'failed', 'succeeded'))
            )
            """,
            "CREATE INDEX sign_in_attempts_by_account ON sign_in_attempts (account, client_address, attempted_at)",
            "CREATE INDEX sign_in_attempts_by_address ON sign_in_attempts (client_address, attempted_at)",
            """
            CREATE TABLE sign_in_locks (
                account text NOT NULL,
                client_address text NOT NULL,
                locked_until timestamptz NOT NULL,
                PRIMARY KEY (account, client_address)
            )
            """,
            "DROP TABLE sign_in_failures",
            "ALTER TABLE users ADD COLUMN password_set_at timestamptz",
            "UPDATE users SET password_set_at = updated_at",
        ])
}
