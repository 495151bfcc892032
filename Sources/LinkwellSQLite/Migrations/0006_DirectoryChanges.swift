import LinkwellStore

extension SQLiteMigrations {
    /// The change history of directory entries edited in Linkwell, and a way
    /// to list the entries an organisation keeps up to date.
    static let directoryChanges = Migration(
        number: 6, name: "directory_changes",
        statements: [
            """
            CREATE TABLE directory_changes (
                id INTEGER PRIMARY KEY,
                service_id TEXT NOT NULL REFERENCES directory_services(id),
                version INTEGER NOT NULL,
                changed_at TEXT NOT NULL,
                actor_id TEXT REFERENCES users(id),
                actor_label TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'reviewed')),
                fields TEXT NOT NULL
            ) STRICT
            """,
            "CREATE INDEX directory_changes_by_service ON directory_changes (service_id, id)",
            "CREATE INDEX directory_services_by_maintainer ON directory_services (maintained_by, name COLLATE NOCASE, id) WHERE maintained_by IS NOT NULL",
        ])
}
