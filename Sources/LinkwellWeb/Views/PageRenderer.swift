import Foundation
import HTTPTypes
import Hummingbird
import LinkwellDomain
import Mustache

/// Renders a page: a Mustache template from `Templates/`, given the chrome
/// (everything the layout needs) and the page's own view model. Templates
/// only show; every decision is made by the controller that builds the model.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let isDemo: Bool
    let format: DisplayFormat

    static func load(isDemo: Bool, format: DisplayFormat) async throws -> PageRenderer {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw MissingResource(name: "Templates")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: folder), isDemo: isDemo, format: format)
    }

    func render(_ template: String, chrome: Chrome, page: Any = [String: String](), status: HTTPResponse.Status = .ok)
        throws -> Response
    {
        let root: [String: Any] = ["chrome": chrome, "page": page]
        guard let html = library.render(root, withTemplate: template) else { throw MissingResource(name: template) }
        return .html(html, status: status)
    }

    /// The chrome of a page handed to someone else to fill in: no account,
    /// no navigation, no way out but the form.
    func focusedChrome(_ title: String, for context: SignedInContext, errors: [FieldError] = []) -> Chrome {
        var chrome = Chrome(
            title: title, user: nil, path: "", csrfToken: context.session.csrfToken, flash: nil, errors: errors,
            isDemo: isDemo)
        chrome.linksHome = false
        return chrome
    }

    /// The chrome for a signed-in user's page.
    func chrome(_ title: String, for context: SignedInContext, path: String, errors: [FieldError] = []) -> Chrome {
        Chrome(
            title: title, user: context.user, path: path, csrfToken: context.session.csrfToken, flash: context.flash,
            errors: errors, isDemo: isDemo)
    }
}

struct MissingResource: Error, CustomStringConvertible {
    let name: String
    var description: String { "Missing resource or template: \(name)" }
}

/// How times and dates are written for people: in the deployment's time
/// zone, the NHS style, e.g. "2 March 2026 at 09:05" (24-hour clock).
struct DisplayFormat: Sendable {
    let timeZone: TimeZone

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    func dateTime(_ date: Date) -> String {
        let style = Date.VerbatimFormatStyle(
            format: """
                \(day: .defaultDigits) \(month: .wide) \(year: .defaultDigits) at \
                \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)
                """,
            locale: Locale(identifier: "en_GB"), timeZone: timeZone, calendar: calendar)
        return date.formatted(style)
    }

    /// For tables, where space is short: "2 Mar 2026, 09:05".
    func compactDateTime(_ date: Date) -> String {
        let style = Date.VerbatimFormatStyle(
            format: """
                \(day: .defaultDigits) \(month: .abbreviated) \(year: .defaultDigits), \
                \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)
                """,
            locale: Locale(identifier: "en_GB"), timeZone: timeZone, calendar: calendar)
        return date.formatted(style)
    }

    func date(_ date: Date) -> String {
        let style = Date.VerbatimFormatStyle(
            format: "\(day: .defaultDigits) \(month: .wide) \(year: .defaultDigits)",
            locale: Locale(identifier: "en_GB"), timeZone: timeZone, calendar: calendar)
        return date.formatted(style)
    }

    /// For `<time datetime="…">`.
    func machine(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
