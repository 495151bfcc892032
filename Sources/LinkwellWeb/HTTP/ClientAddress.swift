import Foundation

/// An IPv4 or IPv6 address as its bytes, read strictly: what a client's
/// address must be before it is recorded, counted or compared.
struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes, or 16.
    let bytes: [UInt8]

    init?(_ text: some StringProtocol) {
        let text = String(text)
        if let v4 = Self.ipv4(text) {
            bytes = v4
        } else if let v6 = Self.ipv6(text) {
            // An IPv4 address written the IPv6 way (::ffff:192.0.2.1) is that IPv4 address.
            bytes = v6.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] ? Array(v6.suffix(4)) : v6
        } else {
            return nil
        }
    }

    var description: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        // RFC 5952: the longest run of two or more zero groups becomes "::".
        var best = (start: -1, length: 0)
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < groups.count, groups[end] == 0 { end += 1 }
            if end - index > best.length { best = (index, end - index) }
            index = end
        }
        let text = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return text.joined(separator: ":") }
        return text[..<best.start].joined(separator: ":") + "::"
            + text[(best.start + best.length)...].joined(separator: ":")
    }

    /// Loopback, or an address kept for private networks (RFC 1918, RFC 4193),
    /// or link-local: where a proxy in front of Linkwell would connect from.
    var isPrivate: Bool {
        if bytes.count == 4 {
            return bytes[0] == 10 || bytes[0] == 127 || (bytes[0] == 172 && (16...31).contains(bytes[1]))
                || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254)
        }
        return bytes == [UInt8](repeating: 0, count: 15) + [1] || (bytes[0] & 0xFE) == 0xFC
            || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80)
    }

    var isLoopback: Bool { bytes.count == 4 ? bytes[0] == 127 : bytes == [UInt8](repeating: 0, count: 15) + [1] }

    private static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt8(part),
                part.count == 1 || part.first != "0"
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func ipv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = ipv4(String(piece)) {
                    bytes += v4
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// An address, or a network written as an address and a prefix length
/// ("10.0.0.0/8", "fd00::/8").
struct IPNetwork: Hashable, Sendable {
    let address: IPAddress
    let prefixLength: Int

    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(parts[0].trimmingCharacters(in: .whitespaces))
        else { return nil }
        let bits = address.bytes.count * 8
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...bits).contains(length) else { return nil }
            prefixLength = length
        } else {
            prefixLength = bits
        }
        self.address = address
    }

    func contains(_ candidate: IPAddress) -> Bool {
        guard candidate.bytes.count == address.bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(address.bytes, candidate.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard mine & mask == theirs & mask else { return false }
            remaining -= 8
        }
        return true
    }
}

/// Which proxies' `X-Forwarded-For` to believe, as nginx's `real_ip` does:
/// only when the connection comes from a trusted proxy, and then from the
/// right, past every trusted hop, because each proxy appends the address
/// that connected to it and everything to the left was written by the client.
public enum TrustedProxies: Sendable, Equatable {
    /// The connection's own address is the client's (nothing in front).
    case none
    /// The nearest `count` proxies, whatever their addresses.
    case hops(Int)
    /// Proxies at these addresses or in these networks.
    case networks([IPNetworkText])

    /// "1", "2": that many hops; "10.0.0.0/8, 192.0.2.7": those proxies; "", "0", "off": none.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if ["", "0", "off", "false", "no", "none"].contains(trimmed) {
            self = .none
        } else if ["true", "yes", "on"].contains(trimmed) {
            self = .hops(1)
        } else if let count = Int(trimmed) {
            guard (1...10).contains(count) else {
                throw ConfigurationError("A number of trusted proxies must be from 1 to 10 (got \(count))")
            }
            self = .hops(count)
        } else {
            let networks = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !networks.isEmpty, networks.allSatisfy({ IPNetwork($0) != nil }) else {
                throw ConfigurationError(
                    "Trusted proxies are a number of hops (1) or a list of addresses and networks (10.0.0.0/8, 192.0.2.7) (got \"\(text)\")"
                )
            }
            self = .networks(networks.map(IPNetworkText.init))
        }
    }

    public var isConfigured: Bool { self != .none }

    /// The client's address: the peer's, or, from a trusted proxy, the first
    /// address in `forwardedFor` (the header's values, in order) that is not
    /// a trusted hop, read from the right. Never anything that is not an IP address.
    func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        let peerAddress = peer.flatMap(IPAddress.init)
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        switch self {
        case .none:
            return peerAddress?.description ?? peer
        case .hops(let count):
            // The peer is the nearest proxy; the entry `count` from the right was written by the farthest one we trust.
            var client = peerAddress
            for hop in hops.reversed().prefix(count) {
                guard let address = IPAddress(hop) else { break }
                client = address
            }
            return client?.description ?? peer
        case .networks(let texts):
            let networks = texts.compactMap { IPNetwork($0.text) }
            func trusted(_ address: IPAddress) -> Bool { networks.contains { $0.contains(address) } }
            guard var client = peerAddress, trusted(client) else { return peerAddress?.description ?? peer }
            for hop in hops.reversed() {
                guard let address = IPAddress(hop) else { break }
                client = address
                if !trusted(address) { break }
            }
            return client.description
        }
    }
}

/// A network as the operator wrote it (kept as text so the setting is plain `Equatable` data).
public struct IPNetworkText: Sendable, Equatable {
    public let text: String
}
