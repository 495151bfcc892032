import Foundation

/// `Text.cleaned` for JSON documents that come in (an imported directory,
/// an instrument definition pasted by an administrator): inside strings,
/// control characters, whether written raw or as escapes such as `\u0000`,
/// are removed, and carriage returns become line feeds. Everything outside
/// strings, and every other escape, is left exactly as it was, so a valid
/// document stays valid and means the same.
public enum JSONText {
    public static func cleaned(_ data: Data) -> Data {
        // Most documents have nothing to clean: check before copying.
        guard needsCleaning(data) else { return data }
        var output = Data()
        output.reserveCapacity(data.count)
        let bytes = [UInt8](data)
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            guard inString else {
                if byte == UInt8(ascii: "\"") { inString = true }
                output.append(byte)
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = false
                output.append(byte)
                index += 1
            case UInt8(ascii: "\\") where index + 1 < bytes.count:
                let escape = bytes[index + 1]
                switch escape {
                case UInt8(ascii: "b"), UInt8(ascii: "f"):
                    index += 2
                case UInt8(ascii: "r"):
                    // "\r\n" is one line break, as `Text.cleaned` counts it.
                    if !lineFeedFollows(bytes, index + 2) { output.append(contentsOf: Array("\\n".utf8)) }
                    index += 2
                case UInt8(ascii: "u") where index + 5 < bytes.count:
                    let hex = String(decoding: bytes[(index + 2)...(index + 5)], as: UTF8.self)
                    if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value), Text.isRemoved(scalar) {
                        if scalar == "\r", !lineFeedFollows(bytes, index + 6) {
                            output.append(contentsOf: Array("\\n".utf8))
                        }
                        index += 6
                    } else {
                        output.append(contentsOf: bytes[index...(index + 1)])
                        index += 2
                    }
                default:
                    output.append(contentsOf: [byte, escape])
                    index += 2
                }
            case 0x09:
                output.append(contentsOf: Array("\\t".utf8))
                index += 1
            case 0x0A:
                output.append(contentsOf: Array("\\n".utf8))
                index += 1
            case 0x0D:
                if !lineFeedFollows(bytes, index + 1) { output.append(contentsOf: Array("\\n".utf8)) }
                index += 1
            case 0x00...0x1F, 0x7F:
                index += 1
            case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                // C1 controls, U+0080 to U+009F, as UTF-8.
                index += 2
            default:
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// Whether a line feed, raw or escaped, starts at `index`.
    private static func lineFeedFollows(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] == 0x0A { return true }
        guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else { return false }
        if bytes[index + 1] == UInt8(ascii: "n") { return true }
        guard bytes[index + 1] == UInt8(ascii: "u"), index + 5 < bytes.count else { return false }
        return String(decoding: bytes[(index + 2)...(index + 5)], as: UTF8.self).lowercased() == "000a"
    }

    private static func needsCleaning(_ data: Data) -> Bool {
        var previous: UInt8 = 0
        var backslashes = 0
        for byte in data {
            defer { previous = byte }
            if byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { return true }
            if byte == 0x7F { return true }
            if previous == 0xC2, (0x80...0x9F).contains(byte) { return true }
            if byte == UInt8(ascii: "\\") { backslashes += 1; continue }
            if backslashes % 2 == 1,
                [UInt8(ascii: "u"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "r")].contains(byte)
            {
                return true
            }
            backslashes = 0
        }
        // Raw line breaks and tabs only matter inside strings; look properly.
        return data.contains(0x0D) || data.contains(0x09) || containsLineFeedInString(data)
    }

    private static func containsLineFeedInString(_ data: Data) -> Bool {
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false; continue }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte == 0x0A {
                    return true
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            }
        }
        return false
    }
}
