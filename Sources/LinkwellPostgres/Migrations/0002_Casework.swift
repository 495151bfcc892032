import LinkwellStore

extension PostgresMigrations {
    /// Referrals, people, contacts, "what matters", plans and their versions,
    /// the needs list, and referral settings on organisations.
    static let casework = Migration(
        number: 2, name: "casework",
        statements: [
            "ALTER TABLE organisations ADD COLUMN accepts_referrals boolean NOT NULL DEFAULT false",
            "ALTER TABLE organisations ADD COLUMN self_referral_enabled boolean NOT NULL DEFAULT false",
            // Lets casework tables insist that a user they name is of the same organisation.
            "CREATE UNIQUE INDEX users_by_id_and_organisation ON users (id, organisation_id)",
            """
            CREATE TABLE needs (
                code text PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 60),
                label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
                is_active boolean NOT NULL DEFAULT true,
                position integer NOT NULL
            )
            """,
            "INSERT INTO needs (code, label, is_active, position) VALUES ('loneliness', 'Loneliness and isolation', true, 1)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('money', 'Money and debt', true, 2)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('housing', 'Housing', true, 3)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('relationships', 'Relationships', true, 4)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('mental_wellbeing', 'Mental wellbeing', true, 5)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('physical_activity', 'Physical activity', true, 6)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('long_term_condition', 'Long-term condition support', true, 7)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('carer_support', 'Carer support', true, 8)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('employment_learning', 'Employment and learning', true, 9)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('bereavement', 'Bereavement', true, 10)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('substance_use', 'Substance use', true, 11)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('other', 'Other', true, 12)",
            """
            CREATE TABLE people (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                name_key text NOT NULL,
                preferred_name text,
                date_of_birth date NOT NULL,
                nhs_number text CHECK (nhs_number IS NULL OR length(nhs_number) = 10),
                address text NOT NULL DEFAULT '',
                postcode text,
                phone text,
                email text,
                preferred_contact text NOT NULL CHECK (preferred_contact IN ('phone', 'text', 'email', 'letter', 'in_person')),
                contact_times text NOT NULL DEFAULT '',
                language text NOT NULL,
                interpreter_needed boolean NOT NULL DEFAULT false,
                risk_flag text,
                safeguarding_flag text,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                version integer NOT NULL DEFAULT 1,
                UNIQUE (id, organisation_id)
            )
            """,
            "CREATE INDEX people_by_nhs_number ON people (organisation_id, nhs_number)",
            "CREATE INDEX people_by_birth_date ON people (organisation_id, date_of_birth)",
            // The moves a referral may make (ReferralStatus.allowedTransitions, plus "new" to
            // received on creation); a status change naming any other is refused.
            """
            CREATE TABLE referral_transitions (
                from_status text NOT NULL,
                to_status text NOT NULL,
                PRIMARY KEY (from_status, to_status)
            )
            """,
            "INSERT INTO referral_transitions (from_status, to_status) VALUES ('new', 'received')",
            "INSERT INTO referral_transitions (from_status, to_status) VALUES ('received', 'accepted')",
            "INSERT INTO referral_transitions (from_status, to_status) VALUES ('received', 'declined')",
            "INSERT INTO referral_transitions (from_status, to_status) VALUES ('received', 'redirected')",
            "INSERT INTO referral_transitions (from_status, to_status) VALUES ('received', 'withdrawn')",
            "INSERT INTO referral_transitions (from_status, to_status) VALUES ('accepted', 'active')",
            "INSERT INTO referral_transitions (from_status, to_status) VALUES ('accepted', 'withdrawn')",
            "INSERT INTO referral_transitions (from_status, to_status) VALUES ('active', 'discharged')",
            "INSERT INTO referral_transitions (from_status, to_status) VALUES ('active', 'withdrawn')",
            """
            CREATE TABLE referrals (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL REFERENCES organisations(id),
                person_id uuid NOT NULL,
                received_at timestamptz NOT NULL,
                source text NOT NULL CHECK (source IN ('staff', 'self')),
                referrer_practice_id uuid,
                referrer_organisation text NOT NULL,
                referrer_name text NOT NULL,
                referrer_role text NOT NULL,
                details text NOT NULL DEFAULT '',
                urgency text NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
                consent_given_by text NOT NULL CHECK (consent_given_by IN ('person', 'representative')),
                consent_representative text,
                consent_given_on date NOT NULL,
                status text NOT NULL CHECK (status IN ('received', 'accepted', 'declined', 'redirected', 'active', 'discharged', 'withdrawn')),
                snomed_code text NOT NULL,
                assigned_to uuid,
                redirected_to text,
                discharge_reason text CHECK (discharge_reason IS NULL OR discharge_reason IN ('goals_met', 'declined_further_support', 'moved_away', 'no_contact', 'statutory_service', 'died', 'other')),
                discharge_summary text,
                closed_at timestamptz,
                possible_duplicate_of uuid,
                updated_at timestamptz NOT NULL,
                version integer NOT NULL DEFAULT 1,
                UNIQUE (id, organisation_id),
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
                FOREIGN KEY (referrer_practice_id, organisation_id) REFERENCES practices (id, organisation_id),
                FOREIGN KEY (assigned_to, organisation_id) REFERENCES users (id, organisation_id),
                FOREIGN KEY (possible_duplicate_of, organisation_id) REFERENCES people (id, organisation_id)
            )
            """,
            "CREATE INDEX referrals_by_status ON referrals (organisation_id, status, received_at)",
            "CREATE INDEX referrals_by_assignee ON referrals (organisation_id, assigned_to, status)",
            "CREATE INDEX referrals_by_person ON referrals (organisation_id, person_id)",
            """
            CREATE TABLE referral_reasons (
                referral_id uuid NOT NULL,
                organisation_id uuid NOT NULL,
                need_code text NOT NULL REFERENCES needs(code),
                position integer NOT NULL,
                PRIMARY KEY (referral_id, need_code),
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id)
            )
            """,
            "CREATE INDEX referral_reasons_by_need ON referral_reasons (organisation_id, need_code)",
            """
            CREATE TABLE referral_status_changes (
                id bigserial PRIMARY KEY,
                referral_id uuid NOT NULL,
                organisation_id uuid NOT NULL,
                from_status text NOT NULL,
                to_status text NOT NULL,
                reason text NOT NULL DEFAULT '',
                actor_id uuid,
                actor_name text NOT NULL,
                occurred_at timestamptz NOT NULL,
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id),
                FOREIGN KEY (from_status, to_status) REFERENCES referral_transitions (from_status, to_status)
            )
            """,
            "CREATE INDEX referral_status_changes_by_referral ON referral_status_changes (referral_id, id)",
            """
            CREATE TABLE contacts (
                id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL,
                person_id uuid NOT NULL,
                referral_id uuid NOT NULL,
                occurred_on date NOT NULL,
                duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
                mode text NOT NULL CHECK (mode IN ('face_to_face', 'phone', 'video', 'home_visit', 'group', 'text_or_email')),
                note text NOT NULL DEFAULT '',
                recorded_by uuid NOT NULL,
                recorded_by_name text NOT NULL,
                recorded_at timestamptz NOT NULL,
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id),
                FOREIGN KEY (recorded_by, organisation_id) REFERENCES users (id, organisation_id)
            )
            """,
            "CREATE INDEX contacts_by_person ON contacts (organisation_id, person_id, occurred_on)",
            "CREATE INDEX contacts_by_referral ON contacts (referral_id, occurred_on)",
            """
            CREATE TABLE what_matters (
                person_id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL,
                document text NOT NULL,
                updated_by uuid,
                updated_by_name text NOT NULL,
                updated_at timestamptz NOT NULL,
                version integer NOT NULL,
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id)
            )
            """,
            """
            CREATE TABLE plans (
                referral_id uuid PRIMARY KEY,
                organisation_id uuid NOT NULL,
                document text NOT NULL,
                review_on date,
                version integer NOT NULL,
                updated_at timestamptz NOT NULL,
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id)
            )
            """,
            """
            CREATE TABLE plan_versions (
                referral_id uuid NOT NULL,
                version integer NOT NULL,
                organisation_id uuid NOT NULL,
                document text NOT NULL,
                summary text NOT NULL,
                saved_by uuid,
                saved_by_name text NOT NULL,
                saved_at timestamptz NOT NULL,
                PRIMARY KEY (referral_id, version),
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id)
            )
            """,
            """
            CREATE TABLE rate_limit_attempts (
                key text NOT NULL,
                occurred_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX rate_limit_attempts_by_key ON rate_limit_attempts (key, occurred_at)",
        ])
}
