import LinkwellStore

extension PostgresMigrations {
    /// Connections of people to community services and their status history;
    /// the outbox of emails and texts to send, and in-app notices; each
    /// organisation's days for a provider to answer; and the organisation a
    /// referral came from, for the referrer's view.
    static let connections = Migration(
        number: 10, name: "connections",
        statements: [
            """
            ALTER TABLE organisations ADD COLUMN connection_response_days integer NOT NULL DEFAULT 14
                CHECK (connection_response_days BETWEEN 3 AND 60)
            """,
            "ALTER TABLE referrals ADD COLUMN referring_organisation_id uuid REFERENCES organisations(id)",
            // The referrer's own GP practice (in their organisation, unlike
            // referrer_practice_id, which names a practice of the receiving one).
            "ALTER TABLE referrals ADD COLUMN referring_practice_id uuid REFERENCES practices(id)",
            // Referrals made before this by a referrer's account: their organisation.
            """
            UPDATE referrals SET referring_organisation_id = (
                SELECT u.organisation_id FROM referral_status_changes c JOIN users u ON u.id = c.actor_id
                WHERE c.referral_id = referrals.id AND c.from_status = 'new' AND u.role = 'referrer'),
              referring_practice_id = (
                SELECT u.practice_id FROM referral_status_changes c JOIN users u ON u.id = c.actor_id
                WHERE c.referral_id = referrals.id AND c.from_status = 'new' AND u.role = 'referrer')
            """,
            """
            CREATE INDEX referrals_by_referring_organisation ON referrals (referring_organisation_id, received_at)
                WHERE referring_organisation_id IS NOT NULL
            """,
            // The moves a connection may make (ConnectionStatus.allowedTransitions, and
            // "new" to suggested or referred on creation); any other is refused.
            """
            CREATE TABLE connection_transitions (
                from_status text NOT NULL,
                to_status text NOT NULL,
                PRIMARY KEY (from_status, to_status)
            )
            """,
            """
            INSERT INTO connection_transitions (from_status, to_status) VALUES
                ('new', 'suggested'), ('new', 'referred'), ('suggested', 'referred'), ('suggested', 'cancelled'), ('referred', 'accepted'), ('referred', 'declined'), ('referred', 'no-response'), ('referred', 'cancelled'), ('accepted', 'attending'), ('accepted', 'cancelled'), ('attending', 'completed'), ('attending', 'stopped-attending'), ('attending', 'did-not-attend'), ('attending', 'cancelled')
            """,
            """
            CREATE TABLE connections (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                person_id uuid NOT NULL,
                referral_id uuid NOT NULL,
                service_id text NOT NULL CHECK (length(service_id) BETWEEN 1 AND 100),
                service_name text NOT NULL,
                provider_id uuid REFERENCES organisations(id),
                provider_name text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('signposting', 'warm-introduction', 'formal-referral')),
                status text NOT NULL CHECK (status IN ('suggested', 'referred', 'accepted', 'declined', 'no-response', 'attending', 'completed', 'stopped-attending', 'did-not-attend', 'cancelled')),
                shared_items text NOT NULL DEFAULT '',
                shared_details text NOT NULL DEFAULT '{}',
                note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
                response_days integer NOT NULL CHECK (response_days BETWEEN 3 AND 60),
                created_by uuid NOT NULL,
                created_by_name text NOT NULL,
                created_at timestamptz NOT NULL,
                referred_at timestamptz,
                answered_at timestamptz,
                accepted_at timestamptz,
                attended_at timestamptz,
                closed_at timestamptz,
                reminders_sent integer NOT NULL DEFAULT 0 CHECK (reminders_sent BETWEEN 0 AND 2),
                updated_at timestamptz NOT NULL,
                version integer NOT NULL DEFAULT 1,
                UNIQUE (id, organisation_id),
                -- A signposting shares nothing; a formal referral goes to a provider on Linkwell.
                CHECK (kind <> 'signposting' OR shared_items = ''),
                CHECK (kind <> 'formal-referral' OR provider_id IS NOT NULL),
                CHECK (status IN ('suggested', 'cancelled') OR referred_at IS NOT NULL),
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id),
                FOREIGN KEY (created_by, organisation_id) REFERENCES users (id, organisation_id)
            )
            """,
            "CREATE INDEX connections_by_referral ON connections (organisation_id, referral_id, created_at)",
            "CREATE INDEX connections_by_person ON connections (organisation_id, person_id, created_at)",
            """
            CREATE INDEX connections_by_provider ON connections (provider_id, referred_at)
                WHERE provider_id IS NOT NULL AND referred_at IS NOT NULL AND kind <> 'signposting'
            """,
            "CREATE INDEX connections_by_service ON connections (service_id)",
            // What the deadline job reads: formal referrals still waiting for an answer.
            """
            CREATE INDEX connections_awaiting_answer ON connections (referred_at)
                WHERE status = 'referred' AND kind = 'formal-referral'
            """,
            """
            CREATE TABLE connection_status_changes (
                id bigserial PRIMARY KEY,
                connection_id uuid NOT NULL,
                organisation_id uuid NOT NULL,
                from_status text NOT NULL,
                to_status text NOT NULL,
                reason text NOT NULL DEFAULT '',
                actor_kind text NOT NULL CHECK (actor_kind IN ('link-worker', 'provider', 'deadline')),
                actor_id uuid,
                actor_name text NOT NULL,
                occurred_at timestamptz NOT NULL,
                FOREIGN KEY (connection_id, organisation_id) REFERENCES connections (id, organisation_id),
                FOREIGN KEY (from_status, to_status) REFERENCES connection_transitions (from_status, to_status)
            )
            """,
            "CREATE INDEX connection_status_changes_by_connection ON connection_status_changes (connection_id, id)",
            // Emails and text messages to send, written in the same transaction as the
            // change they tell of; the delivery service sends each once (see Outbox).
            """
            CREATE TABLE outbox (
                id uuid PRIMARY KEY,
                organisation_id uuid REFERENCES organisations(id),
                channel text NOT NULL CHECK (channel IN ('email', 'sms')),
                recipient text NOT NULL,
                template text NOT NULL,
                personalisation text NOT NULL,
                state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                last_error text,
                receipt text,
                created_at timestamptz NOT NULL,
                sent_at timestamptz
            )
            """,
            """
            CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state IN ('pending', 'sending')
            """,
            // What users are told in the app (a referral answered, one gone unanswered).
            """
            CREATE TABLE notices (
                id uuid PRIMARY KEY,
                user_id uuid NOT NULL REFERENCES users(id),
                text text NOT NULL,
                href text NOT NULL DEFAULT '',
                created_at timestamptz NOT NULL,
                read_at timestamptz
            )
            """,
            "CREATE INDEX notices_by_user ON notices (user_id, created_at)",
        ])
}
