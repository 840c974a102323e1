/**
 * Extension points of the payment block: the {@link fr.socle.payment.spi.PaymentLedger} that stores
 * payments and decides, by conditional update, which caller wins a state transition. {@link
 * fr.socle.payment.spi.InMemoryPaymentLedger} is the single-node default; {@code
 * socle-payment-jdbc} provides PostgreSQL and H2.
 */
package fr.socle.payment.spi;
