import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import Logging
import ServiceLifecycle

/// A built Linkwell: the Hummingbird application and what it runs on. `main`
/// runs it; tests drive it through HummingbirdTesting and look at its store.
public struct Linkwell: Sendable {
    public let application: Application<RouterResponder<AppRequestContext>>
    public let services: AppServices
    public let configuration: AppConfiguration
    /// Every route the router answers, as "METHOD /path/:parameter", for
    /// tests that must reach them all (the hostile-input suite).
    public let routes: [(method: String, path: String)]

    /// The database, for the health check and for tests; controllers reach
    /// data only through `services`.
    public let store: any LinkwellStore

    /// Serves until SIGINT or SIGTERM, then closes the database.
    public func run() async throws {
        do {
            try await application.runService()
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}

/// Builds the whole application on an opened store (which it migrates, and
/// closes if building fails): wires the services and the routes. The one way
/// to make a Linkwell; the composition root (`LinkwellApp`) opens the store.
/// `clock` is injected so that tests can move time (session expiry, lockouts).
/// `onServerRunning` is told the port once the server listens (useful with port 0).
public func buildApplication(
    _ configuration: AppConfiguration, store: any LinkwellStore, clock: any WallClock = SystemClock(),
    logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws -> Linkwell {
    var logger = logger ?? Logger(label: "linkwell")
    logger.logLevel = configuration.logLevel
    do {
        let applied = try await store.migrate()
        if !applied.isEmpty {
            logger.notice("database migrated", metadata: ["applied": "\(applied)", "backend": "\(store.backendName)"])
        }
        let services = await AppServices(
            store: store, hasher: BcryptPasswordHasher(cost: configuration.bcryptCost), clock: clock,
            policies: configuration.policies, timeZone: configuration.timeZone,
            directoryReviewMonths: configuration.directoryReviewMonths, publicAddress: configuration.publicAddress,
            logger: logger)
        let delivery = OutboxDelivery(
            store: store, sender: try configuration.messageSender(clock: clock, logger: logger), clock: clock,
            logger: logger)
        let isDemo = try await store.deployment.isDemo()
        let router = try await buildRouter(
            configuration, services: services, health: store, isDemo: isDemo, logger: logger)
        let routes = router.routes.map { (method: $0.method.rawValue, path: $0.path.description) }
        var background: [any Service] = [
            SessionSweeper(
                authentication: services.authentication, interval: configuration.sessionSweepInterval, logger: logger),
            BackgroundJobs(
                jobs: LinkwellJobs(deadlines: services.deadlines, delivery: delivery),
                interval: configuration.jobInterval, logger: logger),
        ]
        if let metricsPort = configuration.metricsPort {
            background.append(metricsListener(host: configuration.metricsHost, port: metricsPort, logger: logger))
        }
        let application = Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "Linkwell"),
            services: background,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        return Linkwell(
            application: application, services: services, configuration: configuration, routes: routes, store: store)
    } catch {
        try? await store.close()
        throw error
    }
}

/// Prometheus's own listener: `/metrics` and nothing else, on loopback
/// unless the operator says otherwise, so that what it counts (failed
/// sign-ins, pool use) is not published beside the pages.
func metricsListener(host: String, port: Int, logger: Logger) -> some Service {
    Application(
        router: metricsRouter(),
        configuration: .init(address: .hostname(host, port: port), serverName: "Linkwell metrics"),
        onServerRunning: { channel in
            logger.notice("metrics listening", metadata: ["address": "\(host):\(channel.localAddress?.port ?? port)"])
        },
        logger: logger)
}

func metricsRouter() -> Router<BasicRequestContext> {
    let router = Router()
    MetricsController().addRoutes(to: router)
    return router
}

/// The routes and the middleware around them. Order matters: middleware added
/// to the router applies to routes added after it.
func buildRouter(
    _ configuration: AppConfiguration, services: AppServices, health: any LinkwellStore, isDemo: Bool, logger: Logger
) async throws
    -> Router<AppRequestContext>
{
    let cookies = CookieNames(secure: configuration.usesHTTPS)
    let pages = try await PageRenderer.load(isDemo: isDemo, format: DisplayFormat(timeZone: configuration.timeZone))
    let errors = ErrorPagesMiddleware(pages: pages, cookies: cookies)
    // HEAD answers wherever GET does.
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    let routes = RouteTable()

    // Around everything, error responses included.
    router.add(middleware: SecurityHeadersMiddleware(usesHTTPS: configuration.usesHTTPS))
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: UncountedPrivateRoutes())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: errors)  // catches failures of the session lookup itself
    router.add(middleware: StaticFilesMiddleware.make(logger: logger))

    // Machine endpoints: no session, no cookies.
    HealthController(store: health).addRoutes(to: router)
    // The open directory (Open Referral UK): no session, readable from any web page.
    ORUKController(services: .init(services), publicAddress: configuration.publicAddress)
        .addRoutes(to: router.group("oruk").add(middleware: OpenDataMiddleware(errors: errors)))

    // Who is asking, and what they posted; then errors shown with that knowledge.
    router.add(
        middleware: SessionMiddleware(
            authentication: services.authentication, cookies: cookies,
            clientAddresses: ClientAddressResolver(proxies: configuration.trustedProxies)))
    router.add(middleware: FormMiddleware())
    router.add(middleware: errors)
    router.add(middleware: MethodNotAllowedMiddleware(table: routes))

    // Open to everyone: signing in.
    let publicPages = router.group().add(middleware: PreAuthCSRFMiddleware())
    SignInController(services: .init(services), pages: pages, cookies: cookies, lockout: configuration.policies.lockout)
        .addRoutes(to: publicPages)
    SelfReferralController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: publicPages)

    // Everything else needs someone signed in, a valid form token on every
    // POST, and a password that is not waiting to be changed.
    let signedIn = router.group(context: SignedInContext.self)
        .add(
            middleware: SessionCSRFMiddleware<SignedInContext>(
                expectedToken: { $0.session.csrfToken }, form: { $0.form })
        )
        .add(middleware: PasswordChangeGate())
    SignOutController(services: .init(services), cookies: cookies).addRoutes(to: signedIn)
    HomeController(services: .init(services), pages: pages).addRoutes(to: signedIn)
    AccountController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: signedIn)
    APIController(services: .init(services)).addRoutes(to: signedIn.group("api/v1"))
    DirectoryController(services: .init(services), pages: pages).addRoutes(to: signedIn)
    DirectoryEditingController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: signedIn)

    let caseworkers = signedIn.group(context: CaseworkerContext.self)
    ReferralsController(services: .init(services), pages: pages, cookies: cookies).addRoutes(
        to: signedIn, caseworkers: caseworkers)
    PeopleController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: caseworkers)
    CaseworkController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: caseworkers)
    SuggestionsController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: caseworkers)
    ConnectionsController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: caseworkers)
    OutcomesController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: caseworkers)
    let providers = signedIn.group("provider", context: ProviderContext.self)
    ProviderController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: providers)
    NoticesController(services: .init(services), pages: pages).addRoutes(to: signedIn)
    WellbeingController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: signedIn)
    SupervisionController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: signedIn)
    CapacityController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: signedIn)
    TrainingController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: signedIn)

    let admin = signedIn.group("admin", context: AdministratorContext.self)
    OrganisationsController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: admin)
    UsersController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: admin)
    AuditController(services: .init(services), pages: pages).addRoutes(to: admin)
    NeedsController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: admin)
    InstrumentsController(services: .init(services), pages: pages, cookies: cookies).addRoutes(to: admin)
    routes.set(router.routes)
    return router
}
