import Foundation
import LinkwellDomain

/// HTML or SVG written in Swift, where every interpolated value is escaped
/// unless it is `Markup` itself. So a value cannot be forgotten: an
/// administrator's instrument item ID, a goal in a person's own words or a
/// date label all go in as text, whatever they hold. Templates escape for
/// themselves; this is for the little markup made in code (charts).
struct Markup: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var text: String

    init(stringLiteral literal: String) {
        text = literal
    }

    init(stringInterpolation: Interpolation) {
        text = stringInterpolation.text
    }

    var description: String { text }

    static func + (lhs: Markup, rhs: Markup) -> Markup {
        var joined = lhs
        joined.text += rhs.text
        return joined
    }

    static func += (lhs: inout Markup, rhs: Markup) {
        lhs.text += rhs.text
    }

    struct Interpolation: StringInterpolationProtocol {
        var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// Text, escaped for an element's content or a quoted attribute alike.
        mutating func appendInterpolation(_ value: String) {
            text += Markup.escape(value)
        }

        mutating func appendInterpolation(_ value: Markup) {
            text += value.text
        }

        mutating func appendInterpolation(_ value: Int) {
            text += String(value)
        }

        /// A coordinate: one decimal, never "nan" or "inf" in an attribute.
        mutating func appendInterpolation(_ value: Double) {
            text += value.isFinite ? String(format: "%.1f", value) : "0"
        }
    }

    /// The five characters that matter in XML and HTML, in text and in
    /// attributes (quoted with either quote).
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// An ID (for `id` and `aria-labelledby`) made from anything: letters,
    /// digits and hyphens only, so it is one token, and never empty.
    static func identifier(_ raw: String) -> String {
        let kept = raw.lowercased().unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "-"
        }
        let token = String(kept).split(separator: "-").joined(separator: "-")
        return "chart-" + (token.isEmpty ? "x" : String(token.prefix(60))) + "-" + String(raw.sha256Hex.prefix(8))
    }
}
