import Crypto
import Foundation
import LinkwellDomain

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends through GOV.UK Notify's HTTP API (v2): one email template and one
/// text template whose fields are `((subject))` and `((body))` (see
/// `Message`). Each request is signed with a short-lived JWT made from the
/// API key, as Notify requires; the outbox message's ID goes as `reference`,
/// so Notify can be asked later whether a message reached it.
public struct NotifySender: MessageSender {
    public struct Settings: Sendable, Equatable {
        /// As Notify issues it: "{name}-{service ID}-{secret}", the last two UUIDs.
        public let apiKey: String
        public let emailTemplate: String
        public let smsTemplate: String
        public let baseURL: URL

        public static let defaultURL = URL(string: "https://api.notifications.service.gov.uk")!

        public init(apiKey: String, emailTemplate: String, smsTemplate: String, baseURL: URL = Self.defaultURL) {
            self.apiKey = apiKey
            self.emailTemplate = emailTemplate
            self.smsTemplate = smsTemplate
            self.baseURL = baseURL
        }

        public var isWellFormed: Bool { credentials != nil }

        /// The service ID and secret within the key, or nil if it is not a Notify key.
        var credentials: (serviceID: String, secret: String)? {
            guard apiKey.count >= 74 else { return nil }
            let secret = String(apiKey.suffix(36))
            let serviceID = String(apiKey.dropLast(37).suffix(36))
            guard UUID(uuidString: secret) != nil, UUID(uuidString: serviceID) != nil else { return nil }
            return (serviceID, secret)
        }
    }

    let settings: Settings
    let clock: any WallClock

    public init(settings: Settings, clock: any WallClock = SystemClock()) throws {
        guard settings.credentials != nil else {
            throw SendFailure.permanent(
                "The GOV.UK Notify API key is not in the form Notify issues: name-service ID-secret")
        }
        self.settings = settings
        self.clock = clock
    }

    public func send(_ message: OutboxMessage) async throws -> String {
        var body: [String: Any] = ["reference": message.id.uuidString.lowercased()]
        let path: String
        switch message.channel {
        case .email:
            path = "/v2/notifications/email"
            body["email_address"] = message.recipient
            body["template_id"] = settings.emailTemplate
            body["personalisation"] = ["subject": message.subject, "body": message.body]
        case .sms:
            path = "/v2/notifications/sms"
            body["phone_number"] = message.recipient
            body["template_id"] = settings.smsTemplate
            body["personalisation"] = ["body": message.body]
        }
        var request = URLRequest(url: settings.baseURL.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, status) = try await perform(request)
        switch status {
        case 201, 200:
            guard let id = Self.json(data)?["id"] as? String else {
                throw SendFailure.temporary("Notify's answer had no id")
            }
            return id
        case 400:
            throw SendFailure.permanent("Notify refused the message: \(Self.errors(data))")
        default:
            throw SendFailure.temporary("Notify answered \(status): \(Self.errors(data))")
        }
    }

    public func alreadySent(reference: UUID) async throws -> String? {
        var components = URLComponents(
            url: settings.baseURL.appendingPathComponent("/v2/notifications"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "reference", value: reference.uuidString.lowercased())]
        var request = URLRequest(url: components.url!)
        request.httpMethod = "GET"
        let (data, status) = try await perform(request)
        guard status == 200 else { throw SendFailure.temporary("Notify answered \(status) when asked about a message") }
        let notifications = Self.json(data)?["notifications"] as? [[String: Any]] ?? []
        return notifications.first { ($0["reference"] as? String) == reference.uuidString.lowercased() }?["id"]
            as? String
    }

    private func perform(_ request: URLRequest) async throws -> (Data, Int) {
        var request = request
        request.setValue("Bearer \(token())", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 20
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
        } catch {
            throw SendFailure.temporary("Could not reach Notify: \(error.localizedDescription)")
        }
    }

    /// An HS256 JWT: issuer the service ID, issued now, signed with the secret.
    func token() -> String {
        let (serviceID, secret) = settings.credentials!
        let header = Self.base64URL(Data(#"{"typ":"JWT","alg":"HS256"}"#.utf8))
        let issued = Int(clock.now().timeIntervalSince1970)
        let payload = Self.base64URL(Data(#"{"iss":"\#(serviceID)","iat":\#(issued)}"#.utf8))
        let signature = HMAC<SHA256>.authenticationCode(
            for: Data("\(header).\(payload)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "\(header).\(payload).\(Self.base64URL(Data(signature)))"
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func json(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Notify's error messages, joined; or the start of the body.
    static func errors(_ data: Data) -> String {
        if let errors = json(data)?["errors"] as? [[String: Any]] {
            return errors.compactMap { $0["message"] as? String }.joined(separator: "; ")
        }
        return String(decoding: data.prefix(200), as: UTF8.self)
    }
}
