import Foundation
import LinkwellServices
import LinkwellStore

/// A URL's query read as browsers write it for GET forms
/// (application/x-www-form-urlencoded): "+" is a space, "%2B" a plus.
/// Hummingbird's own query parameters keep "+" as it is, so a postcode typed
/// as "RV2 3AB" would arrive as "RV2+3AB".
struct QueryString: Sendable {
    private var values: [String: String] = [:]

    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            // The first value of a repeated name wins.
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The page asked for by `page` (and `per_page` where a list lets the
    /// caller choose): bounded, or a 400 naming the parameter.
    func page(size defaultSize: Int, sizeParameter: Bool = false) throws -> PageRequest {
        do {
            return try PageRequest.parse(
                number: values["page"], size: sizeParameter ? values["per_page"] : nil, defaultSize: defaultSize)
        } catch {
            throw ServiceError.invalid(error)
        }
    }
}
