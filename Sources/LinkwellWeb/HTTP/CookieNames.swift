import Foundation
import Hummingbird

/// Linkwell's cookies and how they are set. Over HTTPS the names carry the
/// `__Host-` prefix, which browsers accept only with Secure, Path=/ and no
/// Domain, so that a sibling subdomain cannot plant or overwrite them.
struct CookieNames: Sendable {
    let secure: Bool

    var session: String { secure ? "__Host-lw_session" : "lw_session" }
    /// Anti-forgery token for the sign-in form (login CSRF), before there is a session.
    var preAuth: String { secure ? "__Host-lw_csrf" : "lw_csrf" }
    var flash: String { secure ? "__Host-lw_flash" : "lw_flash" }

    /// The session cookie: HttpOnly (no script can read it), SameSite=Lax (not
    /// sent on cross-site POSTs), Secure over HTTPS. No Max-Age: it ends with
    /// the browser, and the server ends it sooner by its timeouts.
    func sessionCookie(_ token: String) -> Cookie {
        Cookie(name: session, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func preAuthCookie(_ token: String) -> Cookie {
        Cookie(name: preAuth, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func flashCookie(_ key: FlashMessage) -> Cookie {
        Cookie(name: flash, value: key.rawValue, maxAge: 60, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// An instruction to the browser to forget the cookie.
    func expired(_ name: String) -> Cookie {
        Cookie(
            name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", secure: secure,
            httpOnly: true, sameSite: .lax)
    }
}

/// One-off messages shown on the page after a redirect. Only keys travel in
/// the cookie, so nobody can make the site show text of their choosing.
enum FlashMessage: String, Sendable, CaseIterable {
    case signedOut = "signed-out"
    case passwordChanged = "password-changed"
    case organisationCreated = "organisation-created"
    case organisationSaved = "organisation-saved"
    case practiceCreated = "practice-created"
    case practiceSaved = "practice-saved"
    case userSaved = "user-saved"
    case userDeactivated = "user-deactivated"
    case userReactivated = "user-reactivated"
    case sessionEnded = "session-ended"
    case referralSent = "referral-sent"
    case referralRecorded = "referral-recorded"
    case referralAccepted = "referral-accepted"
    case referralAssigned = "referral-assigned"
    case referralClosed = "referral-closed"
    case referralAttached = "referral-attached"
    case duplicateDismissed = "duplicate-dismissed"
    case contactRecorded = "contact-recorded"
    case whatMattersSaved = "what-matters-saved"
    case planSaved = "plan-saved"
    case detailsSaved = "details-saved"
    case discharged = "discharged"
    case needSaved = "need-saved"
    case unmetNeedRecorded = "unmet-need-recorded"
    case directoryEntryAdded = "directory-entry-added"
    case directoryEntrySaved = "directory-entry-saved"
    case directoryEntryConfirmed = "directory-entry-confirmed"
    case directoryEntryMoved = "directory-entry-moved"
    case connectionMade = "connection-made"
    case connectionSuggested = "connection-suggested"
    case connectionUpdated = "connection-updated"
    case connectionAnswered = "connection-answered"
    case outcomeRecorded = "outcome-recorded"
    case instrumentSaved = "instrument-saved"
    case instrumentSavedWithoutWording = "instrument-saved-without-wording"
    case wellbeingCheckedIn = "wellbeing-checked-in"
    case supervisionRecorded = "supervision-recorded"
    case hoursSaved = "hours-saved"
    case teamSettingsSaved = "team-settings-saved"
    case trainingRecorded = "training-recorded"
    case trainingNeedAdded = "training-need-added"
    case requirementAdded = "requirement-added"

    var text: String {
        switch self {
        case .signedOut: "You have signed out."
        case .passwordChanged: "Your password has been changed."
        case .organisationCreated: "Organisation added."
        case .organisationSaved: "Organisation saved."
        case .practiceCreated: "Practice added."
        case .practiceSaved: "Practice saved."
        case .userSaved: "User saved."
        case .userDeactivated: "User deactivated. They can no longer sign in, and their sessions have ended."
        case .userReactivated: "User reactivated. They can sign in again."
        case .sessionEnded: "Your session ended, so you have been signed out. Sign in again to carry on."
        case .referralSent: "Referral sent. The social prescribing team will contact the person."
        case .referralRecorded: "Referral recorded. It is in the inbox."
        case .referralAccepted: "Referral accepted and assigned."
        case .referralAssigned: "Referral assigned."
        case .referralClosed: "Referral closed."
        case .referralAttached: "Referral added to the record of the person already known."
        case .duplicateDismissed: "Kept as a new person."
        case .contactRecorded: "Contact recorded."
        case .whatMattersSaved: "What matters saved."
        case .planSaved: "Plan saved."
        case .detailsSaved: "Details saved."
        case .discharged: "Discharged. The message to their GP and referrer is ready to print."
        case .needSaved: "Needs list saved."
        case .unmetNeedRecorded: "Unmet need recorded. It will count in the gap report."
        case .directoryEntryAdded: "Service added to the directory."
        case .directoryEntrySaved: "Changes saved. The directory and its open data show them now."
        case .directoryEntryConfirmed: "Thank you: the entry is marked as checked today."
        case .directoryEntryMoved: "Someone changed this entry since the page was loaded. Check it again below."
        case .connectionMade: "Connected. It is followed below until the loop is closed."
        case .connectionSuggested: "Saved as a suggestion. Send it when you have talked it through."
        case .connectionUpdated: "Connection updated."
        case .connectionAnswered: "Thank you: the link worker has been told."
        case .outcomeRecorded: "Outcome measure recorded."
        case .instrumentSaved: "Instrument saved. Link workers can use it now."
        case .instrumentSavedWithoutWording: "Saved, but some items still have no wording, so it cannot be used yet."
        case .wellbeingCheckedIn: "Check-in saved. Only you can see it."
        case .supervisionRecorded: "Supervision session saved."
        case .hoursSaved: "Hours saved. Their capacity is worked out from them now."
        case .teamSettingsSaved: "Team settings saved."
        case .trainingRecorded: "Training recorded."
        case .trainingNeedAdded: "Added to your training needs."
        case .requirementAdded: "Required training added. Link workers can record it now."
        }
    }
}
