import LinkwellDomain
import LinkwellStore

/// What a use case reports when it cannot do what was asked. Each maps to one
/// response at the edge: a form with messages, 403, 404, or a conflict notice.
public enum ServiceError: Error, Equatable, Sendable {
    /// The input is wrong; the messages say how, field by field.
    case invalid(ValidationFailure)
    /// The acting user may not do this.
    case forbidden
    /// No such record, or not one the acting user's organisation can see.
    case notFound
    /// The record changed since it was read; the message says what to do.
    case conflict(String)

    static func invalid(field: String, _ message: String) -> ServiceError {
        .invalid(ValidationFailure(field: field, message: message))
    }
}

extension ServiceError {
    /// Runs a store call and turns the store's errors into ones a person can act on.
    static func mappingStoreErrors<T>(
        duplicateMessages: [String: String] = [:], _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            switch error {
            case .notFound:
                throw ServiceError.notFound
            case .versionConflict:
                throw ServiceError.conflict(
                    "Someone else changed this while you were editing it. Their changes are shown below; make yours again."
                )
            case .duplicate(let field):
                throw ServiceError.invalid(field: field, duplicateMessages[field] ?? "This is already in use")
            case .invalidReference("status"):
                throw ServiceError.conflict(
                    "This referral has moved on since the page was loaded (someone else may have acted on it). The page now shows where it stands."
                )
            case .invalidReference(let field):
                throw ServiceError.invalid(field: field, "Choose one from the list")
            }
        }
    }
}
