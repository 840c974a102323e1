/**
 * A client of the DGFiP PayFiP web service ("PayFiP Régie Web-service", SOAP 1.1): {@link
 * fr.socle.payment.payfip.PayfipClient}, its request and result types, and the typed SOAP faults.
 *
 * <p>Most applications use {@link fr.socle.payment.Payments}, which adds the ledger, the
 * exactly-once transitions and the reconciliation on top of this client.
 */
package fr.socle.payment.payfip;
