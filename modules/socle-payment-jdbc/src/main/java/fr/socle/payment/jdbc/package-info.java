/** Payment ledger on PostgreSQL and H2. */
package fr.socle.payment.jdbc;
