import Foundation
import LinkwellDomain
import LinkwellStore
import Logging

/// Signing in and out, sessions, and changing one's own password.
public struct AuthenticationService: Sendable {
    /// A session just started. `token` goes to the browser (once) in a cookie.
    public struct SignedIn: Sendable {
        public let token: String
        public let session: Session
        public let user: User
    }

    public enum SignInResult: Sendable {
        case signedIn(SignedIn)
        /// Wrong address, wrong password, locked or deactivated: deliberately
        /// one outcome, so that the page cannot reveal which accounts exist.
        case refused
    }

    /// A request's session, found and still valid.
    public struct ActiveSession: Sendable {
        public let user: User
        public let session: Session
    }

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let authentication: any AuthenticationStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            authentication = all.authentication
            users = all.users
        }
    }

    let store: Stores
    let hasher: any PasswordHasher
    let clock: any WallClock
    let lockout: LockoutPolicy
    let sessions: SessionPolicy
    let logger: Logger
    /// Checked against when the address matches no account, so that a refusal
    /// takes as long whether or not the account exists.
    let decoyHash: String

    public init(
        store: any LinkwellStore, hasher: any PasswordHasher, clock: any WallClock, lockout: LockoutPolicy,
        sessions: SessionPolicy, decoyHash: String, logger: Logger
    ) {
        self.store = Stores(store)
        self.hasher = hasher
        self.clock = clock
        self.lockout = lockout
        self.sessions = sessions
        self.decoyHash = decoyHash
        self.logger = logger
    }

    /// Signs in with an email address and password. Empty fields are a form
    /// error (`ServiceError.invalid`); every other failure is `.refused`.
    /// `previousToken` is the session cookie the browser already had, if any:
    /// it is ended, so that the session ID always changes at sign-in.
    public func signIn(email rawEmail: String, password: String, previousToken: String?, clientAddress: String?)
        async throws -> SignInResult
    {
        var collector = ValidationCollector()
        if rawEmail.trimmingWhitespace().isEmpty { collector.add("email", "Enter your email address") }
        if password.isEmpty { collector.add("password", "Enter your password") }
        do { try collector.throwIfAny() } catch { throw ServiceError.invalid(error) }

        let now = clock.now()
        let address = Self.attemptAddress(clientAddress)
        let email = try? EmailAddress(rawEmail)
        // The limits key on the address as typed, whether or not an account
        // has it, so that how they answer never tells which accounts exist.
        let account = email?.value ?? ""
        let admission = try await store.authentication.admitSignInAttempt(
            account: account, clientAddress: address, at: now, policy: lockout)
        guard case .admitted(let attempt) = admission else {
            if case .refused(let refusal) = admission {
                logger.info(
                    "sign-in refused before checking",
                    metadata: ["reason": "\(refusal.rawValue)", "client": "\(address)"])
            }
            return .refused
        }

        func fail(_ user: User?, reason: String) async throws -> SignInResult {
            let outcome = try await store.authentication.recordFailedSignIn(
                attempt: attempt, account: account, clientAddress: address, at: now, policy: lockout,
                failureAudit: AuditEntry(
                    occurredAt: now, organisationID: user?.organisationID, actorID: nil, action: .signInFailed,
                    target: user.map { .user($0.id) }, clientAddress: clientAddress, detail: reason),
                lockAudit: AuditEntry(
                    occurredAt: now, organisationID: user?.organisationID, actorID: nil, action: .accountLocked,
                    target: user.map { .user($0.id) }, clientAddress: clientAddress,
                    detail:
                        "Locked from this address for \(Self.minutes(lockout.lockDuration)) after \(lockout.maximumFailures) failed sign-ins in \(Self.minutes(lockout.window))"
                ))
            if case .locked(let until) = outcome {
                logger.notice(
                    "sign-in locked",
                    metadata: ["user": "\(user?.id.description ?? "-")", "client": "\(address)", "until": "\(until)"])
            }
            logger.info("sign-in refused", metadata: ["reason": "\(reason)", "client": "\(address)"])
            return .refused
        }

        guard let email, let credentials = try await store.authentication.credentials(forEmail: email) else {
            _ = await hasher.verify(password, against: decoyHash)
            return try await fail(nil, reason: "No account has this email address")
        }
        let user = credentials.user
        let passwordMatches = await hasher.verify(password, against: credentials.passwordHash)
        guard passwordMatches else { return try await fail(user, reason: "Wrong password") }
        guard user.isActive else { return try await fail(user, reason: "Account is deactivated") }
        guard !credentials.temporaryPasswordHasExpired(at: now) else {
            return try await fail(user, reason: "One-time password had expired")
        }

        let token = SecureToken.generate()
        let session = Session(
            tokenHash: SecureToken.hash(token), userID: user.id, csrfToken: SecureToken.generate(), createdAt: now,
            lastSeenAt: now, clientAddress: clientAddress)
        let started = try await store.authentication.recordPasswordMatched(
            attempt: attempt, account: account, clientAddress: address, at: now, policy: lockout, session: session,
            replacing: previousToken.map(SecureToken.hash),
            audit: AuditEntry(
                occurredAt: now, organisationID: user.organisationID, actorID: user.id, actorLabel: user.auditLabel,
                action: .signInSucceeded,
                target: .user(user.id), clientAddress: clientAddress))
        guard started else {
            logger.info("sign-in refused: locked while the password was checked", metadata: ["client": "\(address)"])
            return .refused
        }
        return .signedIn(SignedIn(token: token, session: session, user: user))
    }

    /// The address an attempt is counted under: the client's, as recorded,
    /// or one shared bucket when it is not known.
    static func attemptAddress(_ clientAddress: String?) -> String {
        String((clientAddress ?? "unknown").prefix(64))
    }

    /// Deletes what the sign-in limits no longer look at. Run periodically.
    public func sweepSignInAttempts() async throws {
        try await store.authentication.deleteOldSignInAttempts(at: clock.now(), policy: lockout)
    }

    /// The session a browser's cookie names, if it exists, has not expired and
    /// belongs to an active user. Notes the use (at most once a minute).
    public func activeSession(token: String) async throws -> ActiveSession? {
        let hash = SecureToken.hash(token)
        guard let session = try await store.authentication.session(tokenHash: hash) else { return nil }
        let now = clock.now()
        if sessions.isExpired(session, at: now) {
            try await store.authentication.endSession(tokenHash: hash, audit: nil)
            return nil
        }
        guard let user = try await store.authentication.user(forSession: session), user.isActive else {
            try await store.authentication.endSession(tokenHash: hash, audit: nil)
            return nil
        }
        var current = session
        if sessions.needsTouch(session, at: now) {
            try await store.authentication.touchSession(tokenHash: hash, at: now)
            current.lastSeenAt = now
        }
        return ActiveSession(user: user, session: current)
    }

    public func signOut(_ acting: ActingUser) async throws {
        guard let hash = acting.sessionTokenHash else { return }
        try await store.authentication.endSession(
            tokenHash: hash,
            audit: AuditEntry(
                occurredAt: clock.now(), organisationID: acting.organisationID, actorID: acting.id,
                actorLabel: acting.user.auditLabel, action: .signedOut,
                target: .user(acting.id), clientAddress: acting.clientAddress))
    }

    /// Changes the acting user's own password. Asks for the current one, so a
    /// borrowed unlocked screen is not enough to take the account over. Other
    /// sessions of the user end; this one continues.
    public func changeOwnPassword(_ acting: ActingUser, current: String, new: String, confirmation: String)
        async throws
    {
        var collector = ValidationCollector()
        if current.isEmpty { collector.add("currentPassword", "Enter your current password") }
        if new.isEmpty {
            collector.add("newPassword", "Enter a new password")
        } else {
            _ = collector.check("newPassword") { () throws(ValidationFailure) in
                try PasswordPolicy.check(new, email: acting.user.email)
            }
            if new != confirmation {
                collector.add("confirmPassword", "The passwords do not match")
            } else if new == current {
                collector.add("newPassword", "Choose a password different from your current one")
            }
        }
        do { try collector.throwIfAny() } catch { throw ServiceError.invalid(error) }

        guard let credentials = try await store.authentication.credentials(forEmail: acting.user.email),
            credentials.user.id == acting.id
        else { throw ServiceError.notFound }
        // Guessing the current password is held back as guessing at sign-in is.
        let now = clock.now()
        let account = acting.user.email.value
        let address = Self.attemptAddress(acting.clientAddress)
        let tooMany = ServiceError.invalid(
            field: "currentPassword",
            "Too many wrong passwords. Wait \(Self.minutes(lockout.lockDuration)), then try again.")
        guard
            case .admitted(let attempt) = try await store.authentication.admitSignInAttempt(
                account: account, clientAddress: address, at: now, policy: lockout)
        else { throw tooMany }
        guard await hasher.verify(current, against: credentials.passwordHash) else {
            _ = try await store.authentication.recordFailedSignIn(
                attempt: attempt, account: account, clientAddress: address, at: now, policy: lockout,
                failureAudit: AuditEntry(
                    occurredAt: now, organisationID: acting.organisationID, actorID: acting.id,
                    actorLabel: acting.user.auditLabel,
                    action: .signInFailed, target: .user(acting.id), clientAddress: acting.clientAddress,
                    detail: "Wrong current password when changing it"),
                lockAudit: AuditEntry(
                    occurredAt: now, organisationID: acting.organisationID, actorID: acting.id,
                    actorLabel: acting.user.auditLabel,
                    action: .accountLocked, target: .user(acting.id), clientAddress: acting.clientAddress,
                    detail: "Locked from this address after \(lockout.maximumFailures) wrong current passwords"))
            throw ServiceError.invalid(field: "currentPassword", "Your current password is not right")
        }
        guard
            try await store.authentication.recordPasswordMatched(
                attempt: attempt, account: account, clientAddress: address, at: now, policy: lockout, session: nil,
                replacing: nil,
                audit: nil)
        else { throw tooMany }
        let hash = await hasher.hash(new)
        try await store.users.setPassword(
            acting.id, in: acting.organisationID, passwordHash: hash, mustChangePassword: false,
            keepingSession: acting.sessionTokenHash, at: clock.now(),
            audit: AuditEntry(
                occurredAt: clock.now(), organisationID: acting.organisationID, actorID: acting.id,
                actorLabel: acting.user.auditLabel, action: .passwordChanged, target: .user(acting.id),
                clientAddress: acting.clientAddress,
                detail: "Changed by the user"))
    }

    /// Deletes sessions past their idle or absolute timeout. Run periodically.
    @discardableResult
    public func sweepExpiredSessions() async throws -> Int {
        let cutoffs = sessions.expiryCutoffs(at: clock.now())
        return try await store.authentication.deleteExpiredSessions(
            lastSeenBefore: cutoffs.lastSeenBefore, createdBefore: cutoffs.createdBefore)
    }

    /// "15 minutes", "1 minute": for messages about lockout times.
    public static func minutes(_ interval: TimeInterval) -> String {
        let minutes = Int(interval / 60)
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }
}
