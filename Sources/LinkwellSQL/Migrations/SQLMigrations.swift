import LinkwellStore

/// The schema's history from migration 21 on, written once for both
/// databases. Where the engines differ, the statements are chosen by dialect
/// here, side by side. Migrations 1–20 stay in each backend as shipped
/// (`MigrationFingerprintTests` fails if one changes). Append only.
public enum SQLMigrations {
    public static func all(_ dialect: SQLDialect) -> [Migration] {
        [assigneeRequired(dialect)]
    }

    /// An accepted or active referral is on someone's caseload, so it has an
    /// assignee (`ReferralMove.accept` carries one). SQLite cannot add a
    /// CHECK to an existing table, so triggers refuse the same rows there.
    static func assigneeRequired(_ dialect: SQLDialect) -> Migration {
        let broken = "status IN ('accepted', 'active') AND assigned_to IS NULL"
        let check = MigrationCheck(
            query: "SELECT count(*) AS n FROM referrals WHERE \(broken)",
            problem: "accepted or active referrals without a link worker",
            remedy: "Assign each of them (or move it back to the inbox by hand) and start again.")
        let statements: [String] =
            switch dialect {
            case .postgres:
                ["ALTER TABLE referrals ADD CONSTRAINT referrals_assignee CHECK (NOT (\(broken)))"]
            case .sqlite:
                ["INSERT", "UPDATE OF status, assigned_to"].map { event in
                    """
                    CREATE TRIGGER referrals_assignee_\(event.prefix(6).lowercased()) BEFORE \(event) ON referrals
                    WHEN NEW.status IN ('accepted', 'active') AND NEW.assigned_to IS NULL
                    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: referrals_assignee'); END
                    """
                }
            }
        return Migration(number: 21, name: "assignee_required", statements: statements, checks: [check])
    }
}
