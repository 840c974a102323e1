package fr.socle.payment.jdbc.internal;

/** What differs between the databases the ledger runs on. */
public enum Dialect {
  /** PostgreSQL. */
  POSTGRESQL,
  /** Standard SQL only (H2, and any other database). */
  PORTABLE;

  /**
   * A condition, to append to an {@code UPDATE}'s {@code WHERE} clause, that commits the
   * statement's transaction without waiting for its WAL flush where the database allows it
   * (PostgreSQL: a transaction-local {@code synchronous_commit=off}, set inside the statement so
   * that it stays one round trip); empty elsewhere.
   *
   * @return the condition, starting with {@code " AND "}, or an empty string
   */
  public String asynchronousCommit() {
    return this == POSTGRESQL
        ? " AND (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL"
        : "";
  }
}
