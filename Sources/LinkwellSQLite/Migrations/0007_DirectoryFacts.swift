import LinkwellStore

extension SQLiteMigrations {
    /// A narrow copy of the facts search filters on (ages, cost, organisation),
    /// one small row a service, kept by triggers. A row of `directory_services`
    /// is a whole record wide (3–4 KB), so filtering thousands of text matches
    /// by age read thousands of pages; here they sit a hundred to a page.
    /// (PostgreSQL keeps long text out of line, so its rows are narrow already:
    /// its migration 7 is recorded and changes nothing.)
    static let directoryFacts = Migration(
        number: 7, name: "directory_facts",
        statements: [
            """
            CREATE TABLE directory_facts (
                service_row INTEGER PRIMARY KEY REFERENCES directory_services(row_id) ON DELETE CASCADE,
                minimum_age REAL,
                maximum_age REAL,
                is_free INTEGER NOT NULL,
                organization_id TEXT
            ) STRICT
            """,
            """
            INSERT INTO directory_facts (service_row, minimum_age, maximum_age, is_free, organization_id)
            SELECT row_id, minimum_age, maximum_age, is_free, organization_id FROM directory_services
            """,
            """
            CREATE TRIGGER directory_facts_insert AFTER INSERT ON directory_services BEGIN
                INSERT INTO directory_facts (service_row, minimum_age, maximum_age, is_free, organization_id)
                VALUES (new.row_id, new.minimum_age, new.maximum_age, new.is_free, new.organization_id);
            END
            """,
            """
            CREATE TRIGGER directory_facts_update AFTER UPDATE OF minimum_age, maximum_age, is_free, organization_id
            ON directory_services BEGIN
                UPDATE directory_facts SET minimum_age = new.minimum_age, maximum_age = new.maximum_age,
                    is_free = new.is_free, organization_id = new.organization_id
                WHERE service_row = new.row_id;
            END
            """,
        ])
}
