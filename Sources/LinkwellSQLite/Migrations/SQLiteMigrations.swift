import LinkwellStore

/// The SQLite schema, one migration after another. Append only: a shipped
/// migration is never edited; a change is a new migration at the end.
/// Keep in step with `PostgresMigrations`.
enum SQLiteMigrations {
    static let all: [Migration] = [
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
