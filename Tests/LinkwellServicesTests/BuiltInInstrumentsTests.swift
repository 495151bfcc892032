import Foundation
import LinkwellDomain
import LinkwellServices
import Testing

@Suite("Built-in instruments, as the built program finds them")
struct BuiltInInstrumentsTests {
    @Test("Every built-in instrument is packaged with the program and reads")
    func packaged() throws {
        let definitions = try BuiltInInstruments.load()
        #expect(definitions.map(\.id) == BuiltInInstruments.files)
        #expect(
            definitions.filter { !$0.isUsable }.map(\.id) == ["swemwbs", "wemwbs"], "listed as needing licensed wording"
        )
        #expect(try BuiltInInstruments.loadWorkforce().map(\.id) == ["cbi-personal", "cbi-work", "cbi-client"])
        #expect(
            !definitions.contains { $0.id.hasPrefix("cbi") },
            "the link workers' own check-in is never offered for the people they support")
    }
}
