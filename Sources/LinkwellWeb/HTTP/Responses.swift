import Foundation
import HTTPTypes
import Hummingbird
import LinkwellDomain
import NIOCore

extension Response {
    /// 303 See Other: after a POST, the browser fetches `location` with GET,
    /// so reloading the next page does not submit the form again.
    static func seeOther(_ location: String, flash: FlashMessage? = nil, cookies: CookieNames? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if let flash, let cookies { response.setCookie(cookies.flashCookie(flash)) }
        return response
    }

    /// A file to save rather than show: `attachment`, named twice (RFC 6266)
    /// so any name survives, ASCII letters only for old browsers and the
    /// whole name percent-encoded as UTF-8; never cached.
    static func download(_ bytes: [UInt8], contentType: String, filename: String) -> Response {
        var response = Response(
            status: .ok, headers: [.contentType: contentType, .cacheControl: "private, no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        response.headers[.contentDisposition] = attachment(filename)
        return response
    }

    static func attachment(_ filename: String) -> String {
        let ascii = String(
            filename.unicodeScalars.filter {
                $0.isASCII && ($0.properties.isAlphabetic || "0123456789._-".unicodeScalars.contains($0))
            })
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_")
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ascii
        return "attachment; filename=\"\(ascii.isEmpty ? "download" : ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json"
    )
        throws -> Response
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func text(
        _ body: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8"
    )
        -> Response
    {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// RFC 9457 problem details: how the API reports every error.
struct ProblemDetails: Encodable, Sendable {
    let type: String
    let title: String
    let status: Int
    let detail: String?
    let instance: String?
    /// Field-by-field messages for invalid input.
    let errors: [FieldProblem]?

    struct FieldProblem: Encodable, Sendable {
        let field: String
        let message: String
    }

    init(status: HTTPResponse.Status, detail: String? = nil, instance: String? = nil, errors: [FieldError]? = nil) {
        self.type = "about:blank"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.instance = instance
        self.errors = errors?.map { FieldProblem(field: $0.field, message: $0.message) }
    }

    func response() -> Response {
        (try? Response.json(self, status: HTTPResponse.Status(code: status), contentType: "application/problem+json"))
            ?? Response(status: .internalServerError)
    }
}

/// Where to go back to after signing in: only a path on this site, so the
/// sign-in page cannot be used to send people elsewhere.
///
/// Browsers forgive a lot on the way to a URL: they drop tabs and line
/// breaks, treat "\\" as "/", and some decode what they should not. So the
/// candidate is judged as a browser might read it: percent-decoded until it
/// stops changing, with every whitespace and control character removed. It
/// must then start with one "/" not followed by "/" or "\\". And since it goes
/// into a `Location` header as written, it may carry no raw whitespace or
/// control character at all.
func safeReturnPath(_ candidate: String?) -> String? {
    guard let candidate, candidate.utf8.count < 2000,
        !candidate.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        })
    else { return nil }
    var read = candidate
    for _ in 0..<4 {
        guard let decoded = read.removingPercentEncoding, decoded != read else { break }
        read = decoded
    }
    let squeezed = String(
        String.UnicodeScalarView(
            read.unicodeScalars.filter {
                !($0.properties.isWhitespace || $0.properties.generalCategory == .control
                    || $0.properties.generalCategory == .format)
            }))
    guard squeezed.hasPrefix("/") else { return nil }
    let second = squeezed.dropFirst().first
    guard second != "/", second != "\\" else { return nil }
    return candidate
}
