import Foundation

/// Encodes a value as the JSON text Foundation's `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]` (`HSDS.encoder()`), byte for byte,
/// in about a third of the time.
///
/// Why: an import stores every service as this canonical text (so that the
/// same record twice is the same bytes), and Foundation's encoder, which
/// checks every value for the types it treats specially and tracks coding
/// paths for error messages, was the largest single cost of importing
/// 100,000 services. Records here hold only strings, numbers, Booleans,
/// arrays and nested records, which need none of that. A test holds the two
/// encoders to the same output on the standard's full example and on
/// generated directories.
public enum CanonicalJSON {
    public static func string<T: Encodable>(_ value: T) throws -> String {
        var writer = Writer()
        writer.write(try node(value))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func node<T: Encodable>(_ value: T) throws -> Node {
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        return encoder.root ?? .object(ObjectNode())
    }

    enum Node {
        case string(String)
        /// A number, `true`, `false` or `null`, as written.
        case literal(String)
        case object(ObjectNode)
        case array(ArrayNode)
        /// What an encoder handed out by `superEncoder()` ends up holding.
        case later(TreeEncoder)
    }

    final class ObjectNode {
        var members: [(key: String, value: Node)] = []
    }

    final class ArrayNode {
        var items: [Node] = []
    }

    static func number(_ value: Double) throws -> Node {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "\(value) is not a JSON number"))
        }
        // As Foundation writes them: whole numbers without ".0".
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .literal(text)
    }

    struct Writer {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(4096) }

        mutating func write(_ node: Node) {
            switch node {
            case .string(let text): write(string: text)
            case .literal(let text): bytes.append(contentsOf: text.utf8)
            case .later(let encoder): write(encoder.root ?? .object(ObjectNode()))
            case .array(let array):
                bytes.append(UInt8(ascii: "["))
                for (index, item) in array.items.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    write(item)
                }
                bytes.append(UInt8(ascii: "]"))
            case .object(let object):
                bytes.append(UInt8(ascii: "{"))
                // Sorted by key (Swift's sort is stable), and a key given twice
                // keeps its last value, as in Foundation.
                var members = object.members
                members.sort { $0.key < $1.key }
                if members.count > 1 {
                    for index in stride(from: members.count - 2, through: 0, by: -1)
                    where members[index].key == members[index + 1].key {
                        members.remove(at: index)
                    }
                }
                for (index, member) in members.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    write(string: member.key)
                    bytes.append(UInt8(ascii: ":"))
                    write(member.value)
                }
                bytes.append(UInt8(ascii: "}"))
            }
        }

        mutating func write(string: String) {
            bytes.append(UInt8(ascii: "\""))
            var text = string
            let plain = text.withUTF8 { utf8 in
                // Most text needs no escapes: copied whole.
                guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
                else { return false }
                bytes.append(contentsOf: utf8)
                return true
            }
            if plain {
                bytes.append(UInt8(ascii: "\""))
                return
            }
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x00..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    ])
                    bytes.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}

/// The `Encoder` that builds `CanonicalJSON.Node`s.
final class TreeEncoder: Encoder {
    var root: CanonicalJSON.Node?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let object)? = root { return KeyedEncodingContainer(KeyedTree<Key>(object: object)) }
        let object = CanonicalJSON.ObjectNode()
        root = .object(object)
        return KeyedEncodingContainer(KeyedTree<Key>(object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array)? = root { return UnkeyedTree(array: array) }
        let array = CanonicalJSON.ArrayNode()
        root = .array(array)
        return UnkeyedTree(array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleTree(encoder: self) }
}

private struct KeyedTree<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: CanonicalJSON.ObjectNode
    var codingPath: [any CodingKey] { [] }

    private func put(_ node: CanonicalJSON.Node, _ key: Key) { object.members.append((key.stringValue, node)) }

    mutating func encodeNil(forKey key: Key) throws { put(.literal("null"), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.literal(value ? "true" : "false"), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try CanonicalJSON.number(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try CanonicalJSON.number(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.literal(String(value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(try CanonicalJSON.node(value), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = CanonicalJSON.ObjectNode()
        put(.object(nested), key)
        return KeyedEncodingContainer(KeyedTree<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = CanonicalJSON.ArrayNode()
        put(.array(nested), key)
        return UnkeyedTree(array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder()
        object.members.append(("super", .later(encoder)))
        return encoder
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let encoder = TreeEncoder()
        put(.later(encoder), key)
        return encoder
    }
}

private struct UnkeyedTree: UnkeyedEncodingContainer {
    let array: CanonicalJSON.ArrayNode
    var codingPath: [any CodingKey] { [] }
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.literal("null")) }
    mutating func encode(_ value: Bool) throws { array.items.append(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { array.items.append(try CanonicalJSON.number(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(.literal(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { array.items.append(try CanonicalJSON.node(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let nested = CanonicalJSON.ObjectNode()
        array.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedTree<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = CanonicalJSON.ArrayNode()
        array.items.append(.array(nested))
        return UnkeyedTree(array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder()
        array.items.append(.later(encoder))
        return encoder
    }
}

private struct SingleTree: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.root = .literal("null") }
    mutating func encode(_ value: Bool) throws { encoder.root = .literal(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { encoder.root = .string(value) }
    mutating func encode(_ value: Double) throws { encoder.root = try CanonicalJSON.number(value) }
    mutating func encode(_ value: Float) throws { encoder.root = try CanonicalJSON.number(Double(value)) }
    mutating func encode(_ value: Int) throws { encoder.root = .literal(String(value)) }
    mutating func encode(_ value: Int8) throws { encoder.root = .literal(String(value)) }
    mutating func encode(_ value: Int16) throws { encoder.root = .literal(String(value)) }
    mutating func encode(_ value: Int32) throws { encoder.root = .literal(String(value)) }
    mutating func encode(_ value: Int64) throws { encoder.root = .literal(String(value)) }
    mutating func encode(_ value: UInt) throws { encoder.root = .literal(String(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.root = .literal(String(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.root = .literal(String(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.root = .literal(String(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.root = .literal(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.root = try CanonicalJSON.node(value) }
}
