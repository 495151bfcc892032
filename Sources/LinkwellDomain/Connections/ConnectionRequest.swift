import Foundation

/// How a link worker connects a person to a service.
public enum ConnectionKind: String, Sendable, CaseIterable, Codable {
    /// Information given to the person, who gets in touch themselves. Nothing
    /// of theirs goes to the provider.
    case signposting
    /// The link worker introduces the person to the provider (a call, an
    /// email, going along the first time), sharing what the person agreed to.
    case warmIntroduction = "warm-introduction"
    /// A formal referral the provider accepts or declines, with a deadline.
    case formalReferral = "formal-referral"

    public var label: String {
        switch self {
        case .signposting: "Signposting"
        case .warmIntroduction: "Warm introduction"
        case .formalReferral: "Formal referral"
        }
    }

    /// Whether the provider is asked to answer (accept or decline), so that the
    /// loop is closed by them; a signposting is followed up by the link worker.
    public var awaitsProvider: Bool { self == .formalReferral }

    /// Whether anything of the person's may go to the provider.
    public var sharesData: Bool { self != .signposting }
}

/// The items of a person's record they may agree to share with a provider;
/// a provider sees these and nothing else.
public enum SharedItem: String, Sendable, CaseIterable, Codable, Comparable {
    case name, contactDetails = "contact-details", dateOfBirth = "date-of-birth", address
    case whatMatters = "what-matters", needs, accessNeeds = "access-needs"

    public var label: String {
        switch self {
        case .name: "Name"
        case .contactDetails: "Phone and email"
        case .dateOfBirth: "Date of birth"
        case .address: "Address"
        case .whatMatters: "What matters to them"
        case .needs: "Their needs"
        case .accessNeeds: "Access and communication needs"
        }
    }

    public static func < (a: SharedItem, b: SharedItem) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A connection as the link worker asks for it, before it is checked.
public struct ConnectionRequestForm: Sendable, Equatable {
    public var kind = ""
    /// The raw values of the `SharedItem`s ticked.
    public var shared: [String] = []
    /// Ticked when the person has agreed to share the items named.
    public var consent = false
    public var note = ""

    public init(kind: String = "", shared: [String] = [], consent: Bool = false, note: String = "") {
        self.kind = kind
        self.shared = shared
        self.consent = consent
        self.note = note
    }

    /// The kind, the items to share and the note, or every problem with them.
    /// Nothing is shared without the person's consent, and a provider asked
    /// to answer must at least know whom it is answering about.
    public func validate() throws(ValidationFailure) -> (kind: ConnectionKind, shared: [SharedItem], note: String) {
        var problems = ValidationCollector()
        let kind = ConnectionKind(rawValue: self.kind)
        if kind == nil { problems.add("kind", "Choose how you are connecting them") }
        var items: [SharedItem] = []
        for raw in shared {
            if let item = SharedItem(rawValue: raw) {
                if !items.contains(item) { items.append(item) }
            } else {
                problems.add("shared", "Choose only from the items listed")
            }
        }
        items.sort()
        // Browsers send a textarea's line breaks as CRLF; keep one character
        // each, and count as the database does (in Unicode scalars).
        let note = self.note.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(
            in: .whitespacesAndNewlines)
        if let kind {
            if !kind.sharesData, !items.isEmpty {
                problems.add(
                    "shared",
                    "A signposting shares nothing with the provider: untick the items, or choose a warm introduction")
            }
            if kind == .formalReferral, !items.contains(.name) || !items.contains(.contactDetails) {
                problems.add("shared", "A referral needs at least their name and how to contact them")
            }
            if kind.sharesData, !items.isEmpty, !consent {
                problems.add("consent", "Confirm they have agreed to share these items, or share nothing")
            } else if kind.sharesData, !note.isEmpty, !consent {
                // The note goes to the provider too.
                problems.add("consent", "Confirm they have agreed to the provider reading the note, or leave it empty")
            }
        }
        if note.unicodeScalars.count > 2000 { problems.add("note", "Keep the note to 2,000 characters or fewer") }
        try problems.throwIfAny()
        return (kind!, items, note)
    }
}
