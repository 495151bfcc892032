import ArgumentParser

/// `linkwell`: the one executable. Each command is a thin wrapper over the
/// same libraries (and use cases) the web application uses.
@main
struct LinkwellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linkwell",
        abstract: "Linkwell: social prescribing casework, directory and outcomes.",
        discussion: """
            Start a demo with `linkwell demo`. For a real deployment: `linkwell migrate`, then \
            `linkwell user create --role admin …` for the first administrator, then `linkwell serve`.
            Every command that touches data takes --database (default: LINKWELL_DATABASE, else \
            linkwell.sqlite in the working folder).
            """,
        subcommands: [
            ServeCommand.self, DemoCommand.self, MigrateCommand.self, UserCommand.self, AuditCommand.self,
            ImportCommand.self, ExportCommand.self, JobsCommand.self,
        ])
}
