import Foundation
import LinkwellDomain

/// The instruments Linkwell ships: the JSON files in `Instruments/`, read
/// and checked once. A bad file is a bug in Linkwell, found by the tests.
public enum BuiltInInstruments {
    public static let files = [
        "ons4", "ons-loneliness", "ucla-3", "cel-3", "swemwbs", "wemwbs", "goal-attainment",
    ]

    /// Those that read, in the order above; one broken file costs only itself.
    static func loadEach() -> [InstrumentDefinition] {
        files.compactMap { name in
            guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Instruments"),
                let data = try? Data(contentsOf: url)
            else { return nil }
            return try? InstrumentDefinition.parse(data, file: "\(name).json")
        }
    }

    /// In the order above; throws at the first that does not read.
    public static func load() throws -> [InstrumentDefinition] {
        try files.map { name in
            guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Instruments")
            else {
                throw DefinitionError(
                    file: "\(name).json", field: "", message: "is missing from the built-in instruments")
            }
            return try InstrumentDefinition.parse(try Data(contentsOf: url), file: "\(name).json")
        }
    }

    /// The link workers' own check-in (the Copenhagen Burnout Inventory's
    /// three scales), kept apart from the instruments used with people.
    public static let workforceFiles = ["cbi-personal", "cbi-work", "cbi-client"]

    public static func loadWorkforce() throws -> [InstrumentDefinition] {
        try workforceFiles.map { name in
            guard
                let url = Bundle.module.url(
                    forResource: name, withExtension: "json", subdirectory: "Instruments/Workforce")
            else {
                throw DefinitionError(
                    file: "\(name).json", field: "", message: "is missing from the built-in instruments")
            }
            return try InstrumentDefinition.parse(try Data(contentsOf: url), file: "\(name).json")
        }
    }
}
