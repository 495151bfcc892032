import Crypto
import Foundation

extension Sequence<UInt8> {
    /// Lowercase hexadecimal, two digits a byte.
    public var hexEncoded: String {
        map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension String {
    /// The SHA-256 of the text's UTF-8 bytes, in hexadecimal.
    public var sha256Hex: String {
        SHA256.hash(data: Data(utf8)).hexEncoded
    }
}

extension Data {
    /// The SHA-256 of the bytes, in hexadecimal.
    public var sha256Hex: String {
        SHA256.hash(data: self).hexEncoded
    }
}

/// A UUID that is always the same for the same name (the first 16 bytes of its
/// SHA-256, marked as a name-based UUID), for records that must come out
/// identical each time they are made from the same input.
public enum StableUUID {
    public static func make(from name: String) -> String {
        var bytes = Array(SHA256.hash(data: Data(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString.lowercased()
    }
}
