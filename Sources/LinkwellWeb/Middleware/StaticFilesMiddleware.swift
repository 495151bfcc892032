import Foundation
import HTTPTypes
import Hummingbird
import LinkwellDomain
import Logging
import NIOCore

/// Serves the files in `Public/` (stylesheet, icons) under `/static/`. They
/// are few and small, so they are read into memory at start-up and answered
/// before any session lookup; a path not in the set is simply not a file,
/// which also makes path tricks ("../") meaningless.
struct StaticFilesMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    struct File: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    let files: [String: File]

    static func make(logger: Logger) -> StaticFilesMiddleware {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Public") else {
            logger.error("static files folder not found")
            return StaticFilesMiddleware(files: [:])
        }
        var files: [String: File] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                let data = try? Data(contentsOf: url)
            else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count)
            files["/static" + relative] = File(
                body: ByteBuffer(bytes: data), contentType: contentType(for: url.pathExtension),
                etag: "\"" + data.sha256Hex.prefix(16) + "\"")
        }
        return StaticFilesMiddleware(files: files)
    }

    static func contentType(for fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "txt": "text/plain; charset=utf-8"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.path.hasPrefix("/static/"), request.method == .get || request.method == .head else {
            return try await next(request, context)
        }
        guard let file = files[request.uri.path] else { throw HTTPError(.notFound) }
        if request.headers[.ifNoneMatch] == file.etag {
            return Response(status: .notModified, headers: [.eTag: file.etag])
        }
        return Response(
            status: .ok,
            headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600", .eTag: file.etag],
            body: ResponseBody(byteBuffer: file.body))
    }
}
