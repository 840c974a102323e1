/**
 * The payment ledger on PostgreSQL or H2: {@link fr.socle.payment.jdbc.JdbcPaymentLedger}, with
 * exactly-once state changes decided by the database.
 */
package fr.socle.payment.jdbc;
