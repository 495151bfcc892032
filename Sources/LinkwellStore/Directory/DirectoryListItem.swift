import Foundation
import LinkwellDomain

/// A stored service's JSON made into a list item by working on the text:
/// the top-level fields that ORUK lists leave out (`HSDS.Service.nestedFields`)
/// are dropped and `last_modified` is put first. Every other byte is the
/// stored record's own, so this agrees with encoding `listItem` (a test holds
/// it to that) at a fraction of the cost of decoding and encoding.
public enum DirectoryListItem {
    public static func json(from document: String, lastModified: String) -> String {
        if let item = fast(document, lastModified: lastModified) { return item }
        // Not the shape the stores write (it always is); do it the long way.
        guard var service = try? HSDS.decoder().decode(HSDS.Service.self, from: Data(document.utf8)) else {
            return document
        }
        service.lastModified = lastModified
        return (try? String(decoding: HSDS.encoder().encode(service.listItem), as: UTF8.self)) ?? document
    }

    static func fast(_ document: String, lastModified: String) -> String? {
        var document = document
        return document.withUTF8 { bytes -> String? in
            var index = 0
            func skipSpace() {
                while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            }
            /// Moves past a string starting at `index`; returns its contents' range.
            func string() -> Range<Int>? {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
                index += 1
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < bytes.count else { return nil }
                defer { index += 1 }
                return start..<index
            }
            /// Moves past a value; false when the text ends first.
            func value() -> Bool {
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        if depth == 0 { return true }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if depth == 0 { return true }
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    case UInt8(ascii: ","): if depth == 0 { return true }
                    default: break
                    }
                    index += 1
                }
                return false
            }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            index += 1
            var output: [UInt8] = Array("{\"last_modified\":\"".utf8)
            output.reserveCapacity(bytes.count)
            output += lastModified.utf8.filter { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
            output.append(UInt8(ascii: "\""))
            while true {
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "}") { break }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                let start = index
                guard let key = string() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace()
                guard value() else { return nil }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[key]), as: UTF8.self)
                if name != "last_modified", !HSDS.Service.nestedFields.contains(name) {
                    output.append(UInt8(ascii: ","))
                    output += bytes[start..<index]
                }
            }
            output.append(UInt8(ascii: "}"))
            return String(decoding: output, as: UTF8.self)
        }
    }
}
