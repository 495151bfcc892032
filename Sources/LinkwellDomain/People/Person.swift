import Foundation

public typealias PersonID = Identifier<Person>

/// Someone referred for social prescribing: the "demographics" part of the
/// national information standard. One record per person per organisation,
/// however many times they are referred.
public struct Person: Hashable, Sendable, Identifiable {
    public let id: PersonID
    public let organisationID: OrganisationID
    public var details: PersonDetails
    public let createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: PersonID, organisationID: OrganisationID, details: PersonDetails, createdAt: Date, updatedAt: Date,
        version: Int
    ) {
        self.id = id
        self.organisationID = organisationID
        self.details = details
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    public var name: String { details.name }
}

/// How someone prefers to be contacted.
public enum ContactMethod: String, Sendable, CaseIterable, Codable {
    case phone, text, email, letter
    case inPerson = "in_person"

    public var label: String {
        switch self {
        case .phone: "Phone call"
        case .text: "Text message"
        case .email: "Email"
        case .letter: "Letter"
        case .inPerson: "In person"
        }
    }
}

/// Who a person is and how to reach them, as typed and checked.
public struct PersonDetails: Hashable, Sendable, Codable {
    public var name: String
    /// What they like to be called, if not their full name.
    public var preferredName: String?
    public var dateOfBirth: CalendarDate
    public var nhsNumber: NHSNumber?
    /// Address lines, one per line, without the postcode.
    public var address: String
    public var postcode: Postcode?
    public var phone: PhoneNumber?
    public var email: EmailAddress?
    public var preferredContact: ContactMethod
    /// When they can be contacted, in their words ("weekday mornings").
    public var contactTimes: String
    public var language: String
    public var interpreterNeeded: Bool
    /// Set when there is a risk to the person or to staff (e.g. lone visits);
    /// the note says what. Shown at the top of every page about them.
    public var riskFlag: String?
    public var safeguardingFlag: String?
    /// Optional, as the person states them; nil: not recorded.
    public var statedGender: StatedGender?
    public var ethnicCategory: EthnicCategory?
    /// The GP practice they are registered with (one of the organisation's
    /// practices), by ODS code; nil: not recorded.
    public var registeredPractice: ODSCode?

    public init(
        name: String, preferredName: String? = nil, dateOfBirth: CalendarDate, nhsNumber: NHSNumber? = nil,
        address: String = "", postcode: Postcode? = nil, phone: PhoneNumber? = nil, email: EmailAddress? = nil,
        preferredContact: ContactMethod = .phone, contactTimes: String = "", language: String = "English",
        interpreterNeeded: Bool = false, riskFlag: String? = nil, safeguardingFlag: String? = nil,
        statedGender: StatedGender? = nil, ethnicCategory: EthnicCategory? = nil, registeredPractice: ODSCode? = nil
    ) {
        self.name = name
        self.preferredName = preferredName
        self.dateOfBirth = dateOfBirth
        self.nhsNumber = nhsNumber
        self.address = address
        self.postcode = postcode
        self.phone = phone
        self.email = email
        self.preferredContact = preferredContact
        self.contactTimes = contactTimes
        self.language = language
        self.interpreterNeeded = interpreterNeeded
        self.riskFlag = riskFlag
        self.safeguardingFlag = safeguardingFlag
        self.statedGender = statedGender
        self.ethnicCategory = ethnicCategory
        self.registeredPractice = registeredPractice
    }

    /// The name to greet them by.
    public var knownAs: String { preferredName ?? name.split(separator: " ").first.map(String.init) ?? name }
}

/// The person-details part of a form, exactly as typed.
public struct PersonForm: Sendable, Equatable {
    public var name = ""
    public var preferredName = ""
    public var birthDay = ""
    public var birthMonth = ""
    public var birthYear = ""
    public var nhsNumber = ""
    public var address = ""
    public var postcode = ""
    public var phone = ""
    public var email = ""
    public var preferredContact = ""
    public var contactTimes = ""
    public var language = ""
    public var interpreterNeeded = false
    public var riskFlag = ""
    public var safeguardingFlag = ""
    /// Codes as chosen; empty for "not recorded".
    public var statedGender = ""
    public var ethnicCategory = ""
    public var registeredPractice = ""

    public init() {}

    public init(_ details: PersonDetails) {
        name = details.name
        preferredName = details.preferredName ?? ""
        birthDay = String(details.dateOfBirth.day)
        birthMonth = String(details.dateOfBirth.month)
        birthYear = String(details.dateOfBirth.year)
        nhsNumber = details.nhsNumber?.formatted ?? ""
        address = details.address
        postcode = details.postcode?.value ?? ""
        phone = details.phone?.formatted ?? ""
        email = details.email?.value ?? ""
        preferredContact = details.preferredContact.rawValue
        contactTimes = details.contactTimes
        language = details.language
        interpreterNeeded = details.interpreterNeeded
        riskFlag = details.riskFlag ?? ""
        safeguardingFlag = details.safeguardingFlag ?? ""
        statedGender = details.statedGender?.rawValue ?? ""
        ethnicCategory = details.ethnicCategory?.rawValue ?? ""
        registeredPractice = details.registeredPractice?.value ?? ""
    }

    /// Checks every field; reports every problem. A way to contact the person
    /// is required: a phone number, an email address or a postal address.
    public func validate(today: CalendarDate) throws(ValidationFailure) -> PersonDetails {
        var collector = ValidationCollector()
        let name = collector.check("name") { () throws(ValidationFailure) in
            try Text.requiredName(self.name, what: "the person's full name")
        }
        let dateOfBirth = collector.check("birthDay") { () throws(ValidationFailure) in
            try CalendarDate.parse(day: birthDay, month: birthMonth, year: birthYear, what: "date of birth")
        }
        if let dateOfBirth {
            if dateOfBirth > today {
                collector.add("birthDay", "Date of birth must be in the past")
            } else if dateOfBirth.age(on: today) > 120 {
                collector.add("birthDay", "Date of birth must be within the last 120 years")
            }
        }
        let nhs: NHSNumber? =
            nhsNumber.trimmingWhitespace().isEmpty
            ? nil
            : collector.check("nhsNumber") { () throws(ValidationFailure) in try NHSNumber(nhsNumber) }
        let postcode: Postcode? =
            self.postcode.trimmingWhitespace().isEmpty
            ? nil
            : collector.check("postcode") { () throws(ValidationFailure) in try Postcode(self.postcode) }
        let phone: PhoneNumber? =
            self.phone.trimmingWhitespace().isEmpty
            ? nil
            : collector.check("phone") { () throws(ValidationFailure) in try PhoneNumber(self.phone) }
        let email: EmailAddress? =
            self.email.trimmingWhitespace().isEmpty
            ? nil
            : collector.check("email") { () throws(ValidationFailure) in try EmailAddress(self.email) }
        let method = ContactMethod(rawValue: preferredContact)
        if method == nil { collector.add("preferredContact", "Select how they prefer to be contacted") }
        let address = self.address.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }.joined(separator: "\n")
        if self.phone.trimmingWhitespace().isEmpty && self.email.trimmingWhitespace().isEmpty && address.isEmpty {
            collector.add(
                "phone", "Enter at least one way to contact them: a phone number, an email address or an address")
        }
        switch method {
        case .phone?, .text?:
            if self.phone.trimmingWhitespace().isEmpty {
                collector.add("phone", "Enter a phone number, as they prefer \(method!.label.lowercased())s")
            }
        case .email?:
            if self.email.trimmingWhitespace().isEmpty {
                collector.add("email", "Enter an email address, as they prefer email")
            }
        case .letter?:
            if address.isEmpty || self.postcode.trimmingWhitespace().isEmpty {
                collector.add("address", "Enter their address and postcode, as they prefer letters")
            }
        default: break
        }
        if address.count > 500 { collector.add("address", "Address must be 500 characters or fewer") }
        func optionalText(_ text: String, field: String, limit: Int) -> String? {
            let trimmed = text.trimmingWhitespace()
            if trimmed.count > limit { collector.add(field, "Must be \(limit) characters or fewer") }
            return trimmed.isEmpty ? nil : trimmed
        }
        let preferred = optionalText(preferredName, field: "preferredName", limit: 100)
        let times = optionalText(contactTimes, field: "contactTimes", limit: 200) ?? ""
        let language = optionalText(self.language, field: "language", limit: 60) ?? "English"
        let risk = optionalText(riskFlag, field: "riskFlag", limit: 500)
        let safeguarding = optionalText(safeguardingFlag, field: "safeguardingFlag", limit: 500)
        let gender = StatedGender(rawValue: statedGender)
        if gender == nil, !statedGender.isEmpty { collector.add("statedGender", "Choose a gender from the list") }
        let ethnicity = EthnicCategory(rawValue: ethnicCategory)
        if ethnicity == nil, !ethnicCategory.isEmpty {
            collector.add("ethnicCategory", "Choose an ethnic group from the list")
        }
        let practice: ODSCode? =
            registeredPractice.trimmingWhitespace().isEmpty
            ? nil
            : collector.check("registeredPractice") { () throws(ValidationFailure) in
                try ODSCode(registeredPractice, kind: .gpPractice)
            }
        try collector.throwIfAny()
        return PersonDetails(
            name: name!, preferredName: preferred, dateOfBirth: dateOfBirth!, nhsNumber: nhs, address: address,
            postcode: postcode, phone: phone, email: email, preferredContact: method!, contactTimes: times,
            language: language, interpreterNeeded: interpreterNeeded, riskFlag: risk, safeguardingFlag: safeguarding,
            statedGender: gender, ethnicCategory: ethnicity, registeredPractice: practice)
    }
}
