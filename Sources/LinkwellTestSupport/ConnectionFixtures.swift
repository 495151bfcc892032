import Foundation
import LinkwellDomain
import LinkwellStore

extension StoreFixtures {
    /// A service kept on Linkwell by `provider` (or by nobody), as a connection names it.
    public func connectedService(
        _ name: String = "Riverside Walking Group", id: String = UUID().uuidString.lowercased(), provider: Organisation?
    ) -> ConnectedService {
        ConnectedService(
            id: id, name: name, providerID: provider?.id, providerName: provider?.name ?? "Riverside Volunteers")
    }

    /// A connection made by `worker` on `referral`: a formal referral sharing
    /// name and contact details, sent now, unless told otherwise.
    @discardableResult
    public func connection(
        on referral: ReferralWithPerson, to service: ConnectedService, by worker: User,
        kind: ConnectionKind = .formalReferral,
        status: ConnectionStatus = .referred, shared: [SharedItem]? = nil,
        note: String = "Keen to start; mornings suit her.",
        responseDays: Int = ConnectionDeadline.defaultDays, messages: [Message] = []
    ) async throws -> Connection {
        let items = shared ?? (kind == .signposting ? [] : [.name, .contactDetails])
        let id = ConnectionID()
        let new = NewConnection(
            service: service, kind: kind, sharedItems: items,
            shared: SharedDetails(items, of: referral.person, whatMatters: WhatMatters(), needLabels: [:]), note: note,
            status: status, responseDays: responseDays)
        return try await store.connections.create(
            id: id, on: referral.referral.id, in: referral.referral.organisationID, new, at: clock.now(),
            by: Actor(userID: worker.id, name: worker.name), messages: messages,
            audit: audit(
                .connectionMade, organisation: referral.referral.organisationID, actor: worker.id,
                target: .connection(id)))
    }

    /// Moves a connection one step, as `mover`.
    @discardableResult
    public func move(
        _ connection: Connection, to status: ConnectionStatus, as mover: ConnectionMover, reason: String = "",
        messages: [Message] = []
    ) async throws -> Connection {
        try await store.connections.transition(
            connection.id, in: connection.organisationID,
            try connection.status.transition(to: status, by: mover.kind, reason: reason),
            expectedVersion: connection.version, at: clock.now(), by: mover, messages: messages,
            audit: audit(
                .connectionStatusChanged, organisation: connection.organisationID, target: .connection(connection.id)))
    }
}
