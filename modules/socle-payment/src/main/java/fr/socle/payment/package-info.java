/** Payments with an exactly-once ledger and reconciliation. */
package fr.socle.payment;
