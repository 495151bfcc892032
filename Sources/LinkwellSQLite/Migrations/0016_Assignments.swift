import LinkwellStore

extension SQLiteMigrations {
    /// Who has had each referral on their caseload, and from when, so that a
    /// worker's load over past weeks stays theirs when a referral is given to
    /// someone else. Filled for referrals already assigned: from the day they
    /// were accepted (or, failing that, last changed).
    static let assignments = Migration(
        number: 16, name: "assignments",
        statements: [
            """
            CREATE TABLE referral_assignments (
                id INTEGER PRIMARY KEY NOT NULL,
                referral_id TEXT NOT NULL,
                organisation_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                assigned_at TEXT NOT NULL,
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id),
                FOREIGN KEY (user_id, organisation_id) REFERENCES users (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX referral_assignments_by_referral ON referral_assignments (referral_id, assigned_at)",
            "CREATE INDEX referral_assignments_by_user ON referral_assignments (organisation_id, user_id)",
            """
            INSERT INTO referral_assignments (referral_id, organisation_id, user_id, assigned_at)
            SELECT r.id, r.organisation_id, r.assigned_to,
                coalesce(
                    (SELECT min(s.occurred_at) FROM referral_status_changes s WHERE s.referral_id = r.id AND s.to_status = 'accepted'),
                    r.updated_at)
            FROM referrals r WHERE r.assigned_to IS NOT NULL
            ORDER BY r.received_at, r.id
            """,
        ])
}
