import Foundation

/// Checks a directory record before it is stored, so that everything Linkwell
/// serves validates against the ORUK 3.0 schemas (formats included) and makes
/// sense to the people reading it.
///
/// Problems are named by the record's JSON path, such as `schedules[0].opens_at`,
/// so an import can say exactly what was wrong with which record.
public enum DirectoryValidation {
    /// The most a cost option may say, in pounds: far above any session's
    /// price, and small enough that every later sum or display is exact.
    public static let maximumAmount = 100_000.0

    public static let statuses: Set<String> = ["active", "inactive", "defunct", "temporarily closed"]
    static let locationTypes: Set<String> = ["physical", "postal", "virtual"]

    public static func check(_ service: HSDS.Service) throws(ValidationFailure) {
        var problems = Problems()
        problems.uuid(service.id, "id")
        problems.text(service.name, "name")
        problems.text(
            service.description ?? "", "description", message: "is missing: every service needs a description")
        if !statuses.contains(service.status) {
            problems.add(
                "status", "must be one of active, inactive, defunct, temporarily closed (was \"\(service.status)\")")
        }
        problems.optionalUUID(service.organizationId, "organization_id")
        problems.url(service.url, "url")
        problems.email(service.email, "email")
        problems.email(service.assurerEmail, "assurer_email")
        problems.dateTime(service.lastModified, "last_modified")
        problems.date(service.assuredDate, "assured_date")
        for (field, age) in [("minimum_age", service.minimumAge), ("maximum_age", service.maximumAge)] {
            if let age, !(0...130).contains(age) { problems.add(field, "must be an age between 0 and 130") }
        }
        if let minimum = service.minimumAge, let maximum = service.maximumAge, minimum > maximum {
            problems.add("maximum_age", "is below minimum_age")
        }
        if let organization = service.organization {
            problems.organization(organization, "organization")
            if let id = service.organizationId, id != organization.id {
                problems.add("organization_id", "does not match organization.id")
            }
        }
        for (index, schedule) in (service.schedules ?? []).enumerated() {
            problems.schedule(schedule, "schedules[\(index)]")
        }
        for (index, place) in (service.serviceAtLocations ?? []).enumerated() {
            let path = "service_at_locations[\(index)]"
            problems.uuid(place.id, "\(path).id")
            if let location = place.location { problems.location(location, "\(path).location") }
            for (number, schedule) in (place.schedules ?? []).enumerated() {
                problems.schedule(schedule, "\(path).schedules[\(number)]")
            }
            problems.attributes(place.attributes, "\(path).attributes")
        }
        for (index, area) in (service.serviceAreas ?? []).enumerated() {
            problems.uuid(area.id, "service_areas[\(index)].id")
        }
        for (index, language) in (service.languages ?? []).enumerated() {
            problems.uuid(language.id, "languages[\(index)].id")
        }
        for (index, funding) in (service.funding ?? []).enumerated() {
            problems.uuid(funding.id, "funding[\(index)].id")
        }
        for (index, option) in (service.costOptions ?? []).enumerated() {
            problems.uuid(option.id, "cost_options[\(index)].id")
            if let amount = option.amount, !(0...DirectoryValidation.maximumAmount).contains(amount) {
                problems.add(
                    "cost_options[\(index)].amount", "must be from 0 to \(Int(DirectoryValidation.maximumAmount))")
            }
        }
        for (index, contact) in (service.contacts ?? []).enumerated() {
            let path = "contacts[\(index)]"
            problems.uuid(contact.id, "\(path).id")
            problems.email(contact.email, "\(path).email")
            problems.phones(contact.phones, "\(path).phones")
            problems.attributes(contact.attributes, "\(path).attributes")
        }
        problems.phones(service.phones, "phones")
        problems.attributes(service.attributes, "attributes")
        try problems.throwIfAny()
    }

    public static func check(_ term: HSDS.TaxonomyTerm, _ path: String = "taxonomy_term") throws(ValidationFailure) {
        var problems = Problems()
        problems.term(term, path)
        try problems.throwIfAny()
    }

    /// "10:00", "10:00:00" or "10:00:00Z" (the forms feeds use), as minutes after midnight.
    public static func minutes(ofTime text: String) -> Int? {
        var text = Substring(text)
        if text.hasSuffix("Z") { text = text.dropLast() }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...24).contains(hours),
            (0...59).contains(minutes),
            parts.count == 2 || Int(parts[2]).map({ (0...59).contains($0) }) == true
        else { return nil }
        return hours * 60 + minutes
    }

    /// An address a person could send email to.
    public static func isEmail(_ text: String) -> Bool {
        (try? EmailAddress(text)) != nil
    }

    /// A web address people can open: http or https, with a host.
    public static func isWebAddress(_ text: String) -> Bool {
        guard isURI(text), let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return ["http", "https"].contains(scheme) && !(url.host ?? "").isEmpty
    }

    /// 8-4-4-4-12 hexadecimal digits, either case: what `UUID(uuidString:)`
    /// takes, checked byte by byte (Foundation's parser calls sscanf, which
    /// was a second of every 100,000-service import).
    static func isUUID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 8, 13, 18, 23: guard byte == UInt8(ascii: "-") else { return false }
            default:
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                    UInt8(ascii: "A")...UInt8(ascii: "F"):
                    continue
                default: return false
                }
            }
        }
        return true
    }

    /// Enough of RFC 3986 to refuse what a schema's "uri" format refuses: a
    /// scheme, then something after it, and no spaces.
    static func isURI(_ text: String) -> Bool {
        if let answer = isASCIIURI(text) { return answer }
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
            text.index(after: colon) != text.endIndex,
            !text.contains(where: { $0.isWhitespace || "<>\"{}|\\^`".contains($0) })
        else { return false }
        return true
    }

    /// `isURI` byte by byte for ASCII text (nearly every address); nil for
    /// other text, which the Character-based check handles. An import checks
    /// several addresses in each of 100,000 records.
    static func isASCIIURI(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            var colon: Int?
            for (index, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                if colon == nil, byte == UInt8(ascii: ":") { colon = index }
            }
            guard let colon, colon > 0, colon + 1 < bytes.count else { return false }
            func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
            guard isLetter(bytes[0]),
                bytes[..<colon].allSatisfy({
                    isLetter($0) || (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E
                })
            else { return false }
            let refused: Set<UInt8> = [
                0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5C, 0x5E, 0x60,
            ]
            return !bytes.contains(where: refused.contains)
        }
    }

    static func isDate(_ text: String) -> Bool {
        CalendarDate(iso: text) != nil
    }

    /// RFC 3339 date-time, as JSON Schema's "date-time" format wants: a date,
    /// "T", a time with seconds, optional fractions, and a zone.
    static func isDateTime(_ text: String) -> Bool {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, isDate(String(parts[0])) else { return false }
        var time = parts[1]
        if time.hasSuffix("Z") || time.hasSuffix("z") {
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = time[time.index(after: sign)...]
            guard zone.count == 5, minutes(ofTime: String(zone)) != nil else { return false }
            time = time[..<sign]
        } else {
            return false
        }
        let whole = time.split(separator: ".", maxSplits: 1)
        guard whole[0].count == 8, minutes(ofTime: String(whole[0])) != nil else { return false }
        return whole.count == 1 || (!whole[1].isEmpty && whole[1].allSatisfy(\.isNumber))
    }
}

/// Problems found so far, each as "path: message".
private struct Problems {
    var errors: [FieldError] = []

    mutating func add(_ path: String, _ message: String) {
        errors.append(FieldError(field: path, message: message))
    }

    func throwIfAny() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    mutating func uuid(_ text: String, _ path: String) {
        if !DirectoryValidation.isUUID(text) { add(path, "must be a UUID (was \"\(text.prefix(60))\")") }
    }

    mutating func optionalUUID(_ text: String?, _ path: String) {
        if let text { uuid(text, path) }
    }

    mutating func text(_ text: String, _ path: String, message: String = "is missing") {
        if text.allSatisfy(\.isWhitespace) { add(path, message) }
    }

    mutating func url(_ text: String?, _ path: String) {
        if let text, !DirectoryValidation.isURI(text) {
            add(path, "must be a web address such as https://example.org (was \"\(text.prefix(80))\")")
        }
    }

    mutating func email(_ text: String?, _ path: String) {
        if let text, (try? EmailAddress(text)) == nil {
            add(path, "must be an email address (was \"\(text.prefix(80))\")")
        }
    }

    mutating func date(_ text: String?, _ path: String) {
        if let text, !DirectoryValidation.isDate(text) {
            add(path, "must be a date such as 2026-03-31 (was \"\(text.prefix(40))\")")
        }
    }

    mutating func dateTime(_ text: String?, _ path: String) {
        if let text, !DirectoryValidation.isDateTime(text) {
            add(path, "must be a date and time such as 2026-03-31T09:30:00Z (was \"\(text.prefix(40))\")")
        }
    }

    mutating func organization(_ organization: HSDS.Organization, _ path: String) {
        uuid(organization.id, "\(path).id")
        text(organization.name, "\(path).name")
        email(organization.email, "\(path).email")
        url(organization.website, "\(path).website")
        url(organization.uri, "\(path).uri")
        optionalUUID(organization.parentOrganizationId, "\(path).parent_organization_id")
        for (index, identifier) in (organization.organizationIdentifiers ?? []).enumerated() {
            uuid(identifier.id, "\(path).organization_identifiers[\(index)].id")
        }
        attributes(organization.attributes, "\(path).attributes")
    }

    mutating func schedule(_ schedule: HSDS.Schedule, _ path: String) {
        uuid(schedule.id, "\(path).id")
        if let freq = schedule.freq, freq != "WEEKLY", freq != "MONTHLY" {
            add("\(path).freq", "must be WEEKLY or MONTHLY (was \"\(freq)\")")
        }
        if let byday = schedule.byday, DirectoryDay.parseList(byday) == nil {
            add("\(path).byday", "must list days as MO, TU, WE, TH, FR, SA, SU (was \"\(byday)\")")
        }
        for (field, value) in [("opens_at", schedule.opensAt), ("closes_at", schedule.closesAt)] {
            if let value, DirectoryValidation.minutes(ofTime: value) == nil {
                add("\(path).\(field)", "must be a time such as 10:00 (was \"\(value)\")")
            }
        }
        url(schedule.scheduleLink, "\(path).schedule_link")
    }

    mutating func location(_ location: HSDS.Location, _ path: String) {
        uuid(location.id, "\(path).id")
        if !DirectoryValidation.locationTypes.contains(location.locationType) {
            add("\(path).location_type", "must be physical, postal or virtual (was \"\(location.locationType)\")")
        }
        // Impossible coordinates (the standard's own example has latitude 100)
        // are not refused: the record is still useful, and `DirectoryIndex`
        // leaves such a place off the map rather than misplace it.
        for (index, address) in (location.addresses ?? []).enumerated() {
            let addressPath = "\(path).addresses[\(index)]"
            uuid(address.id, "\(addressPath).id")
            text(address.address1, "\(addressPath).address_1")
            if !DirectoryValidation.locationTypes.contains(address.addressType) {
                add("\(addressPath).address_type", "must be physical, postal or virtual")
            }
        }
        for (index, item) in (location.accessibility ?? []).enumerated() {
            uuid(item.id, "\(path).accessibility[\(index)].id")
            url(item.url, "\(path).accessibility[\(index)].url")
        }
        phones(location.phones, "\(path).phones")
        attributes(location.attributes, "\(path).attributes")
    }

    mutating func phones(_ phones: [HSDS.Phone]?, _ path: String) {
        for (index, phone) in (phones ?? []).enumerated() {
            uuid(phone.id, "\(path)[\(index)].id")
            text(phone.number, "\(path)[\(index)].number")
        }
    }

    mutating func attributes(_ attributes: [HSDS.Attribute]?, _ path: String) {
        for (index, attribute) in (attributes ?? []).enumerated() {
            uuid(attribute.id, "\(path)[\(index)].id")
            optionalUUID(attribute.taxonomyTermId, "\(path)[\(index)].taxonomy_term_id")
            if let term = attribute.taxonomyTerm { self.term(term, "\(path)[\(index)].taxonomy_term") }
        }
    }

    mutating func term(_ term: HSDS.TaxonomyTerm, _ path: String) {
        uuid(term.id, "\(path).id")
        text(term.name, "\(path).name")
        optionalUUID(term.parentId, "\(path).parent_id")
        optionalUUID(term.taxonomyId, "\(path).taxonomy_id")
        url(term.termUri, "\(path).term_uri")
    }
}
