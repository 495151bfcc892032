import LinkwellStore

extension PostgresMigrations {
    /// The change history of directory entries edited in Linkwell, and a way
    /// to list the entries an organisation keeps up to date.
    static let directoryChanges = Migration(
        number: 6, name: "directory_changes",
        statements: [
            """
            CREATE TABLE directory_changes (
                id bigserial PRIMARY KEY,
                service_id text NOT NULL REFERENCES directory_services(id),
                version integer NOT NULL,
                changed_at timestamptz NOT NULL,
                actor_id uuid REFERENCES users(id),
                actor_label text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('created', 'edited', 'reviewed')),
                fields text NOT NULL
            )
            """,
            "CREATE INDEX directory_changes_by_service ON directory_changes (service_id, id)",
            "CREATE INDEX directory_services_by_maintainer ON directory_services (maintained_by, lower(name), id) WHERE maintained_by IS NOT NULL",
        ])
}
