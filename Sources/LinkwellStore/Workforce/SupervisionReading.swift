import Foundation
import LinkwellDomain

/// The one rule for reading supervision sessions, applied by both backends
/// to the rows they read: the supervisee sees theirs whole; a supervisor sees
/// the sessions they gave (the note only when shared); anyone else, nothing.
public enum SupervisionReading {
    public static func filter(_ sessions: [SupervisionSession], of supervisee: UserID, reader: UserID) throws
        -> [SupervisionSession]
    {
        if reader == supervisee { return sessions }
        let given = sessions.filter { $0.supervisorID == reader }
        guard !given.isEmpty else { throw StoreError.notFound }
        return given.map { $0.seen(by: reader) }
    }
}
