import Foundation

/// The links and forms of a page, read out of its HTML the way a browser
/// would submit them, so that a test can reach every route and send every
/// field without a hand-kept list of either. Enough HTML for Linkwell's own
/// templates: attributes in double quotes, forms not nested.
struct PageForm: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        let name: String
        /// What the browser would send untouched.
        let value: String
    }

    let method: String
    let action: String
    let isMultipart: Bool
    let fields: [Field]

    var names: [String] { fields.map(\.name).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
}

enum PageReader {
    /// Local links (`href="/…"`), entity-decoded, without fragments.
    static func links(in html: String) -> [String] {
        matches(#"href="(/[^"]*)""#, in: html).compactMap { match in
            let link =
                decodeEntities(match[1]).split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map(String.init) ?? ""
            return link.hasPrefix("/static/") || link.isEmpty ? nil : link
        }
    }

    /// Every form, with the values a browser would send as the page stands.
    static func forms(in html: String, page: String) -> [PageForm] {
        matches(#"<form\b([^>]*)>(.*?)</form>"#, in: html).map { match in
            let attributes = self.attributes(match[1])
            let method = (attributes["method"] ?? "get").lowercased()
            var action = attributes["action"].map(decodeEntities) ?? page
            if action.isEmpty { action = page }
            let body = match[2]
            var fields: [PageForm.Field] = []
            var radiosSeen = Set<String>()
            for input in matches(#"<input\b([^>]*)>"#, in: body) {
                let field = self.attributes(input[1])
                guard let name = field["name"] else { continue }
                let type = (field["type"] ?? "text").lowercased()
                let value = decodeEntities(field["value"] ?? "")
                switch type {
                case "checkbox":
                    fields.append(.init(name: name, value: value.isEmpty ? "on" : value))
                case "radio":
                    // The checked one, else the first: a choice is made.
                    if radiosSeen.contains(name) {
                        if input[1].contains("checked"), let index = fields.firstIndex(where: { $0.name == name }) {
                            fields[index] = .init(name: name, value: value)
                        }
                    } else {
                        fields.append(.init(name: name, value: value))
                        radiosSeen.insert(name)
                    }
                case "submit", "button", "image", "reset":
                    if !value.isEmpty { fields.append(.init(name: name, value: value)) }
                case "file":
                    fields.append(.init(name: name, value: ""))
                default:
                    fields.append(.init(name: name, value: value))
                }
            }
            for textarea in matches(#"<textarea\b([^>]*)>(.*?)</textarea>"#, in: body) {
                if let name = self.attributes(textarea[1])["name"] {
                    fields.append(.init(name: name, value: decodeEntities(textarea[2])))
                }
            }
            for select in matches(#"<select\b([^>]*)>(.*?)</select>"#, in: body) {
                guard let name = self.attributes(select[1])["name"] else { continue }
                let options = matches(#"<option\b([^>]*)>"#, in: select[2]).map {
                    (Self.attributes($0[1]), $0[1].contains("selected"))
                }
                let chosen = options.first { $0.1 } ?? options.first { !($0.0["value"] ?? "").isEmpty } ?? options.first
                fields.append(.init(name: name, value: decodeEntities(chosen?.0["value"] ?? "")))
            }
            let encoding = attributes["enctype"]?.lowercased() ?? ""
            return PageForm(method: method, action: action, isMultipart: encoding.contains("multipart"), fields: fields)
        }
    }

    static func attributes(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for match in matches(#"([A-Za-z_:][-A-Za-z0-9_:.]*)="([^"]*)""#, in: text)
        where result[match[1].lowercased()] == nil {
            result[match[1].lowercased()] = match[2]
        }
        return result
    }

    static func decodeEntities(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&#x3D;", with: "=")
            .replacingOccurrences(of: "&#x60;", with: "`").replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard
            let expression = try? NSRegularExpression(
                pattern: pattern, options: [.dotMatchesLineSeparators, .caseInsensitive])
        else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }
}

/// A route as the router has it ("/people/:person/plan", "/oruk/**"), and
/// whether a concrete path is one of its.
struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    let method: String
    let path: String

    var description: String { "\(method) \(path)" }

    var components: [Substring] { path.split(separator: "/") }

    func matches(method: String, path concrete: String) -> Bool {
        guard method == self.method || (method == "HEAD" && self.method == "GET") else { return false }
        let parts = (concrete.split(separator: "?").first ?? "").split(separator: "/")
        var index = 0
        for component in components {
            if component == "**" { return true }
            guard index < parts.count else { return false }
            if !(component.hasPrefix(":") || component == "*" || component == parts[index]) { return false }
            index += 1
        }
        return index == parts.count
    }

    /// The path with each `:parameter` filled by `fill`.
    func concrete(_ fill: (String) -> String) -> String {
        "/"
            + components.map {
                $0.hasPrefix(":") ? fill(String($0.dropFirst())) : ($0 == "**" ? "anything" : String($0))
            }.joined(separator: "/")
    }
}
