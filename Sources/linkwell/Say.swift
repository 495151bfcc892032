import Foundation

/// Prints a line to standard output at once. `print` is buffered when output
/// goes to a file or pipe, so a wrapper script would otherwise not see the
/// "running at" line until much later.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
