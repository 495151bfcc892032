import LinkwellStore

extension PostgresMigrations {
    /// Every word the directory's searchable text uses, unstemmed, so that a
    /// misspelt search word can be matched to the words that are there.
    /// Filled as services are saved (entries saved before this migration gain
    /// their words when next imported or edited).
    static let directoryWords = Migration(
        number: 5, name: "directory_words",
        statements: [
            "CREATE TABLE directory_words (word text PRIMARY KEY NOT NULL)"
        ])
}
