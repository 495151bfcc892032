/// One problem with one field of some input, worded for the person who typed it.
public struct FieldError: Sendable, Hashable {
    /// The form field's name, e.g. `email`; used to link the error summary to the field.
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Input that cannot be accepted, with every problem found (not just the first),
/// so a form can show them all at once.
public struct ValidationFailure: Error, Sendable, Hashable {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        precondition(!errors.isEmpty, "A validation failure names at least one problem")
        self.errors = errors
    }

    public init(field: String, message: String) {
        self.init([FieldError(field: field, message: message)])
    }

    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Collects field errors while a whole input is checked, then throws them together.
public struct ValidationCollector: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// Runs `parse`; a `ValidationFailure` it throws is recorded under `field`
    /// and `nil` returned, so checking carries on to the next field.
    public mutating func check<T>(_ field: String, _ parse: () throws(ValidationFailure) -> T) -> T? {
        do {
            return try parse()
        } catch {
            for fieldError in error.errors {
                errors.append(FieldError(field: field, message: fieldError.message))
            }
            return nil
        }
    }

    public func throwIfAny() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
