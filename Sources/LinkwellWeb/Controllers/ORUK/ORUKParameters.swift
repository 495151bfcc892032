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

    private func value(_ name: String) -> String? {
        guard let raw = values[name] else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    private func invalid(_ name: String, _ message: String) -> ServiceError {
        .invalid(ValidationFailure(field: name, message: message))
    }

    func page() throws -> PageRequest {
        try values.page(size: 50, sizeParameter: true)
    }

    /// Ages in years and distances in metres, within what the document declares.
    static let ages = 0.0...150.0
    static let proximities = 0.0...1_000_000.0

    private func number(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = NumberText.decimal(text, in: range) else {
            throw invalid(
                name, "\(name) must be a number from \(Int(range.lowerBound)) to \(Int(range.upperBound)) (was \"\(text.prefix(20))\")")
        }
        return number
    }

    private func time(_ name: String) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let minutes = DirectoryValidation.minutes(ofTime: text) else {
            throw invalid(name, "\(name) must be a time such as 10:00 or 10:00:00 (was \"\(text.prefix(20))\")")
        }
        return minutes
    }

    func serviceQuery(_ directory: DirectoryService) async throws -> ServiceQuery {
        var query = ServiceQuery()
        query.text = value("search")
        query.taxonomyTermID = value("taxonomy_term_id")
        query.taxonomyID = value("taxonomy_id")
        query.organizationID = value("organization_id")
        if let text = value("modified_after") {
            guard let date = DirectoryTime.date(fromDateTime: text) ?? Self.midnightUTC(text)
            else { throw invalid("modified_after", "modified_after must be a date-time such as 2026-03-31T09:00:00Z, or a date") }
            query.modifiedAfter = date
        }
        query.minimumAge = try number("minimum_age", in: Self.ages)
        query.maximumAge = try number("maximum_age", in: Self.ages)
        if let text = value("day") {
            guard let days = DirectoryDay.parseList(text) else {
                throw invalid("day", "day must be a day such as MO or Monday, or a list such as MO,TH (was \"\(text.prefix(30))\")")
            }
            query.days = days
        }
        query.startTime = try time("start_time")
        query.endTime = try time("end_time")
        let proximity = try number("proximity", in: Self.proximities)
        if let postcode = value("postcode") {
            query.near = try await directory.circle(aroundPostcode: postcode, metres: proximity ?? Self.defaultProximity)
        } else if proximity != nil {
            throw invalid("proximity", "proximity needs a postcode to measure from")
        }
        return query
    }

    private static func midnightUTC(_ text: String) -> Date? {
        guard let date = CalendarDate(iso: text) else { return nil }
        return DirectoryTime.date(fromDateTime: "\(date.iso)T00:00:00Z")
    }

    func termQuery() throws -> TermQuery {
        var query = TermQuery(parentID: value("parent_id"), taxonomyID: value("taxonomy_id"))
        if let text = value("top_only") {
            switch text.lowercased() {
            case "true", "1", "yes": query.topOnly = true
            case "false", "0", "no": query.topOnly = false
            default: throw invalid("top_only", "top_only must be true or false")
            }
        }
        return query
    }
}
