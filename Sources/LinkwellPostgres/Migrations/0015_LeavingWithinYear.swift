import LinkwellStore

extension PostgresMigrations {
    /// A second intention-to-leave item in the wellbeing check-in: "I am
    /// likely to leave this job within the next year" (1 to 5), the horizon
    /// the 2020 link worker survey asked about.
    static let leavingWithinYear = Migration(
        number: 15, name: "leaving_within_year",
        statements: [
            """
            ALTER TABLE wellbeing_checkins ADD COLUMN likely_to_leave_within_year integer
                CHECK (likely_to_leave_within_year BETWEEN 1 AND 5)
            """
        ])
}
