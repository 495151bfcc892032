import LinkwellStore

extension PostgresMigrations {
    /// The people an audit event names beyond its target: everyone on a
    /// list that was shown (the caseload, the inbox), so that every view of
    /// someone's data can be found; and the other organisations whose
    /// people an event showed, so it is theirs to see too. Space-separated
    /// IDs; empty for the rest.
    static let auditPeople = Migration(
        number: 19, name: "audit_people",
        statements: [
            "ALTER TABLE audit_events ADD COLUMN people text NOT NULL DEFAULT ''",
            "ALTER TABLE audit_events ADD COLUMN concerns text NOT NULL DEFAULT ''",
        ])
}
