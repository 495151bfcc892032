import LinkwellStore

/// The schema's history from migration 21 on, written once for both
/// databases. Where the engines differ, the statements are chosen by dialect
/// here, side by side. Migrations 1–20 stay in each backend as shipped
/// (`MigrationFingerprintTests` fails if one changes). Append only.
public enum SQLMigrations {
    public static func all(_ dialect: SQLDialect) -> [Migration] {
        [assigneeRequired(dialect), demographics]
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

    /// A person's stated gender and ethnic group (NHS Data Dictionary codes)
    /// and registered GP practice (an ODS code), optional: the demographics
    /// the Social Prescribing Information Standard and the equity report ask
    /// for. The same SQL on both databases.
    static let demographics = Migration(
        number: 22, name: "demographics",
        statements: [
            "ALTER TABLE people ADD COLUMN stated_gender TEXT CHECK (stated_gender IN ('1', '2', '9', 'X'))",
            """
            ALTER TABLE people ADD COLUMN ethnic_category TEXT CHECK (ethnic_category IN
                ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z'))
            """,
            "ALTER TABLE people ADD COLUMN registered_practice TEXT CHECK (length(registered_practice) <= 10)",
        ])
}
