/// The errors a store throws for conditions a caller can act on. Anything else
/// (a lost connection, a full disk) is thrown as the backend's own error and
/// becomes a 500.
public enum StoreError: Error, Equatable, Sendable {
    /// The record does not exist, or exists in another organisation, which
    /// callers must not be able to tell apart.
    case notFound
    /// Someone else changed the record since it was read; `currentVersion` is
    /// what it is now.
    case versionConflict(currentVersion: Int)
    /// Another record already has this value in a field that must be unique.
    case duplicate(field: String)
    /// The change would break a rule of the data (for example, a practice of
    /// another organisation given to a user).
    case invalidReference(field: String)
}
