/**
 * The contract suites of Socle's SPIs: abstract JUnit 5 classes that an implementation's tests
 * extend, so that it is held to exactly what Socle's own implementations are held to.
 *
 * <ul>
 *   <li>{@link fr.socle.testkit.contract.PaymentLedgerContract}: {@code
 *       fr.socle.payment.spi.PaymentLedger} (run on the in-memory, H2 and PostgreSQL ledgers);
 *   <li>{@link fr.socle.testkit.contract.ObjectStoreContract}: {@code
 *       fr.socle.storage.spi.ObjectStore} (run on the in-memory, filesystem and S3 stores);
 *   <li>{@link fr.socle.testkit.contract.ContentScannerContract}: {@code
 *       fr.socle.storage.spi.ContentScanner}, with {@link fr.socle.testkit.contract.EicarScanner},
 *       a scanner that detects only the EICAR test file;
 *   <li>{@link fr.socle.testkit.contract.RateLimitStoreContract}: {@code
 *       fr.socle.onceonly.spi.RateLimitStore} (run on the in-memory and PostgreSQL stores).
 * </ul>
 *
 * <p>Each suite asks for a fresh implementation through one abstract method and runs every test
 * against it; the suites assert outcomes, never timings, so that a loaded CI machine cannot fail
 * them.
 */
package fr.socle.testkit.contract;
