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
