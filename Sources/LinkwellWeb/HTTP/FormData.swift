import Foundation

/// A submitted `application/x-www-form-urlencoded` form. Reading a field that
/// was not sent gives an empty string: a tampered or truncated form becomes a
/// validation message, never a crash.
struct FormData: Sendable, Equatable {
    private var values: [String: [String]] = [:]

    init() {}

    init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    subscript(_ name: String) -> String {
        values[name]?.first ?? ""
    }

    func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    /// Every field name sent.
    var names: [String] { Array(values.keys) }

    func has(_ name: String) -> Bool {
        values[name] != nil
    }

    /// Form encoding writes spaces as "+"; anything that does not percent-decode
    /// (a stray "%") is kept as typed rather than dropped.
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
