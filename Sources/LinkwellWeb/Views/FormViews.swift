import LinkwellDomain

/// A text input as the templates draw it: label, optional hint, the error
/// message beside it, and the value the person typed (kept when the form
/// comes back with errors).
struct TextFieldView: Sendable {
    let id: String
    let name: String
    let label: String
    let hint: String?
    let value: String
    let error: String?
    let type: String
    let autocomplete: String?
    /// A CSS class that sizes the box to the expected answer.
    let widthClass: String
    let spellcheck: Bool
    /// The IDs of the hint and error, for `aria-describedby`.
    let describedBy: String?

    init(
        _ name: String, label: String, value: String = "", errors: [FieldError] = [], hint: String? = nil,
        type: String = "text", autocomplete: String? = nil, widthClass: String = "input--width-30",
        spellcheck: Bool = true
    ) {
        id = name
        self.name = name
        self.label = label
        self.hint = hint
        self.value = value
        self.error = errors.first { $0.field == name }?.message
        self.type = type
        self.autocomplete = autocomplete
        self.widthClass = widthClass
        self.spellcheck = spellcheck
        describedBy = describedByIDs(name, hint: hint, error: error)
    }
}

/// A set of radio buttons in a fieldset. The first option's element ID is the
/// field's name, so the error summary's link lands on it.
struct RadioGroupView: Sendable {
    struct Option: Sendable {
        let id: String
        let value: String
        let label: String
        let hint: String?
        let checked: Bool
    }

    let name: String
    let legend: String
    let hint: String?
    let error: String?
    let options: [Option]
    let describedBy: String?

    init(_ name: String, legend: String, selected: String, options: [(value: String, label: String, hint: String?)], errors: [FieldError], hint: String? = nil) {
        self.name = name
        self.legend = legend
        self.hint = hint
        self.error = errors.first { $0.field == name }?.message
        self.options = options.enumerated().map { index, option in
            Option(
                id: index == 0 ? name : "\(name)-\(index + 1)", value: option.value, label: option.label,
                hint: option.hint, checked: option.value == selected)
        }
        describedBy = describedByIDs(name, hint: hint, error: error)
    }
}

/// A drop-down list, for choices too many for radio buttons.
struct SelectView: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let id: String
    let name: String
    let label: String
    let hint: String?
    let error: String?
    let options: [Option]
    let describedBy: String?

    init(_ name: String, label: String, selected: String, options: [(value: String, label: String)], errors: [FieldError], hint: String? = nil) {
        id = name
        self.name = name
        self.label = label
        self.hint = hint
        self.error = errors.first { $0.field == name }?.message
        self.options = options.map { Option(value: $0.value, label: $0.label, selected: $0.value == selected) }
        describedBy = describedByIDs(name, hint: hint, error: error)
    }
}

/// The IDs of a field's hint and error message, for `aria-describedby`, so a
/// screen reader reads them with the field.
private func describedByIDs(_ id: String, hint: String?, error: String?) -> String? {
    let ids = [hint == nil ? nil : "\(id)-hint", error == nil ? nil : "\(id)-error"].compactMap { $0 }
    return ids.isEmpty ? nil : ids.joined(separator: " ")
}
