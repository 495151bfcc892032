import Foundation

/// A directory entry as the people who keep it up to date edit it in Linkwell:
/// the fields a provider changes most (what it is, who can come, when, what it
/// costs, how to get in touch), as text typed into a form.
///
/// `applied(to:)` writes only the fields that changed into the stored ORUK
/// record, so everything a feed carried that the form does not show (places,
/// taxonomy terms, funding, a schedule's valid dates) is kept as it was.
public struct DirectoryEntryForm: Sendable, Equatable {
    public var name = ""
    public var description = ""
    /// active, inactive, defunct or temporarily closed.
    public var status = "active"
    /// A notice shown above everything else, such as "No session on 24 December".
    public var alert = ""
    public var minimumAge = ""
    public var maximumAge = ""
    /// What it costs, in words; empty when it is free.
    public var fees = ""
    public var isFree = true
    /// Names, separated by commas: "English, Polish".
    public var languages = ""
    /// One weekly session a line: "Tuesday 10:00-12:00".
    public var sessions = ""
    public var phone = ""
    public var email = ""
    public var url = ""

    public init() {}

    /// The form as it shows a stored record.
    public init(_ service: HSDS.Service) {
        name = service.name
        description = service.description ?? ""
        status = service.status
        alert = service.alert ?? ""
        minimumAge = service.minimumAge.map(Self.number) ?? ""
        maximumAge = service.maximumAge.map(Self.number) ?? ""
        let charge = (service.costOptions ?? []).first { ($0.amount ?? 0) > 0 }
        isFree = charge == nil
        fees = service.fees ?? charge.map { $0.amountDescription ?? Self.pounds($0.amount ?? 0) } ?? ""
        languages = (service.languages ?? []).compactMap { $0.name ?? $0.code }.joined(separator: ", ")
        sessions = Self.sessionLines(service.schedules ?? []).joined(separator: "\n")
        phone = service.phones?.first?.number ?? ""
        email = service.email ?? ""
        url = service.url ?? ""
    }

    public static let statuses = ["active", "temporarily closed", "inactive", "defunct"]

    /// Each field a person can change, with the label a change-history line names it by.
    public static let labels: [(field: String, label: String)] = [
        ("name", "Name"), ("description", "Description"), ("status", "Status"), ("alert", "Notice"),
        ("minimumAge", "Youngest age"), ("maximumAge", "Oldest age"), ("fees", "Cost"), ("isFree", "Free"),
        ("languages", "Languages"), ("sessions", "Sessions"), ("phone", "Phone"), ("email", "Email"),
        ("url", "Website"),
    ]

    func value(of field: String) -> String {
        switch field {
        case "name": name
        case "description": description
        case "status": status
        case "alert": alert
        case "minimumAge": minimumAge
        case "maximumAge": maximumAge
        case "fees": fees
        case "isFree": isFree ? "yes" : "no"
        case "languages": languages
        case "sessions": sessions
        case "phone": phone
        case "email": email
        case "url": url
        default: ""
        }
    }

    /// What differs between two versions of the form, field by field, in the
    /// order the form shows them; surrounding spaces do not count.
    public static func changes(from old: DirectoryEntryForm, to new: DirectoryEntryForm) -> [DirectoryFieldChange] {
        labels.compactMap { field, label in
            let before = old.value(of: field).trimmingCharacters(in: .whitespacesAndNewlines)
            let after = new.value(of: field).trimmingCharacters(in: .whitespacesAndNewlines)
            return before == after ? nil : DirectoryFieldChange(field: label, before: before, after: after)
        }
    }

    /// The stored record with this form's changes written in. Every problem
    /// is reported at once, by field name; the result also passes the ORUK
    /// checks every imported record passes.
    public func applied(to original: HSDS.Service) throws(ValidationFailure) -> HSDS.Service {
        let before = DirectoryEntryForm(original)
        var problems = ValidationCollector()
        var service = original

        let name = name.trimmed
        if name.isEmpty { problems.add("name", "Enter the service's name") }
        if name.count > 200 { problems.add("name", "Keep the name to 200 characters or fewer") }
        let description = description.trimmed
        if description.isEmpty { problems.add("description", "Describe the service in a sentence or two") }
        if !Self.statuses.contains(status) { problems.add("status", "Choose whether the service is running") }
        let minimum = problems.check("minimumAge") { () throws(ValidationFailure) in
            try Self.age(minimumAge, field: "minimumAge")
        }
        let maximum = problems.check("maximumAge") { () throws(ValidationFailure) in
            try Self.age(maximumAge, field: "maximumAge")
        }
        if let low = minimum ?? nil, let high = maximum ?? nil, low > high {
            problems.add("maximumAge", "The oldest age must be at least the youngest")
        }
        let costChanged = isFree != before.isFree || fees.trimmed != before.fees
        let amount = Self.amount(in: fees)
        if costChanged && !isFree && amount == nil {
            problems.add("fees", "Say what it costs, with the price, like £3 a session; or tick that it is free")
        }
        let email = email.trimmed
        if !email.isEmpty, !DirectoryValidation.isEmail(email) {
            problems.add("email", "Enter an email address like groups@example.org")
        }
        let url = url.trimmed
        if !url.isEmpty, !DirectoryValidation.isWebAddress(url) {
            problems.add("url", "Enter a web address starting https://")
        }
        let phone = phone.trimmed
        if !phone.isEmpty, phone.filter(\.isNumber).count < 10 {
            problems.add("phone", "Enter a phone number with its area code")
        }
        let schedules = problems.check("sessions") { () throws(ValidationFailure) in
            try Self.schedules(sessions, serviceID: original.id)
        }
        if !problems.errors.isEmpty { throw ValidationFailure(problems.errors) }

        service.name = name
        service.description = description
        service.status = status
        service.alert = alert.trimmed.nilIfEmpty
        if minimumAge.trimmed != before.minimumAge { service.minimumAge = minimum ?? nil }
        if maximumAge.trimmed != before.maximumAge { service.maximumAge = maximum ?? nil }
        if costChanged {
            service.fees = fees.trimmed.nilIfEmpty
            if isFree {
                service.costOptions = service.costOptions.map {
                    $0.map {
                        var free = $0; free.amount = 0; return free
                    }
                }
            } else {
                // What the form says replaces the charges the record had.
                var charge = HSDS.CostOption(id: Self.derivedID(original.id, "cost"))
                charge.serviceId = original.id
                charge.option = "Session"
                charge.amount = amount
                charge.amountDescription = fees.trimmed
                service.costOptions = [charge]
            }
        }
        if languages.trimmed != before.languages {
            let names = languages.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
            service.languages =
                names.isEmpty
                ? nil
                : names.map { name in
                    var language = HSDS.Language(id: Self.derivedID(original.id, "language " + name.lowercased()))
                    language.serviceId = original.id
                    language.name = name
                    return language
                }
        }
        if sessions.trimmed != before.sessions, let schedules {
            service.schedules = schedules.isEmpty ? nil : schedules
        }
        if phone != before.phone {
            if phone.isEmpty {
                service.phones = nil
            } else {
                var phones = service.phones ?? []
                if phones.isEmpty {
                    phones = [HSDS.Phone(id: Self.derivedID(original.id, "phone"), number: phone)]
                } else {
                    phones[0].number = phone
                }
                service.phones = phones
            }
        }
        service.email = email.nilIfEmpty
        service.url = url.nilIfEmpty
        do {
            try DirectoryValidation.check(service)
        } catch {
            throw ValidationFailure(
                field: "name",
                message: "This entry cannot be saved as Open Referral: "
                    + error.errors.map(\.message).joined(separator: "; "))
        }
        return service
    }

    // MARK: Parsing

    static func age(_ text: String, field: String) throws(ValidationFailure) -> Double? {
        let text = text.trimmed
        if text.isEmpty { return nil }
        guard let age = NumberText.whole(text, in: 0...120) else {
            throw ValidationFailure(field: field, message: "Enter an age in whole years, from 0 to 120")
        }
        return Double(age)
    }

    /// "Tuesday 10:00-12:00" lines as weekly schedules. A day may be a list
    /// ("Mon, Thu"); times are 24-hour; the closing time is optional.
    static func schedules(_ text: String, serviceID: String) throws(ValidationFailure) -> [HSDS.Schedule] {
        var schedules: [HSDS.Schedule] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).map({ String($0).trimmed }).enumerated()
        where !line.isEmpty {
            let times = line.split(whereSeparator: { $0.isWhitespace }).filter { $0.first?.isNumber ?? false }.joined()
            let dayText = line.split(whereSeparator: { $0.isWhitespace }).filter { !($0.first?.isNumber ?? false) }
                .joined(separator: " ")
            guard let days = DirectoryDay.parseList(dayText.replacingOccurrences(of: " ", with: "")) else {
                throw ValidationFailure(
                    field: "sessions", message: "Line \(number + 1): start with a day, like \"Tuesday 10:00-12:00\"")
            }
            let parts = times.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard !times.isEmpty, parts.count <= 2, let opens = Self.time(parts[0]) else {
                throw ValidationFailure(
                    field: "sessions",
                    message: "Line \(number + 1): give the time it starts, like \"Tuesday 10:00-12:00\"")
            }
            let closes = parts.count == 2 ? Self.time(parts[1]) : nil
            if parts.count == 2 && closes == nil || (closes.map { $0 <= opens } ?? false) {
                throw ValidationFailure(
                    field: "sessions", message: "Line \(number + 1): the finishing time must be a time after the start")
            }
            var schedule = HSDS.Schedule(id: Self.derivedID(serviceID, "session \(line.lowercased())"))
            schedule.serviceId = serviceID
            schedule.freq = "WEEKLY"
            schedule.byday = days.map(\.code).joined(separator: ",")
            schedule.opensAt = Self.clock(opens)
            schedule.closesAt = closes.map(Self.clock)
            schedule.description = line
            schedules.append(schedule)
        }
        return schedules
    }

    /// Minutes after midnight from "10:00", "10.30" or "9".
    static func time(_ text: String) -> Int? {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
        guard (1...2).contains(parts.count), let hours = NumberText.whole(parts[0], in: 0...23) else { return nil }
        let minutes = parts.count == 2 ? NumberText.whole(parts[1], in: 0...59) : 0
        guard let minutes else { return nil }
        return hours * 60 + minutes
    }

    /// The first price in a cost description: "£3 a session" is 3, "£2.50" is 2.5.
    static func amount(in text: String) -> Double? {
        let characters = Array(text)
        guard let start = characters.firstIndex(where: \.isASCIIDigit) else { return nil }
        let number = String(characters[start...].prefix { $0.isASCIIDigit || $0 == "." })
        return NumberText.decimal(
            number.hasSuffix(".") ? String(number.dropLast()) : number, in: 0...DirectoryValidation.maximumAmount,
            places: 2)
    }

    static func pounds(_ amount: Double) -> String {
        amount == amount.rounded() && abs(amount) < 1e15 ? "£\(Int(amount))" : String(format: "£%.2f", amount)
    }

    static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d:00", minutes / 60, minutes % 60) }

    static func sessionLines(_ schedules: [HSDS.Schedule]) -> [String] {
        schedules.compactMap { schedule in
            guard let days = schedule.byday.flatMap(DirectoryDay.parseList),
                let opens = schedule.opensAt.flatMap(DirectoryValidation.minutes(ofTime:))
            else { return schedule.description }
            let closes = schedule.closesAt.flatMap(DirectoryValidation.minutes(ofTime:))
            let short = { (minutes: Int) in String(format: "%02d:%02d", minutes / 60, minutes % 60) }
            return days.map(\.name).joined(separator: ", ") + " " + short(opens)
                + (closes.map { "-" + short($0) } ?? "")
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A stable UUID for a part of a service, so that saving the same form
    /// twice writes the same record (and counts as unchanged).
    public static func derivedID(_ serviceID: String, _ part: String) -> String {
        StableUUID.make(from: serviceID + "/" + part)
    }
}

/// One field's change, as the change history shows it.
public struct DirectoryFieldChange: Sendable, Equatable, Codable {
    public let field: String
    public let before: String
    public let after: String

    public init(field: String, before: String, after: String) {
        self.field = field
        self.before = before
        self.after = after
    }
}

extension String {
    fileprivate var trimmed: String { trimmingWhitespace() }
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
