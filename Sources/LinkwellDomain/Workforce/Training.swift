import Foundation

public typealias RequiredTrainingID = Identifier<RequiredTraining>
public typealias TrainingRecordID = Identifier<TrainingRecord>
public typealias TrainingNeedID = Identifier<TrainingNeed>

/// A training the organisation requires of its link workers, such as
/// "Safeguarding adults, level 2", renewed every so many months if at all.
public struct RequiredTraining: Hashable, Sendable, Identifiable {
    public let id: RequiredTrainingID
    public let organisationID: OrganisationID
    public let title: String
    public let renewMonths: Int?

    public init(id: RequiredTrainingID, organisationID: OrganisationID, title: String, renewMonths: Int?) {
        self.id = id
        self.organisationID = organisationID
        self.title = title
        self.renewMonths = renewMonths
    }

    public static func validate(title: String, renewMonths: String) throws(ValidationFailure) -> (
        title: String, renewMonths: Int?
    ) {
        var problems = ValidationCollector()
        let checkedTitle = problems.check("title") { () throws(ValidationFailure) in
            try Text.requiredName(title, what: "the training")
        }
        let typed = renewMonths.trimmingWhitespace()
        let months = typed.isEmpty ? nil : NumberText.whole(typed, in: 1...120)
        if !typed.isEmpty, months == nil {
            problems.add(
                "renewMonths", "Enter a number of months from 1 to 120, or leave it blank if it is never renewed")
        }
        try problems.throwIfAny()
        return (checkedTitle!, months)
    }
}

/// A course a link worker has done. The worker keeps their own records;
/// a manager sees only whether required trainings are covered.
public struct TrainingRecord: Hashable, Sendable, Identifiable {
    public let id: TrainingRecordID
    public let organisationID: OrganisationID
    public let userID: UserID
    public let course: String
    public let provider: String
    public let completedOn: CalendarDate
    public let hours: Double
    public let expiresOn: CalendarDate?
    /// The required training this counts towards, if any.
    public let requirementID: RequiredTrainingID?
    public let certificateName: String?

    public init(
        id: TrainingRecordID, organisationID: OrganisationID, userID: UserID, course: String, provider: String,
        completedOn: CalendarDate,
        hours: Double, expiresOn: CalendarDate?, requirementID: RequiredTrainingID?, certificateName: String?
    ) {
        self.id = id
        self.organisationID = organisationID
        self.userID = userID
        self.course = course
        self.provider = provider
        self.completedOn = completedOn
        self.hours = hours
        self.expiresOn = expiresOn
        self.requirementID = requirementID
        self.certificateName = certificateName
    }

    /// When it stops counting: its own expiry, else the requirement's renewal.
    public func validUntil(renewMonths: Int?) -> CalendarDate? {
        expiresOn ?? renewMonths.map { completedOn.adding(months: $0) }
    }
}

/// A certificate file kept with a training record.
public struct TrainingCertificate: Hashable, Sendable {
    public static let maximumBytes = 4 * 1024 * 1024
    /// What is accepted, by the file's first bytes (not its name or the
    /// type the browser claimed): PDF, PNG and JPEG.
    public static let kinds: [(type: String, fileExtension: String, magic: [UInt8])] = [
        ("application/pdf", "pdf", Array("%PDF-".utf8)), ("image/png", "png", [0x89, 0x50, 0x4E, 0x47]),
        ("image/jpeg", "jpg", [0xFF, 0xD8, 0xFF]),
    ]

    public let filename: String
    public let contentType: String
    public let bytes: [UInt8]

    public init(filename: String, contentType: String, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }

    /// A file as uploaded: a PDF, PNG or JPEG of at most 4 MB. It is kept
    /// under a name of Linkwell's making, "certificate-…" with the extension
    /// of what its bytes are, so that "cert.html" holding a PDF is saved and
    /// downloaded as a PDF; the name as uploaded gives only the middle part
    /// (path parts, its own extensions and odd characters dropped).
    public static func validate(filename: String, bytes: [UInt8]) throws(ValidationFailure) -> TrainingCertificate {
        guard bytes.count <= maximumBytes else {
            throw ValidationFailure(field: "certificate", message: "The certificate must be 4 MB or smaller")
        }
        guard let kind = kinds.first(where: { bytes.starts(with: $0.magic) }) else {
            throw ValidationFailure(field: "certificate", message: "The certificate must be a PDF, PNG or JPEG file")
        }
        let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let stem = base.split(separator: ".").first.map(String.init) ?? ""
        let safe = String(
            stem.unicodeScalars.filter { $0.properties.isAlphabetic || "0123456789 _-()".unicodeScalars.contains($0) }
        )
        .trimmingWhitespace()
        let middle = String(String.UnicodeScalarView(safe.unicodeScalars.prefix(80)))
        return TrainingCertificate(
            filename: "certificate" + (middle.isEmpty ? "" : "-\(middle)") + ".\(kind.fileExtension)",
            contentType: kind.type, bytes: bytes)
    }
}

/// The training record form as typed, checked whole.
public struct TrainingRecordForm: Sendable, Equatable {
    public var course = ""
    public var provider = ""
    public var day = ""
    public var month = ""
    public var year = ""
    public var hours = ""
    public var expiryDay = ""
    public var expiryMonth = ""
    public var expiryYear = ""
    public var requirementID = ""

    public init() {}

    public struct Checked: Sendable, Equatable {
        public let course: String
        public let provider: String
        public let completedOn: CalendarDate
        public let hours: Double
        public let expiresOn: CalendarDate?
        public let requirementID: RequiredTrainingID?
    }

    public func validate(requirements: [RequiredTraining], today: CalendarDate) throws(ValidationFailure) -> Checked {
        var problems = ValidationCollector()
        let course = problems.check("course") { () throws(ValidationFailure) in
            try Text.requiredName(self.course, what: "the course")
        }
        let provider = self.provider.trimmingWhitespace()
        if provider.unicodeScalars.count > 200 { problems.add("provider", "Must be 200 characters or fewer") }
        let completed = problems.check("day") { () throws(ValidationFailure) in
            try CalendarDate.parse(day: day, month: month, year: year, what: "the date you completed it")
        }
        if let completed, completed > today { problems.add("day", "The date you completed it cannot be in the future") }
        let hours = NumberText.decimal(self.hours, in: 0...500, places: 2).flatMap { $0 > 0 ? $0 : nil }
        if hours == nil { problems.add("hours", "Enter the hours, such as 3 or 7.5 (at most 500)") }
        var expiry: CalendarDate?
        if ![expiryDay, expiryMonth, expiryYear].allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
            expiry = problems.check("expiryDay") { () throws(ValidationFailure) in
                try CalendarDate.parse(day: expiryDay, month: expiryMonth, year: expiryYear, what: "the expiry date")
            }
            if let expiry, let completed, expiry <= completed {
                problems.add("expiryDay", "The expiry date must be after the date you completed it")
            }
        }
        var requirement: RequiredTrainingID?
        if !requirementID.isEmpty {
            requirement = RequiredTrainingID(requirementID).flatMap { id in
                requirements.contains { $0.id == id } ? id : nil
            }
            if requirement == nil { problems.add("requirementID", "Choose a required training from the list, or none") }
        }
        try problems.throwIfAny()
        return Checked(
            course: course!, provider: provider, completedOn: completed!, hours: hours!, expiresOn: expiry,
            requirementID: requirement)
    }
}

public enum TrainingPriority: String, Sendable, CaseIterable, Codable, Comparable {
    case high, medium, low

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (lhs: TrainingPriority, rhs: TrainingPriority) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Something a link worker wants to learn, on the list they keep.
public struct TrainingNeed: Hashable, Sendable, Identifiable {
    public let id: TrainingNeedID
    public let organisationID: OrganisationID
    public let userID: UserID
    public let skill: String
    public let priority: TrainingPriority
    public let why: String

    public init(
        id: TrainingNeedID, organisationID: OrganisationID, userID: UserID, skill: String, priority: TrainingPriority,
        why: String
    ) {
        self.id = id
        self.organisationID = organisationID
        self.userID = userID
        self.skill = skill
        self.priority = priority
        self.why = why
    }

    public static func validate(skill: String, priority: String, why: String) throws(ValidationFailure)
        -> (skill: String, priority: TrainingPriority, why: String)
    {
        var problems = ValidationCollector()
        let checkedSkill = problems.check("skill") { () throws(ValidationFailure) in
            try Text.requiredName(skill, what: "the skill")
        }
        let checkedPriority = TrainingPriority(rawValue: priority)
        if checkedPriority == nil { problems.add("priority", "Choose how much it matters") }
        let reason = why.replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if reason.unicodeScalars.count > 1000 { problems.add("why", "Keep it to 1,000 characters or fewer") }
        try problems.throwIfAny()
        return (checkedSkill!, checkedPriority!, reason)
    }
}

/// Whether one worker has a required training, as the manager sees it.
public enum TrainingCoverage: Hashable, Sendable {
    case missing
    case expired(since: CalendarDate)
    case expiresSoon(on: CalendarDate)
    case current(until: CalendarDate?)

    public static let soonDays = 60

    /// From the worker's records for this requirement: the one that lasts longest counts.
    public static func of(_ records: [TrainingRecord], requirement: RequiredTraining, today: CalendarDate)
        -> TrainingCoverage
    {
        let mine = records.filter { $0.requirementID == requirement.id }
        guard !mine.isEmpty else { return .missing }
        let untils = mine.map { $0.validUntil(renewMonths: requirement.renewMonths) }
        if untils.contains(where: { $0 == nil }) { return .current(until: nil) }
        let latest = untils.compactMap { $0 }.max()!
        if latest < today { return .expired(since: latest) }
        if today.days(until: latest) <= soonDays { return .expiresSoon(on: latest) }
        return .current(until: latest)
    }

    public var counts: Bool {
        switch self {
        case .current, .expiresSoon: true
        case .missing, .expired: false
        }
    }
}

/// The team's training needs in aggregate: how many people want each skill
/// (named alike, ignoring case and spacing), and how many of them call it
/// high priority. A skill fewer than `minimumPeople` want is counted only
/// under "Other skills", so a row never points at one or two people; the
/// skill is shown in a tidied form, not as anyone typed it.
public struct TrainingNeedSummary: Hashable, Sendable {
    public static let minimumPeople = 3
    public static let otherSkills = "Other skills"

    public let skill: String
    public let people: Int
    public let highPriority: Int

    public static func of(_ needs: [TrainingNeed], minimumPeople: Int) -> [TrainingNeedSummary] {
        let groups = Dictionary(grouping: needs) {
            $0.skill.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var rows: [TrainingNeedSummary] = []
        var other: [TrainingNeed] = []
        for (key, group) in groups {
            let people = Set(group.map(\.userID))
            guard people.count >= minimumPeople else {
                other += group
                continue
            }
            let high = Set(group.filter { $0.priority == .high }.map(\.userID))
            rows.append(
                TrainingNeedSummary(
                    skill: key.prefix(1).uppercased() + key.dropFirst(), people: people.count, highPriority: high.count)
            )
        }
        rows.sort { ($0.people, $0.highPriority, $1.skill) > ($1.people, $1.highPriority, $0.skill) }
        if !other.isEmpty {
            rows.append(
                TrainingNeedSummary(
                    skill: otherSkills, people: Set(other.map(\.userID)).count,
                    highPriority: Set(other.filter { $0.priority == .high }.map(\.userID)).count))
        }
        return rows
    }
}
