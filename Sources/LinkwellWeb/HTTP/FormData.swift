import Foundation
import LinkwellDomain
import MultipartKit
import NIOCore

/// A submitted `application/x-www-form-urlencoded` form. Reading a field that
/// was not sent gives an empty string: a tampered or truncated form becomes a
/// validation message, never a crash.
struct FormData: Sendable, Equatable {
    /// A file sent with a `multipart/form-data` form.
    struct File: Sendable, Equatable {
        let filename: String
        let bytes: [UInt8]
    }

    private var values: [String: [String]] = [:]
    private var files: [String: File] = [:]

    init() {}

    /// A `multipart/form-data` body: text fields as for an ordinary form,
    /// files apart. A malformed body throws.
    init(multipart body: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var disposition = ""
        var bytes: [UInt8] = []
        var parts: [(disposition: String, bytes: [UInt8])] = []
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { buffer in bytes += buffer.readableBytesView }
        parser.onPartComplete = {
            parts.append((disposition, bytes))
            disposition = ""
            bytes = []
        }
        try parser.execute(body)
        for part in parts {
            let parameters = Self.parameters(of: part.disposition)
            guard let name = parameters["name"].map(Text.cleaned) else { continue }
            if let filename = parameters["filename"] {
                // A file input left empty still sends a part, with no name and no bytes.
                if !filename.isEmpty || !part.bytes.isEmpty {
                    files[name] = File(filename: filename, bytes: part.bytes)
                }
            } else {
                values[name, default: []].append(Text.cleaned(String(decoding: part.bytes, as: UTF8.self)))
            }
        }
    }

    /// `form-data; name="certificate"; filename="a.pdf"` → name, filename.
    static func parameters(of disposition: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(disposition)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].lowercased()
            var value = rest[rest.index(after: equals)...]
            if value.first == "\"" {
                value = value.dropFirst()
                var text = ""
                var escaped = false
                var end = value.endIndex
                for index in value.indices {
                    let character = value[index]
                    if escaped {
                        text.append(character); escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        end = index; break
                    } else {
                        text.append(character)
                    }
                }
                result[key] = text
                rest = end < value.endIndex ? value[value.index(after: end)...] : ""
            } else {
                let end = value.firstIndex(of: ";") ?? value.endIndex
                result[key] = String(value[..<end]).trimmingCharacters(in: .whitespaces)
                rest = value[end...]
            }
        }
        return result
    }

    /// The file sent under `name`, if one was chosen.
    func file(_ name: String) -> File? {
        files[name]
    }

    init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    subscript(_ name: String) -> String {
        values[name]?.first ?? ""
    }

    func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    /// Every field name sent.
    var names: [String] { Array(values.keys) }

    /// A record's version as a form carried it, for optimistic concurrency:
    /// a whole number from 0, or nil (which never matches a stored version).
    func version(_ name: String = "version") -> Int? {
        NumberText.whole(self[name], in: 0...Int(Int32.max))
    }

    func has(_ name: String) -> Bool {
        values[name] != nil
    }

    private static func decode(_ text: Substring) -> String {
        FormEncoding.decode(text)
    }
}
