import Foundation

/// Where each element of a top-level JSON array lies in the bytes, found by
/// one quick pass that tracks only strings and nesting. An import can then
/// decode elements a batch at a time, on several cores, instead of decoding
/// the whole document at once (which for 100,000 services took over a
/// gigabyte). Whether each element is valid JSON is left to its decoder.
enum JSONArrayElements {
    /// The elements' byte ranges, or nil when the document is not an array
    /// (a page of services, or one service) or is cut short.
    static func ranges(in data: Data) -> [Range<Int>]? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> [Range<Int>]? in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var index = 0
            func skipSpace() {
                while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            }
            // A byte-order mark, then the opening bracket.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
            index += 1
            var ranges: [Range<Int>] = []
            while true {
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "]") { return ranges }
                let start = index
                var depth = 0
                var inString = false
                scan: while index < bytes.count {
                    let byte = bytes[index]
                    if inString {
                        if byte == UInt8(ascii: "\\") {
                            index += 1
                        } else if byte == UInt8(ascii: "\"") {
                            inString = false
                        }
                    } else {
                        switch byte {
                        case UInt8(ascii: "\""): inString = true
                        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                        case UInt8(ascii: "}"), UInt8(ascii: "]"):
                            if depth == 0 { break scan }
                            depth -= 1
                        case UInt8(ascii: ","):
                            if depth == 0 { break scan }
                        default: break
                        }
                    }
                    index += 1
                }
                guard index < bytes.count, !inString else { return nil }
                var end = index
                while end > start, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
                ranges.append(start..<end)
                if bytes[index] == UInt8(ascii: ",") { index += 1 }
            }
        }
    }
}
