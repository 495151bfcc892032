import ArgumentParser
import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellWeb
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring data into Linkwell.",
        subcommands: [ORUK.self])

    struct ORUK: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "oruk",
            abstract: "Import community services from Open Referral UK 3.0 JSON.",
            discussion: """
                FILE holds a list of services, a page of them ({"contents": […]}, as an ORUK API's \
                /services answers), or one service. Each record is checked on its own: a bad one is \
                reported with its reasons and skipped; the rest are imported. Importing the same file \
                again changes nothing. Prints a summary of created, updated, unchanged and rejected \
                records, and exits with status 2 if any were rejected.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The JSON file to import.", valueName: "file"))
        var file: String

        func run() async throws {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
            }
            let store = try await StoreConnection.open(try database.location(), logger: Logs.bootstrap(level: .warning))
            let outcome: Result<DirectoryImport.Summary, any Error>
            do {
                try await store.migrate()
                let bar = ProgressBar(label: "Importing")
                outcome = .success(
                    try await DirectoryImport(store: store, clock: SystemClock())
                        .importORUK(json: data, source: URL(fileURLWithPath: file).lastPathComponent) { done, total in
                            bar.show(done, of: total)
                        })
                bar.finish()
            } catch {
                outcome = .failure(error)
            }
            try await store.close()
            let summary: DirectoryImport.Summary
            do {
                summary = try outcome.get()
            } catch let error as DirectoryImportError {
                throw ValidationError(error.description)
            }
            for rejection in summary.rejected {
                let who = [rejection.name.map { "\"\($0)\"" }, rejection.id].compactMap { $0 }.joined(separator: " ")
                say("Rejected record \(rejection.position)\(who.isEmpty ? "" : " (\(who))"):")
                for reason in rejection.reasons { say("  - \(reason)") }
            }
            say("\(file): \(summary.description).")
            if !summary.rejected.isEmpty { throw ExitCode(2) }
        }
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal
/// (a log file gets the summary, not hundreds of redraws).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastPercent = -1

    init(label: String) {
        self.label = label
    }

    func show(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        lock.withLock {
            guard percent != lastPercent else { return }
            lastPercent = percent
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% (\(done)/\(total))".utf8))
        }
    }

    func finish() {
        if enabled, lastPercent >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
