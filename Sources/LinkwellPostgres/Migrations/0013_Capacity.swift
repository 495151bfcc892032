import LinkwellStore

extension PostgresMigrations {
    /// Caseload capacity: each organisation's weighted caseload ceiling and
    /// the support options it offers its workers, and each worker's hours
    /// (a worker without a row works full time at the usual intake).
    static let capacity = Migration(
        number: 13, name: "capacity",
        statements: [
            """
            ALTER TABLE organisations ADD COLUMN weighted_caseload_ceiling double precision NOT NULL DEFAULT 60
                CHECK (weighted_caseload_ceiling BETWEEN 5 AND 200)
            """,
            """
            ALTER TABLE organisations ADD COLUMN wellbeing_support text NOT NULL DEFAULT ''
                CHECK (length(wellbeing_support) <= 2000)
            """,
            """
            CREATE TABLE worker_hours (
                user_id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL,
                hours_per_week double precision NOT NULL CHECK (hours_per_week BETWEEN 1 AND 60),
                people_per_year integer NOT NULL CHECK (people_per_year BETWEEN 10 AND 1000),
                updated_at timestamptz NOT NULL,
                FOREIGN KEY (user_id, organisation_id) REFERENCES users (id, organisation_id)
            )
            """,
        ])
}
