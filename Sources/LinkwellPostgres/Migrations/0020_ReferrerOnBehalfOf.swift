import LinkwellStore

extension PostgresMigrations {
    /// Whom a signed-in referrer referred for, when the form named someone
    /// else: the referrer of record is always the one signed in.
    static let referrerOnBehalfOf = Migration(
        number: 20, name: "referrer_on_behalf_of",
        statements: [
            "ALTER TABLE referrals ADD COLUMN referrer_on_behalf_of text CHECK (length(referrer_on_behalf_of) <= 300)"
        ])
}
