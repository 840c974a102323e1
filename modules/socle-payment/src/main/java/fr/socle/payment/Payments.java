package fr.socle.payment;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleException;
import fr.socle.payment.internal.CallbackParameters;
import fr.socle.payment.internal.DailyReports;
import fr.socle.payment.internal.FulfilmentCoordinator;
import fr.socle.payment.internal.FulfilmentRecorder;
import fr.socle.payment.internal.IdOps;
import fr.socle.payment.internal.PaymentSettler;
import fr.socle.payment.internal.PaymentStarter;
import fr.socle.payment.internal.RecheckPolicy;
import fr.socle.payment.internal.Reconciler;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipPaymentRequest;
import fr.socle.payment.spi.PaymentLedger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayFiP payments for one régie, made safe: every payment is recorded in a {@link PaymentLedger}
 * before the payer is redirected, every result is read back from PayFiP server to server (the
 * notification carries nothing but an id and is not signed), every state change is a conditional
 * update of the ledger, and a reconciliation re-queries what is still pending (and, for a while,
 * what it expired or saw abandoned), so that a lost notification never loses a payment, a
 * duplicated one never fulfils twice, and a debt paid twice is fulfilled once.
 *
 * <p>Flow:
 *
 * <ol>
 *   <li>{@link #create(Debt)}: calls {@code creerPaiementSecurise}, records the payment (PENDING)
 *       and returns the URL to redirect the payer to;
 *   <li>PayFiP calls your notification URL and the payer's browser comes back to your return URL,
 *       both with the operation id ({@code idop}, {@code idOp} or {@code IdOp}, GET or POST: use
 *       {@link #idOpFrom(Map)}); call {@link #onNotification(String)} or {@link #onReturn(String)};
 *   <li>the node whose conditional update moves the payment to {@link PaymentState#PAID} claims the
 *       payment's fulfilment in the ledger, calls the {@link PaymentListener}, then records the
 *       fulfilment as done (within {@link Builder#fulfilmentRecordDelay(Duration)});
 *   <li>{@link #reconcile()} (or the scheduler, {@link Builder#reconcileEvery(Duration)}) settles
 *       payments whose notification never came, and calls the listener again for paid (or review)
 *       payments whose fulfilment is not recorded as done and whose claim has expired or was
 *       released.
 * </ol>
 *
 * <p>Fulfilment guarantee: under concurrent duplicate notifications and across nodes sharing the
 * ledger, the listener runs once per payment; if it throws, it is retried by each reconciliation
 * until it returns normally. The only case of a second call is a node stopping (or losing the
 * ledger) after the listener's side effects but before the ledger records them, or a listener
 * running longer than {@link Builder#fulfilmentLease(Duration)}: make the listener idempotent on
 * {@link Payment#idOp()} (see {@link PaymentListener}). Node clocks must agree to well within the
 * lease.
 *
 * <p>The operation id (ignoring case), amount, refdet, numcli and mode PayFiP returns must equal
 * the ledger's; an answer that disagrees with or omits any of them sends the payment to {@link
 * PaymentState#REVIEW}, never paid automatically. A second attempt PayFiP reports paid for a debt
 * already paid goes to REVIEW as a double payment ({@link PaymentListener#onDoublePayment}).
 *
 * <p>Bounded: every lookup has the client's deadline; duplicate notifications of one operation on
 * one node share a single lookup; a reconciliation run has its own deadline and skips lookups that
 * time out.
 *
 * <p>Thread-safe; one instance per régie per process. Several processes may share one ledger.
 * {@link #close()} stops the scheduler and writes the fulfilment records still waiting; the client
 * and the ledger are not closed.
 *
 * <pre>{@code
 * Payments payments = Payments.builder()
 *     .client(payfipClient)
 *     .ledger(JdbcPaymentLedger.create(dataSource))
 *     .numcli("006270")
 *     .notificationUrl(URI.create("https://mairie.example/payfip/notification"))
 *     .returnUrl(URI.create("https://mairie.example/payfip/retour"))
 *     .saisie(Saisie.TEST)
 *     .listener(payment -> invoices.markPaid(payment.refdet()))
 *     .reconcileEvery(Duration.ofMinutes(10))
 *     .build();
 *
 * StartedPayment started = payments.create(new Debt("FACT2026000123", 4250, "Cantine", email));
 * response.sendRedirect(started.redirectUrl().toString());
 * // notification endpoint (GET or POST):
 * Payments.idOpFrom(request.getParameterMap()).ifPresent(payments::onNotification);
 * }</pre>
 */
public final class Payments implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Payments.class);

  /** Default time a payment may stay without a result (P5) or abandoned before it is final. */
  public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofMinutes(20);

  /** Default age before the reconciliation looks a pending payment up. */
  public static final Duration DEFAULT_RECONCILE_AFTER = Duration.ofMinutes(5);

  /** Default time a node holds a payment's fulfilment claim while its listener runs. */
  public static final Duration DEFAULT_FULFILMENT_LEASE = Duration.ofMinutes(10);

  /**
   * Default longest time the record that a listener completed waits to be written with others (see
   * {@link Builder#fulfilmentRecordDelay(Duration)}).
   */
  public static final Duration DEFAULT_FULFILMENT_RECORD_DELAY = Duration.ofMillis(20);

  /** The longest {@link Builder#fulfilmentRecordDelay(Duration)} accepted. */
  public static final Duration MAX_FULFILMENT_RECORD_DELAY = Duration.ofSeconds(1);

  /**
   * Default time during which an expired or abandoned payment is still looked up again by the
   * reconciliation, unless PayFiP forgets it (P1) first.
   */
  public static final Duration DEFAULT_RECHECK_WINDOW = Duration.ofDays(7);

  /** Default longest time a reconciliation run spends looking payments up. */
  public static final Duration DEFAULT_RECONCILE_DEADLINE = Duration.ofMinutes(5);

  private final PaymentLedger ledger;
  private final String numcli;
  private final Saisie saisie;
  private final Clock clock;
  private final PaymentStarter starter;
  private final PaymentSettler settler;
  private final Reconciler reconciler;

  /** Built here from reconcileEvery(...): owned, so shut down by close(). */
  private final ScheduledExecutorService scheduler;

  /** Writes the fulfilment records; owned, so flushed and stopped by close(). */
  private final FulfilmentRecorder recorder;

  Payments(PaymentsBuilder b) {
    PayfipClient client = PaymentsBuilder.required(b.client, "client");
    this.ledger = PaymentsBuilder.required(b.ledger, "ledger");
    this.numcli = PaymentsBuilder.required(b.numcli, "numcli");
    this.saisie = PaymentsBuilder.required(b.saisie, "saisie");
    this.starter =
        new PaymentStarter(
            client,
            ledger,
            numcli,
            PaymentsBuilder.required(b.notificationUrl, "notificationUrl"),
            PaymentsBuilder.required(b.returnUrl, "returnUrl"),
            saisie,
            this::now);
    PaymentListener listener = PaymentsBuilder.required(b.listener, "listener");
    this.clock = b.clock;
    this.recorder =
        new FulfilmentRecorder(
            ledger, b.fulfilmentRecordDelay, "socle-payment-records-" + numcli, this::now);
    FulfilmentCoordinator coordinator =
        new FulfilmentCoordinator(ledger, listener, b.fulfilmentLease, this::now, recorder);
    this.settler =
        new PaymentSettler(
            client,
            ledger,
            coordinator,
            b.pendingTimeout,
            new RecheckPolicy(b.reconcileAfter, b.recheckWindow),
            this::now);
    this.reconciler =
        new Reconciler(
            numcli,
            ledger,
            settler,
            coordinator,
            b.reconcileAfter,
            b.reconcileBatch,
            b.reconcileDeadline,
            this::now);
    if (b.reconcileEvery != null) {
      this.scheduler = Reconciler.newDaemonScheduler("socle-payfip-reconciliation-" + numcli);
      reconciler.scheduleOn(scheduler, b.reconcileEvery);
    } else {
      this.scheduler = null;
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new PaymentsBuilder();
  }

  /**
   * Returns the régie's client number.
   *
   * @return the numcli
   */
  public String numcli() {
    return numcli;
  }

  /**
   * Starts a payment: validates the debt, refuses it if the ledger already holds a paid payment for
   * the same refdet, calls {@code creerPaiementSecurise}, records the payment as PENDING, and only
   * then returns. Each call is a new attempt with a new operation id (PayFiP ids are single use).
   *
   * @param debt what is owed
   * @return the recorded payment and the URL to send the payer to
   * @throws InvalidInputException if the debt is invalid (before any call)
   * @throws DebtAlreadyPaidException if this debt is already paid
   * @throws fr.socle.payment.payfip.PayfipFaultException if PayFiP refused or failed
   * @throws SocleException on any other failure; nothing is recorded, and if PayFiP created the
   *     operation anyway it expires unused
   */
  public StartedPayment create(Debt debt) {
    return starter.start(Objects.requireNonNull(debt, "debt"));
  }

  /**
   * Handles PayFiP's server-to-server notification: looks the result up and applies it. Safe to
   * call any number of times, concurrently, on any node. Answer PayFiP with 200 whatever happens;
   * the reconciliation settles what this call could not.
   *
   * @param idOp the operation id from the notification
   * @return the payment after processing
   * @throws UnknownPaymentException if the id is malformed or not in the ledger (nothing is looked
   *     up)
   * @throws SocleException if PayFiP could not be asked (the payment stays as it was)
   */
  public Payment onNotification(String idOp) {
    return settler.settle(idOp);
  }

  /**
   * Handles the payer's return to the application: same processing as {@link
   * #onNotification(String)}, so the page can show the final state when PayFiP already knows it
   * (the notification often arrives after the browser, or never).
   *
   * @param idOp the operation id from the return URL
   * @return the payment after processing; PENDING means "being processed", show it so
   * @throws UnknownPaymentException if the id is malformed or not in the ledger
   * @throws SocleException if PayFiP could not be asked
   */
  public Payment onReturn(String idOp) {
    return settler.settle(idOp);
  }

  /**
   * Finds a payment in the ledger, without asking PayFiP.
   *
   * @param idOp the operation id
   * @return the payment, if recorded
   */
  public Optional<Payment> find(String idOp) {
    return IdOps.isWellFormed(idOp) ? ledger.find(IdOps.canonical(idOp)) : Optional.empty();
  }

  /**
   * Looks up every payment still pending after {@link Builder#reconcileAfter(Duration)} (at most
   * {@link Builder#reconcileBatch(int)} per run, oldest first), then every expired or abandoned
   * payment whose re-check is due (PayFiP may still report it paid, see {@link
   * Builder#recheckWindow(Duration)}), and applies the results exactly as a notification would.
   *
   * <p>The run is bounded: each lookup by the client's deadline, all lookups together by {@link
   * Builder#reconcileDeadline(Duration)}. A lookup that times out is skipped and retried by the
   * next run; the run stops looking up after three consecutive timeouts, after any other technical
   * failure (PayFiP looks unavailable), or when its deadline has passed. Then it calls the listener
   * for this régie's paid and review payments whose fulfilment is not recorded as done and not
   * claimed by a live lease (the listener threw, or a node stopped before recording it), at most
   * {@link Builder#reconcileBatch(int)} of them. Safe on several nodes at once.
   *
   * @return what the run did
   * @throws fr.socle.core.SocleClientException if the ledger fails while listing payments
   */
  public ReconciliationResult reconcile() {
    recorder.flush();
    return reconciler.run();
  }

  /**
   * Lists this régie's paid and review payments whose listener call has not completed yet (it
   * failed, is running, or its node stopped), least recently changed first: what an operator
   * watches. The reconciliation retries them.
   *
   * @param limit the most returned, positive
   * @return the payments, possibly empty
   */
  public List<Payment> awaitingFulfilment(int limit) {
    recorder.flush();
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return ledger.findAwaitingFulfilment(limit).stream()
        .filter(p -> p.numcli().equals(numcli))
        .collect(java.util.stream.Collectors.toList());
  }

  /**
   * Tells when the listener call completed for a payment, as recorded in the ledger.
   *
   * @param idOp the operation id
   * @return the time, empty if not completed (or not needed, or unknown payment)
   */
  public Optional<Instant> fulfilledAt(String idOp) {
    recorder.flush();
    return IdOps.isWellFormed(idOp) ? ledger.fulfilledAt(IdOps.canonical(idOp)) : Optional.empty();
  }

  /**
   * Counts and totals, by state, the payments of this régie created on a day.
   *
   * @param day the day, in Europe/Paris
   * @return the report
   */
  public DailyReport dailyReport(LocalDate day) {
    return dailyReport(ledger, numcli, day);
  }

  /**
   * Counts and totals, by state, the payments of any régie of a ledger created on a day.
   *
   * @param ledger the ledger
   * @param numcli the régie
   * @param day the day, in Europe/Paris
   * @return the report
   */
  public static DailyReport dailyReport(PaymentLedger ledger, String numcli, LocalDate day) {
    return DailyReports.of(
        Objects.requireNonNull(ledger, "ledger"),
        PayfipPaymentRequest.requireNumcli(numcli),
        Objects.requireNonNull(day, "day"));
  }

  /**
   * Extracts the operation id from the parameters of a notification or return, whatever their
   * source (query string or form, GET or POST) and the spelling PayFiP used ({@code idop}, {@code
   * idOp}, {@code IdOp}: any case).
   *
   * @param parameters for example a servlet's {@code getParameterMap()}; values may be {@code
   *     String}, {@code String[]} or a collection of strings
   * @return the id, empty if absent, malformed, or given twice with different values
   */
  public static Optional<String> idOpFrom(Map<String, ?> parameters) {
    return CallbackParameters.idOpFrom(Objects.requireNonNull(parameters, "parameters"));
  }

  /** Microsecond precision: what SQL timestamps keep, so that every ledger holds the same value. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Stops the reconciliation scheduler, if any, and writes the fulfilment records still waiting
   * (see {@link Builder#fulfilmentRecordDelay(Duration)}). Does not close the client or the ledger.
   */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    recorder.close();
  }

  @Override
  public String toString() {
    return "Payments[numcli=" + numcli + ", saisie=" + saisie + "]";
  }

  /** Builds {@link Payments}. Not thread-safe; start one with {@link Payments#builder()}. */
  public interface Builder {

    /**
     * Sets the PayFiP client (required).
     *
     * @param client the client, shared
     * @return this builder
     */
    Builder client(PayfipClient client);

    /**
     * Sets the ledger (required).
     *
     * @param ledger shared by every node that handles this régie's notifications
     * @return this builder
     */
    Builder ledger(PaymentLedger ledger);

    /**
     * Sets the régie's PayFiP client number (required).
     *
     * @param numcli 6 digits, given by the DGFiP
     * @return this builder
     */
    Builder numcli(String numcli);

    /**
     * Sets the URL PayFiP notifies server to server (required; {@code urlnotif}).
     *
     * @param url absolute http(s), at most 250 characters; must be reachable from PayFiP's servers
     * @return this builder
     * @throws InvalidInputException if the URL is not one PayFiP accepts
     */
    Builder notificationUrl(URI url);

    /**
     * Sets the URL the payer's browser returns to (required; {@code urlredirect}).
     *
     * @param url absolute http(s), at most 250 characters
     * @return this builder
     * @throws InvalidInputException if the URL is not one PayFiP accepts
     */
    Builder returnUrl(URI url);

    /**
     * Sets the mode (required): {@link Saisie#TEST}, then {@link Saisie#ACTIVATION}, then {@link
     * Saisie#PRODUCTION}.
     *
     * @param saisie the mode
     * @return this builder
     */
    Builder saisie(Saisie saisie);

    /**
     * Sets the fulfilment listener (required).
     *
     * @param listener called once per paid payment (see {@link PaymentListener} for the retries)
     * @return this builder
     */
    Builder listener(PaymentListener listener);

    /**
     * Sets the clock.
     *
     * @param clock default the system UTC clock
     * @return this builder
     */
    Builder clock(Clock clock);

    /**
     * Sets how long a payment may stay without result (P5) or abandoned (A) before it is settled as
     * expired or abandoned.
     *
     * @param timeout positive; default 20 minutes
     * @return this builder
     */
    Builder pendingTimeout(Duration timeout);

    /**
     * Sets how old a pending payment must be before the reconciliation looks it up.
     *
     * @param age zero or positive; default 5 minutes
     * @return this builder
     */
    Builder reconcileAfter(Duration age);

    /**
     * Sets the most payments one reconciliation run looks up.
     *
     * @param batch positive; default 500
     * @return this builder
     */
    Builder reconcileBatch(int batch);

    /**
     * Sets how long a node holds a payment's fulfilment claim while its listener runs. If the node
     * stops (or the listener is still running) when the claim expires, the next reconciliation on
     * any node calls the listener again: choose it well above the listener's longest run.
     *
     * @param lease positive; default 10 minutes
     * @return this builder
     */
    Builder fulfilmentLease(Duration lease);

    /**
     * Sets how long the record that a listener completed may wait to be written together with the
     * others that complete meanwhile. The payment's state and its fulfilment claim are always
     * committed before the listener runs; only this record waits, so that a busy node writes one
     * statement for tens of records instead of one per payment (on PostgreSQL this is most of the
     * cost left after the state change). While it waits, the payment is listed by {@link
     * Payments#awaitingFulfilment(int)} and has no {@link Payments#fulfilledAt(String)} on the
     * other nodes (on this one, these calls and {@link Payments#reconcile()} write what waits
     * first); no node runs its listener again, since the claim holds. If the process stops abruptly
     * meanwhile, the listener is called again after the lease, as when a node stops between the
     * listener and the record. {@link Payments#close()} writes what waits.
     *
     * @param delay between zero (each record is written before {@code onNotification} returns) and
     *     {@link #MAX_FULFILMENT_RECORD_DELAY}; default {@link #DEFAULT_FULFILMENT_RECORD_DELAY}
     * @return this builder
     * @throws InvalidInputException if out of range
     */
    Builder fulfilmentRecordDelay(Duration delay);

    /**
     * Runs {@link #reconcile()} in a background daemon thread at this interval, until {@link
     * Payments#close()}.
     *
     * @param interval positive; off by default
     * @return this builder
     */
    Builder reconcileEvery(Duration interval);

    /**
     * Sets how long after its creation an {@link PaymentState#EXPIRED} or {@link
     * PaymentState#ABANDONED} payment is still looked up again by the reconciliation, in case the
     * payer paid after all (a notification lost after a late payment). Re-checks stop earlier when
     * PayFiP answers P1 (it forgot the operation), and are spaced out: at half the payment's age,
     * between {@link #reconcileAfter(Duration)} (at least a minute) and 6 hours.
     *
     * @param window positive; default {@link #DEFAULT_RECHECK_WINDOW} (7 days)
     * @return this builder
     */
    Builder recheckWindow(Duration window);

    /**
     * Sets the longest time one {@link #reconcile()} run may spend looking payments up. When it has
     * passed, the run looks nothing more up (the rest waits for the next run) and goes on with the
     * fulfilment retries, which need no PayFiP call. Each lookup is bounded by the client's
     * deadline on top of this.
     *
     * @param deadline positive; default {@link #DEFAULT_RECONCILE_DEADLINE}
     * @return this builder
     */
    Builder reconcileDeadline(Duration deadline);

    /**
     * Builds the instance.
     *
     * @return a new instance
     * @throws InvalidInputException if a required setting is missing
     */
    Payments build();
  }
}
