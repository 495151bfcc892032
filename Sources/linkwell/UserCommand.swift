import ArgumentParser
import Foundation
import LinkwellApp
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

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage user accounts from the command line.",
        subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user account, such as a deployment's first administrator.",
            discussion: """
                The password is never a flag (it would be kept in your shell history and shown to \
                other users of the machine): it is asked for twice when run in a terminal, or read \
                as one line from standard input, e.g. `printf '%s\\n' "$PASSWORD" | linkwell user create …`.
                Example: linkwell user create --name "Chris Walker" --email chris@example.org \
                --role admin --organisation "Riverside PCN" --new-organisation-type pcn
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The person's full name.")
        var name: String

        @Option(help: "Their email address; they sign in with it.")
        var email: String

        @Option(
            help: ArgumentHelp(
                "Their role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "role"))
        var role: String

        @Option(help: "The name or ODS code of their organisation.")
        var organisation: String

        @Option(
            name: .customLong("new-organisation-type"),
            help: ArgumentHelp(
                "Create the organisation, of this type, if none matches: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", ")).",
                valueName: "type"))
        var newOrganisationType: String?

        func validate() throws {
            if let newOrganisationType, OrganisationKind(rawValue: newOrganisationType) == nil {
                throw ValidationError(
                    "--new-organisation-type must be one of: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }

        func run() async throws {
            let location = try database.location()
            let password = try PasswordInput.read()
            let logger = Logs.bootstrap(level: .warning)
            let store = try await StoreConnection.open(location, logger: logger)
            let result: Result<CommandLineAccounts.Created, any Error>
            do {
                try await store.migrate()
                let accounts = CommandLineAccounts(store: store, hasher: BcryptPasswordHasher(), clock: SystemClock())
                result = .success(
                    try await accounts.createUser(
                        .init(
                            name: name, email: email, role: role, organisation: organisation,
                            newOrganisationKind: newOrganisationType.flatMap(OrganisationKind.init(rawValue:)),
                            password: password)))
            } catch {
                result = .failure(error)
            }
            try await store.close()
            switch result {
            case .success(let created):
                if created.organisationWasCreated {
                    say("Created organisation \(created.organisation.name) (\(created.organisation.kind.label)).")
                }
                say(
                    "Created \(created.user.role.label.lowercased()) \(created.user.name) <\(created.user.email)> in \(created.organisation.name)."
                )
            case .failure(let problem as CommandLineAccounts.Problem):
                throw ValidationError(problem.description)
            case .failure(let error):
                throw error
            }
        }
    }
}

/// Reads a new password: twice, without echo, from a terminal; or one line from a pipe.
enum PasswordInput {
    static func read() throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            let first = try prompt(
                "Password for the new account (at least \(PasswordPolicy.minimumLength) characters): ")
            let second = try prompt("The same password again: ")
            guard first == second else {
                throw ValidationError("The two passwords were not the same. Nothing was created.")
            }
            return first
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("No password on standard input. Pipe one line in, or run in a terminal to be asked.")
        }
        return line
    }

    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw ValidationError("No password given.") }
        return line
    }
}
