import LinkwellStore

extension SQLiteMigrations {
    /// Referrals, people, contacts, "what matters", plans and their versions,
    /// the needs list, and referral settings on organisations.
    static let casework = Migration(
        number: 2, name: "casework",
        statements: [
            "ALTER TABLE organisations ADD COLUMN accepts_referrals INTEGER NOT NULL DEFAULT 0 CHECK (accepts_referrals IN (0, 1))",
            "ALTER TABLE organisations ADD COLUMN self_referral_enabled INTEGER NOT NULL DEFAULT 0 CHECK (self_referral_enabled IN (0, 1))",
            // Lets casework tables insist that a user they name is of the same organisation.
            "CREATE UNIQUE INDEX users_by_id_and_organisation ON users (id, organisation_id)",
            """
            CREATE TABLE needs (
                code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 60),
                label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
                is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
                position INTEGER NOT NULL
            ) STRICT
            """,
            "INSERT INTO needs (code, label, is_active, position) VALUES ('loneliness', 'Loneliness and isolation', 1, 1)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('money', 'Money and debt', 1, 2)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('housing', 'Housing', 1, 3)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('relationships', 'Relationships', 1, 4)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('mental_wellbeing', 'Mental wellbeing', 1, 5)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('physical_activity', 'Physical activity', 1, 6)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('long_term_condition', 'Long-term condition support', 1, 7)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('carer_support', 'Carer support', 1, 8)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('employment_learning', 'Employment and learning', 1, 9)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('bereavement', 'Bereavement', 1, 10)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('substance_use', 'Substance use', 1, 11)",
            "INSERT INTO needs (code, label, is_active, position) VALUES ('other', 'Other', 1, 12)",
            """
            CREATE TABLE people (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                name_key TEXT NOT NULL,
                preferred_name TEXT,
                date_of_birth TEXT NOT NULL CHECK (date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                nhs_number TEXT CHECK (nhs_number IS NULL OR length(nhs_number) = 10),
                address TEXT NOT NULL DEFAULT '',
                postcode TEXT,
                phone TEXT,
                email TEXT,
                preferred_contact TEXT NOT NULL CHECK (preferred_contact IN ('phone', 'text', 'email', 'letter', 'in_person')),
                contact_times TEXT NOT NULL DEFAULT '',
                language TEXT NOT NULL,
                interpreter_needed INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_needed IN (0, 1)),
                risk_flag TEXT,
                safeguarding_flag TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                UNIQUE (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX people_by_nhs_number ON people (organisation_id, nhs_number)",
            "CREATE INDEX people_by_birth_date ON people (organisation_id, date_of_birth)",
            // The moves a referral may make (ReferralStatus.allowedTransitions, plus "new" to
            // received on creation); a status change naming any other is refused.
            """
            CREATE TABLE referral_transitions (
                from_status TEXT NOT NULL,
                to_status TEXT NOT NULL,
                PRIMARY KEY (from_status, to_status)
            ) STRICT
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
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                person_id TEXT NOT NULL,
                received_at TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('staff', 'self')),
                referrer_practice_id TEXT,
                referrer_organisation TEXT NOT NULL,
                referrer_name TEXT NOT NULL,
                referrer_role TEXT NOT NULL,
                details TEXT NOT NULL DEFAULT '',
                urgency TEXT NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
                consent_given_by TEXT NOT NULL CHECK (consent_given_by IN ('person', 'representative')),
                consent_representative TEXT,
                consent_given_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('received', 'accepted', 'declined', 'redirected', 'active', 'discharged', 'withdrawn')),
                snomed_code TEXT NOT NULL,
                assigned_to TEXT,
                redirected_to TEXT,
                discharge_reason TEXT CHECK (discharge_reason IS NULL OR discharge_reason IN ('goals_met', 'declined_further_support', 'moved_away', 'no_contact', 'statutory_service', 'died', 'other')),
                discharge_summary TEXT,
                closed_at TEXT,
                possible_duplicate_of TEXT,
                updated_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                UNIQUE (id, organisation_id),
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
                FOREIGN KEY (referrer_practice_id, organisation_id) REFERENCES practices (id, organisation_id),
                FOREIGN KEY (assigned_to, organisation_id) REFERENCES users (id, organisation_id),
                FOREIGN KEY (possible_duplicate_of, organisation_id) REFERENCES people (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX referrals_by_status ON referrals (organisation_id, status, received_at)",
            "CREATE INDEX referrals_by_assignee ON referrals (organisation_id, assigned_to, status)",
            "CREATE INDEX referrals_by_person ON referrals (organisation_id, person_id)",
            """
            CREATE TABLE referral_reasons (
                referral_id TEXT NOT NULL,
                organisation_id TEXT NOT NULL,
                need_code TEXT NOT NULL REFERENCES needs(code),
                position INTEGER NOT NULL,
                PRIMARY KEY (referral_id, need_code),
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX referral_reasons_by_need ON referral_reasons (organisation_id, need_code)",
            """
            CREATE TABLE referral_status_changes (
                id INTEGER PRIMARY KEY NOT NULL,
                referral_id TEXT NOT NULL,
                organisation_id TEXT NOT NULL,
                from_status TEXT NOT NULL,
                to_status TEXT NOT NULL,
                reason TEXT NOT NULL DEFAULT '',
                actor_id TEXT,
                actor_name TEXT NOT NULL,
                occurred_at TEXT NOT NULL,
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id),
                FOREIGN KEY (from_status, to_status) REFERENCES referral_transitions (from_status, to_status)
            ) STRICT
            """,
            "CREATE INDEX referral_status_changes_by_referral ON referral_status_changes (referral_id, id)",
            """
            CREATE TABLE contacts (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL,
                person_id TEXT NOT NULL,
                referral_id TEXT NOT NULL,
                occurred_on TEXT NOT NULL,
                duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
                mode TEXT NOT NULL CHECK (mode IN ('face_to_face', 'phone', 'video', 'home_visit', 'group', 'text_or_email')),
                note TEXT NOT NULL DEFAULT '',
                recorded_by TEXT NOT NULL,
                recorded_by_name TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id),
                FOREIGN KEY (recorded_by, organisation_id) REFERENCES users (id, organisation_id)
            ) STRICT
            """,
            "CREATE INDEX contacts_by_person ON contacts (organisation_id, person_id, occurred_on)",
            "CREATE INDEX contacts_by_referral ON contacts (referral_id, occurred_on)",
            """
            CREATE TABLE what_matters (
                person_id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL,
                document TEXT NOT NULL,
                updated_by TEXT,
                updated_by_name TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                version INTEGER NOT NULL,
                FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id)
            ) STRICT
            """,
            """
            CREATE TABLE plans (
                referral_id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL,
                document TEXT NOT NULL,
                review_on TEXT,
                version INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id)
            ) STRICT
            """,
            """
            CREATE TABLE plan_versions (
                referral_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                organisation_id TEXT NOT NULL,
                document TEXT NOT NULL,
                summary TEXT NOT NULL,
                saved_by TEXT,
                saved_by_name TEXT NOT NULL,
                saved_at TEXT NOT NULL,
                PRIMARY KEY (referral_id, version),
                FOREIGN KEY (referral_id, organisation_id) REFERENCES referrals (id, organisation_id)
            ) STRICT
            """,
            """
            CREATE TABLE rate_limit_attempts (
                key TEXT NOT NULL,
                occurred_at TEXT NOT NULL
            ) STRICT
            """,
            "CREATE INDEX rate_limit_attempts_by_key ON rate_limit_attempts (key, occurred_at)",
        ])
}
