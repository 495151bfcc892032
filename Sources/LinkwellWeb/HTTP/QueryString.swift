import Foundation
import LinkwellDomain
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
            let name = FormEncoding.decode(parts[0])
            // The first value of a repeated name wins.
            if values[name] == nil { values[name] = parts.count > 1 ? FormEncoding.decode(parts[1]) : "" }
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

/// `application/x-www-form-urlencoded`, read the one way for queries and
/// posted forms: "+" is a space; "%XX" is a byte; the bytes are UTF-8, and
/// any that are not (a lone "%FF") become U+FFFD, not an error; then the one
/// rule for text at the edge (`Text.cleaned`) removes control characters.
enum FormEncoding {
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = pending.isEmpty ? iterator.next() : pending.removeFirst() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next() else { bytes.append(byte); continue }
                guard let low = iterator.next() else { bytes += [byte, high]; continue }
                if let value = hexValue(high).flatMap({ h in hexValue(low).map { h << 4 | $0 } }) {
                    bytes.append(value)
                } else {
                    // Not an escape ("%zz"): keep the "%" and read the two again.
                    bytes.append(byte)
                    pending = [high, low]
                }
            default:
                bytes.append(byte)
            }
        }
        return Text.cleaned(String(decoding: bytes, as: UTF8.self))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
