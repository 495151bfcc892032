import Hummingbird
import LinkwellDomain
import LinkwellServices
import Logging
import NIOCore

/// What every request carries: who is signed in (if anyone), where the request
/// came from, and the form it posted. Nothing else lives here; dependencies
/// are held by the controllers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer; see `clientAddress` for the address we record.
    let peerAddress: SocketAddress?
    /// The client's address as recorded in the audit log (the peer, or the
    /// first `X-Forwarded-For` hop when configured to trust a proxy).
    var clientAddress: String?
    /// The session named by the cookie, if it exists and has not expired.
    var activeSession: AuthenticationService.ActiveSession?
    /// True when the browser sent a session cookie that is no longer valid:
    /// the sign-in page then says the session ended, rather than nothing.
    var sessionEnded = false
    /// The anti-forgery token for forms shown to someone not signed in (the
    /// sign-in form), from its cookie or newly made.
    var preAuthToken: String?
    /// The submitted form of a POST, parsed once by the CSRF check.
    var form = FormData()
    /// A one-off message from the previous page ("Organisation saved").
    var flash: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress
        clientAddress = peerAddress?.ipAddress
    }

    /// Forms can be larger than the default limit only through file uploads, which come later.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// The request ID that Hummingbird puts in the logger's metadata.
    var requestID: String { logger[metadataKey: "hb.request.id"]?.description ?? "-" }
}

/// The context of every route that needs someone signed in. Making one fails
/// with `NotSignedIn` when nobody is, so no handler in the group can run
/// without an acting user.
public struct SignedInContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    let acting: ActingUser
    let session: Session
    let form: FormData
    let flash: String?
    let requestID: String

    public init(context: AppRequestContext) throws {
        guard let active = context.activeSession else { throw NotSignedIn(sessionEnded: context.sessionEnded) }
        coreContext = context.coreContext
        session = active.session
        acting = ActingUser(
            user: active.user, clientAddress: context.clientAddress, sessionTokenHash: active.session.tokenHash)
        form = context.form
        flash = context.flash
        requestID = context.requestID
    }

    public var maxUploadSize: Int { 1024 * 1024 }
    var user: User { acting.user }

    /// The `version` a form was built from, for optimistic concurrency.
    var formVersion: Int { form.version() ?? -1 }
}

/// Routes under /admin: only administrators get this far.
public struct AdministratorContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    let signedIn: SignedInContext

    public init(context: SignedInContext) throws {
        guard context.user.role == .administrator else { throw Forbidden() }
        coreContext = context.coreContext
        signedIn = context
    }

    public var maxUploadSize: Int { 1024 * 1024 }
    var acting: ActingUser { signedIn.acting }
}

/// Nobody is signed in where someone must be: a page redirects to sign-in, the API answers 401.
struct NotSignedIn: Error {
    let sessionEnded: Bool
}

/// Signed in, but this is not for this user's role: 403.
struct Forbidden: Error {}

/// Routes under /provider: what was sent to a community provider, for its users only.
public struct ProviderContext: RoleContext {
    public var coreContext: CoreRequestContextStorage
    let signedIn: SignedInContext

    public init(context: SignedInContext) throws {
        guard context.user.role == .provider else { throw Forbidden() }
        coreContext = context.coreContext
        signedIn = context
    }

    public var maxUploadSize: Int { 1024 * 1024 }
}

/// Routes of casework (inbox, people, plans): link workers and managers only.
public struct CaseworkerContext: RoleContext {
    public var coreContext: CoreRequestContextStorage
    let signedIn: SignedInContext

    public init(context: SignedInContext) throws {
        guard context.user.role == .linkWorker || context.user.role == .manager else { throw Forbidden() }
        coreContext = context.coreContext
        signedIn = context
    }

    public var maxUploadSize: Int { 1024 * 1024 }
}

/// The context of a group of routes for some roles only: the signed-in
/// context beneath, and what handlers read from it.
protocol RoleContext: ChildRequestContext {
    var signedIn: SignedInContext { get }
}

extension SignedInContext {
    /// An ID from the address; a malformed one is a page that does not exist.
    func identifier<Entity>(_ name: String) throws -> Identifier<Entity> {
        guard let text = parameters.get(name), let id = Identifier<Entity>(text) else { throw ServiceError.notFound }
        return id
    }
}

extension RoleContext {
    var acting: ActingUser { signedIn.acting }
    var form: FormData { signedIn.form }

    /// An ID from the address; a malformed one is a page that does not exist.
    func identifier<Entity>(_ name: String) throws -> Identifier<Entity> {
        guard let text = parameters.get(name), let id = Identifier<Entity>(text) else { throw ServiceError.notFound }
        return id
    }

    /// The `version` a form was built from, for optimistic concurrency.
    var formVersion: Int { signedIn.formVersion }
}
