import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore

/// ORUK's query parameters, read strictly: a value that cannot be understood
/// is a 400 naming the parameter, never a silently ignored filter.
struct ORUKParameters {
    private let values: QueryString

    init(query: String?) {
        values = QueryString(query)
    }

    /// Metres around a postcode when `postcode` comes without `proximity`.
    static let defaultProximity = 10_000.0

    /// A text filter: absent or empty, no filter.
    private func value(_ name: String) -> String? {
        guard let raw = values[name] else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A number, time, day, date or postcode: absent is no filter, but
    /// present must be one, exactly as the document's grammar has it.
    private func typed(_ name: String) throws -> String? {
        guard let raw = values[name] else { return nil }
        if raw.trimmingCharacters(in: .whitespaces).isEmpty { throw invalid(name, "\(name) must not be empty") }
        // Only a postcode is written with a space in it.
        if name != "postcode", raw.unicodeScalars.contains(where: \.properties.isWhitespace) {
            throw invalid(name, "\(name) must not contain spaces (was \"\(raw.prefix(20))\")")
        }
        return raw
    }

    private func invalid(_ name: String, _ message: String) -> ServiceError {
        .invalid(ValidationFailure(field: name, message: message))
    }

    func page() throws -> PageRequest {
        _ = try typed("page")
        _ = try typed("per_page")
        return try values.page(size: 50, sizeParameter: true)
    }

    /// Ages in years and distances in metres, within what the document declares.
    static let ages = 0.0...150.0
    static let proximities = 0.0...1_000_000.0

    /// Numbers as programs write them (exponents too), bounded as the document says.
    private func number(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = try typed(name) else { return nil }
        guard let number = NumberText.number(text, in: range) else {
            throw invalid(
                name,
                "\(name) must be a number from \(Int(range.lowerBound)) to \(Int(range.upperBound)) (was \"\(text.prefix(20))\")"
            )
        }
        return number
    }

    /// "HH:MM" or "HH:MM:SS", 24-hour: exactly the document's pattern.
    private func time(_ name: String) throws -> Int? {
        guard let text = try typed(name) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 }),
            let hours = NumberText.whole(String(parts[0]), in: 0...23),
            let minutes = NumberText.whole(String(parts[1]), in: 0...59),
            parts.count == 2 || NumberText.whole(String(parts[2]), in: 0...59) != nil
        else {
            throw invalid(name, "\(name) must be a time such as 10:00 or 10:00:00 (was \"\(text.prefix(20))\")")
        }
        return hours * 60 + minutes
    }

    /// The days the document lists ("MO" … "SU", "Monday" … "Sunday"),
    /// one or several separated by commas.
    static let dayNames: [String: DirectoryDay] = Dictionary(
        uniqueKeysWithValues: DirectoryDay.allCases.flatMap { [($0.code, $0), ($0.name, $0)] })

    private func days() throws -> [DirectoryDay]? {
        guard let text = try typed("day") else { return nil }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let days = names.compactMap { Self.dayNames[$0] }
        guard !names.isEmpty, days.count == names.count else {
            throw invalid(
                "day", "day must be a day such as MO or Monday, or a list such as MO,TH (was \"\(text.prefix(30))\")")
        }
        return days.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// An RFC 3339 date-time, or a date (from its midnight, UTC).
    private func modifiedAfter() throws -> Date? {
        guard let text = try typed("modified_after") else { return nil }
        guard let date = Self.rfc3339(text) ?? Self.midnightUTC(text) else {
            throw invalid(
                "modified_after", "modified_after must be a date-time such as 2026-03-31T09:00:00Z, or a date")
        }
        return date
    }

    func serviceQuery(_ directory: DirectoryService) async throws -> ServiceQuery {
        var query = ServiceQuery()
        query.text = value("search")
        query.taxonomyTermID = value("taxonomy_term_id")
        query.taxonomyID = value("taxonomy_id")
        query.organizationID = value("organization_id")
        query.modifiedAfter = try modifiedAfter()
        query.minimumAge = try number("minimum_age", in: Self.ages)
        query.maximumAge = try number("maximum_age", in: Self.ages)
        query.days = try days() ?? query.days
        query.startTime = try time("start_time")
        query.endTime = try time("end_time")
        // Proximity is the radius around `postcode`; without one it has
        // nothing to measure from, and the document says it is then unused.
        let proximity = try number("proximity", in: Self.proximities)
        if let postcode = try typed("postcode") {
            guard (try? Postcode(postcode)) != nil else {
                throw invalid(
                    "postcode", "postcode must be a UK postcode such as RV1 1AA (was \"\(postcode.prefix(20))\")")
            }
            do {
                query.near = try await directory.circle(
                    aroundPostcode: postcode, metres: proximity ?? Self.defaultProximity)
            } catch ServiceError.invalid {
                // A real postcode this server has no place for: not found, as an unknown record is.
                throw ORUKNotFound(detail: "No place is known for the postcode \(postcode.prefix(10)).")
            }
        }
        return query
    }

    /// RFC 3339 exactly: a full date, "T", a time with seconds (and any
    /// fraction), and "Z" or an offset up to ±23:59; either case.
    static func rfc3339(_ text: String) -> Date? {
        let upper = text.uppercased()
        guard upper.count >= 20, upper.count <= 48 else { return nil }
        let characters = Array(upper)
        guard characters[10] == "T", let midnight = midnightUTC(String(characters[0..<10])) else { return nil }
        let clock = characters[11...]
        guard clock.count >= 9, clock[clock.startIndex + 2] == ":", clock[clock.startIndex + 5] == ":",
            let hours = NumberText.whole(String(clock.prefix(2)), in: 0...23),
            let minutes = NumberText.whole(String(clock.dropFirst(3).prefix(2)), in: 0...59),
            let seconds = NumberText.whole(String(clock.dropFirst(6).prefix(2)), in: 0...60)
        else { return nil }
        var rest = clock.dropFirst(8)
        var fraction = 0.0
        if rest.first == "." {
            let digits = rest.dropFirst().prefix(while: \.isNumber)
            guard !digits.isEmpty, digits.count <= 20, digits.allSatisfy(\.isASCII),
                let value = Double("0." + String(digits))
            else { return nil }
            fraction = value
            rest = rest.dropFirst(1 + digits.count)
        }
        var offset = 0
        if rest == ["Z"] {
            offset = 0
        } else {
            guard rest.count == 6, rest.first == "+" || rest.first == "-", rest[rest.startIndex + 3] == ":",
                let offsetHours = NumberText.whole(String(rest.dropFirst().prefix(2)), in: 0...23),
                let offsetMinutes = NumberText.whole(String(rest.dropFirst(4)), in: 0...59)
            else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * 60 * (rest.first == "-" ? -1 : 1)
        }
        let seconds0 = Double(hours * 3600 + minutes * 60 + seconds) + fraction - Double(offset)
        return midnight.addingTimeInterval(seconds0)
    }

    /// A full date ("2026-03-31", any year from 1 to 9999), from its midnight, UTC.
    static func midnightUTC(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = NumberText.whole(String(parts[0]), in: 1...9999),
            let month = NumberText.whole(String(parts[1]), in: 1...12),
            let day = NumberText.whole(String(parts[2]), in: 1...31)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else {
            return nil
        }
        return date
    }

    func termQuery() throws -> TermQuery {
        var query = TermQuery(parentID: value("parent_id"), taxonomyID: value("taxonomy_id"))
        if let text = try typed("top_only") {
            switch text {
            case "true": query.topOnly = true
            case "false": query.topOnly = false
            default: throw invalid("top_only", "top_only must be true or false")
            }
        }
        return query
    }
}

/// A query that names something the directory does not have (a postcode
/// with no known place): 404, as an unknown record is.
struct ORUKNotFound: Error, HTTPResponseError {
    let detail: String
    var status: HTTPResponse.Status { .notFound }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        ProblemDetails(status: .notFound, detail: detail, instance: request.uri.path).response()
    }
}
