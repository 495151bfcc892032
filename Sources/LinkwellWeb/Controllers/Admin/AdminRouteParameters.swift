import Hummingbird
import LinkwellDomain
import LinkwellServices

extension AdministratorContext {
    /// An ID from the address; a malformed one is simply a page that does not exist.
    func identifier<Entity>(_ name: String) throws -> Identifier<Entity> {
        guard let text = parameters.get(name), let id = Identifier<Entity>(text) else { throw ServiceError.notFound }
        return id
    }

    /// The `version` a form was built from, for optimistic concurrency.
    var formVersion: Int {
        signedIn.form.version() ?? 0
    }

    var form: FormData { signedIn.form }
}
