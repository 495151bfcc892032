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
        /// Empty when the option has none. Not optional: Mustache would look
        /// a missing value up in the group and show the group's hint instead.
        let optionHint: String
        let hasHint: Bool
        let checked: Bool
    }

    let name: String
    let legend: String
    let hint: String?
    let error: String?
    let options: [Option]
    let describedBy: String?

    init(
        _ name: String, legend: String, selected: String, options: [(value: String, label: String, hint: String?)],
        errors: [FieldError], hint: String? = nil
    ) {
        self.name = name
        self.legend = legend
        self.hint = hint
        self.error = errors.first { $0.field == name }?.message
        self.options = options.enumerated().map { index, option in
            Option(
                id: index == 0 ? name : "\(name)-\(index + 1)", value: option.value, label: option.label,
                optionHint: option.hint ?? "", hasHint: option.hint != nil, checked: option.value == selected)
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

    init(
        _ name: String, label: String, selected: String, options: [(value: String, label: String)],
        errors: [FieldError], hint: String? = nil
    ) {
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

/// A multi-line text box.
struct TextAreaView: Sendable {
    let id: String
    let name: String
    let label: String
    let hint: String?
    let value: String
    let error: String?
    let rows: Int
    let describedBy: String?

    init(
        _ name: String, label: String, value: String = "", errors: [FieldError] = [], hint: String? = nil, rows: Int = 4
    ) {
        id = name
        self.name = name
        self.label = label
        self.hint = hint
        self.value = value
        error = errors.first { $0.field == name }?.message
        self.rows = rows
        describedBy = describedByIDs(name, hint: hint, error: error)
    }
}

/// A date as three boxes (day, month, year), the accessible pattern. The
/// error summary links to the day box, whose name errors are reported under.
struct DateFieldView: Sendable {
    struct Part: Sendable {
        let id: String
        let name: String
        let label: String
        let value: String
        let widthClass: String
    }

    let legend: String
    let hint: String?
    let hintID: String
    let error: String?
    let errorID: String
    let parts: [Part]
    let describedBy: String?

    init(
        legend: String, names: (day: String, month: String, year: String), values: (String, String, String),
        errors: [FieldError], hint: String? = nil
    ) {
        self.legend = legend
        self.hint = hint
        hintID = "\(names.day)-hint"
        error = errors.first { $0.field == names.day }?.message
        errorID = "\(names.day)-error"
        parts = [
            Part(id: names.day, name: names.day, label: "Day", value: values.0, widthClass: "input--width-2"),
            Part(id: names.month, name: names.month, label: "Month", value: values.1, widthClass: "input--width-2"),
            Part(id: names.year, name: names.year, label: "Year", value: values.2, widthClass: "input--width-4"),
        ]
        describedBy = describedByIDs(names.day, hint: hint, error: error)
    }
}

/// Several tick boxes under one question.
struct CheckboxGroupView: Sendable {
    struct Option: Sendable {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    let name: String
    let legend: String
    let hint: String?
    let error: String?
    let options: [Option]
    let describedBy: String?
    /// Lay the options out in columns (for long lists of short labels).
    let columns: Bool

    init(
        _ name: String, legend: String, selected: [String], options: [(value: String, label: String)],
        errors: [FieldError],
        hint: String? = nil, columns: Bool = false
    ) {
        self.name = name
        self.legend = legend
        self.hint = hint
        error = errors.first { $0.field == name }?.message
        self.options = options.enumerated().map { index, option in
            Option(
                id: index == 0 ? name : "\(name)-\(index + 1)", value: option.value, label: option.label,
                checked: selected.contains(option.value))
        }
        describedBy = describedByIDs(name, hint: hint, error: error)
        self.columns = columns
    }
}
