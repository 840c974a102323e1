/**
 * Implementation of the JDBC payment ledger: schema migrations, SQL dialect, statements and row
 * mapping. Not API: may change in any release.
 */
package fr.socle.payment.jdbc.internal;
