import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkwellDomain
import NIOCore

/// A local stand-in for GOV.UK Notify's v2 API: what `NotifySender` talks
/// to in tests. It checks each request's JWT as Notify does (HS256 with the
/// key's secret, issuer the service ID), records every notification it
/// accepts, answers "which notifications have this reference?", and can be
/// told to fail, before or after accepting.
final class NotifyStandIn: @unchecked Sendable {
    static let serviceID = "26785a09-ab16-4eb0-8407-a37497a57506"
    static let secret = "3d844edf-8d35-48ac-975b-e847b4f122b0"
    static let apiKey = "linkwell_test-\(serviceID)-\(secret)"
    static let emailTemplate = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    static let smsTemplate = "9ee2f0c8-5c5e-4b3f-a7a0-6d8c1b6c8f7a"

    struct Notification: Sendable {
        let id: String
        let reference: String
        let recipient: String
        let template: String
        let personalisation: [String: String]
    }

    enum Trouble: Sendable {
        /// Answer 500 without accepting the notification.
        case failBefore
        /// Accept it, then answer 500 (the client cannot tell it went).
        case failAfter
    }

    private let lock = NSLock()
    private var accepted: [Notification] = []
    private var troubles: [Trouble] = []
    private var refusedTokens = 0

    var notifications: [Notification] { lock.withLock { accepted } }
    var badTokens: Int { lock.withLock { refusedTokens } }

    /// The next requests to send go wrong in these ways, in order.
    func plan(_ trouble: [Trouble]) { lock.withLock { troubles += trouble } }

    /// How many times a reference was accepted.
    func count(of reference: UUID) -> Int {
        notifications.filter { $0.reference == reference.uuidString.lowercased() }.count
    }

    struct EmailBody: Decodable {
        let email_address: String
        let template_id: String
        let personalisation: [String: String]
        let reference: String
    }

    struct SMSBody: Decodable {
        let phone_number: String
        let template_id: String
        let personalisation: [String: String]
        let reference: String
    }

    /// Runs the stand-in on a free local port while `body` runs.
    func run(_ body: @Sendable (URL) async throws -> Void) async throws {
        let router = Router()
        router.post("/v2/notifications/email") { request, context -> Response in
            guard self.authorised(request) else {
                return Self.json(.forbidden, #"{"errors":[{"message":"Invalid token"}]}"#)
            }
            let email = try await request.decode(as: EmailBody.self, context: context)
            return self.accept(
                Notification(
                    id: UUID().uuidString.lowercased(), reference: email.reference, recipient: email.email_address,
                    template: email.template_id, personalisation: email.personalisation))
        }
        router.post("/v2/notifications/sms") { request, context -> Response in
            guard self.authorised(request) else {
                return Self.json(.forbidden, #"{"errors":[{"message":"Invalid token"}]}"#)
            }
            let sms = try await request.decode(as: SMSBody.self, context: context)
            // Notify refuses numbers it cannot text; so does the stand-in.
            guard sms.phone_number.hasPrefix("07") else {
                return Self.json(
                    .badRequest,
                    #"{"errors":[{"error":"ValidationError","message":"phone_number Not a UK mobile number"}]}"#)
            }
            return self.accept(
                Notification(
                    id: UUID().uuidString.lowercased(), reference: sms.reference, recipient: sms.phone_number,
                    template: sms.template_id, personalisation: sms.personalisation))
        }
        router.get("/v2/notifications") { request, _ -> Response in
            guard self.authorised(request) else {
                return Self.json(.forbidden, #"{"errors":[{"message":"Invalid token"}]}"#)
            }
            let reference = request.uri.queryParameters["reference"].map(String.init) ?? ""
            let found = self.notifications.filter { $0.reference == reference }
                .map { #"{"id":"\#($0.id)","reference":"\#($0.reference)","status":"delivered"}"# }
            return Self.json(.ok, #"{"notifications":[\#(found.joined(separator: ","))],"links":{}}"#)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(client.port!)")!)
        }
    }

    private func accept(_ notification: Notification) -> Response {
        let trouble: Trouble? = lock.withLock { troubles.isEmpty ? nil : troubles.removeFirst() }
        if trouble == .failBefore {
            return Self.json(.internalServerError, #"{"errors":[{"message":"Internal server error"}]}"#)
        }
        lock.withLock { accepted.append(notification) }
        if trouble == .failAfter {
            return Self.json(.internalServerError, #"{"errors":[{"message":"Internal server error"}]}"#)
        }
        return Self.json(.created, #"{"id":"\#(notification.id)","reference":"\#(notification.reference)"}"#)
    }

    /// The bearer token is an HS256 JWT signed with the secret, issued by the service.
    private func authorised(_ request: Request) -> Bool {
        let token =
            request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let valid: Bool = {
            guard parts.count == 3, let header = Self.decode(parts[0]), let payload = Self.decode(parts[1]),
                let signature = Self.decode(parts[2]),
                let headerJSON = try? JSONSerialization.jsonObject(with: header) as? [String: Any],
                let claims = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
            else { return false }
            let expected = HMAC<SHA256>.authenticationCode(
                for: Data("\(parts[0]).\(parts[1])".utf8), using: SymmetricKey(data: Data(Self.secret.utf8)))
            return headerJSON["alg"] as? String == "HS256" && claims["iss"] as? String == Self.serviceID
                && claims["iat"] is Int && Data(expected) == signature
        }()
        if !valid { lock.withLock { refusedTokens += 1 } }
        return valid
    }

    static func decode(_ base64URL: String) -> Data? {
        var text = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text)
    }

    static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
