import LinkwellSQL
import LinkwellStore

/// The SQLite schema, one migration after another: 1–20 as shipped here
/// (never edited: `MigrationTests` fingerprints them), then the migrations
/// written once for both databases in `SQLMigrations`, where new ones go.
public enum SQLiteMigrations {
    /// Migrations 1–20 as shipped, then those written once for both databases.
    public static let all: [Migration] = shipped + SQLMigrations.all(.sqlite)

    static let shipped: [Migration] = [
        foundation,
        casework,
        directory,
        unmetNeeds,
        directoryWords,
        directoryChanges,
        directoryFacts,
        directoryGeneration,
        directoryKeys,
        connections,
        outcomes,
        workforce,
        capacity,
        training,
        leavingWithinYear,
        assignments,
        signInAttempts,
        wellbeingPublications,
        auditPeople,
        referrerOnBehalfOf,
    ]
}
