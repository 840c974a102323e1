package fr.socle.payment;

import fr.socle.core.SocleClientException;
import fr.socle.core.SocleException;
import fr.socle.payment.internal.IdOps;
import fr.socle.payment.internal.ParisTime;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipFunctionalException;
import fr.socle.payment.payfip.PayfipPaymentDetail;
import fr.socle.payment.payfip.PayfipPaymentRequest;
import fr.socle.payment.payfip.PaymentMeans;
import fr.socle.payment.payfip.Saisie;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.payment.spi.StateTransition;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayFiP payments for one régie, made safe: every payment is recorded in a {@link PaymentLedger}
 * before the payer is redirected, every result is read back from PayFiP server to server (the
 * notification carries nothing but an id and is not signed), every state change is a conditional
 * update of the ledger, and a reconciliation re-queries what is still pending, so that a lost
 * notification never loses a payment and a duplicated one never fulfils twice.
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
 *       fulfilment as done;
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
 * <p>The amount, refdet, numcli and mode PayFiP returns must equal the ledger's; otherwise the
 * payment goes to {@link PaymentState#REVIEW} and is never paid automatically.
 *
 * <p>Thread-safe; one instance per régie per process. Several processes may share one ledger.
 * {@link #close()} stops the scheduler; the client and the ledger are not closed.
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

  private static final Set<PaymentState> OPEN =
      EnumSet.of(PaymentState.PENDING, PaymentState.EXPIRED);

  private final PayfipClient client;
  private final PaymentLedger ledger;
  private final String numcli;
  private final URI notificationUrl;
  private final URI returnUrl;
  private final Saisie saisie;
  private final PaymentListener listener;
  private final Clock clock;
  private final Duration pendingTimeout;
  private final Duration reconcileAfter;
  private final int reconcileBatch;
  private final Duration fulfilmentLease;
  private final ScheduledExecutorService scheduler;

  private Payments(Builder b) {
    this.client = Objects.requireNonNull(b.client, "client");
    this.ledger = Objects.requireNonNull(b.ledger, "ledger");
    this.numcli = PayfipPaymentRequest.requireNumcli(b.numcli);
    this.notificationUrl = Objects.requireNonNull(b.notificationUrl, "notificationUrl");
    this.returnUrl = Objects.requireNonNull(b.returnUrl, "returnUrl");
    this.saisie = Objects.requireNonNull(b.saisie, "saisie");
    this.listener = Objects.requireNonNull(b.listener, "listener");
    this.clock = b.clock;
    this.pendingTimeout = b.pendingTimeout;
    this.reconcileAfter = b.reconcileAfter;
    this.reconcileBatch = b.reconcileBatch;
    this.fulfilmentLease = b.fulfilmentLease;
    if (b.reconcileEvery != null) {
      this.scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "socle-payfip-reconciliation-" + numcli);
                t.setDaemon(true);
                return t;
              });
      long period = b.reconcileEvery.toMillis();
      scheduler.scheduleWithFixedDelay(
          this::reconcileQuietly, period, period, TimeUnit.MILLISECONDS);
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
    return new Builder();
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
   * @throws SocleClientException if the debt is invalid (before any call)
   * @throws DebtAlreadyPaidException if this debt is already paid
   * @throws fr.socle.payment.payfip.PayfipFaultException if PayFiP refused or failed
   * @throws SocleException on any other failure; nothing is recorded, and if PayFiP created the
   *     operation anyway it expires unused
   */
  public StartedPayment create(Debt debt) {
    Objects.requireNonNull(debt, "debt");
    Instant now = now();
    int exer = now.atZone(ParisTime.PARIS).getYear();
    PayfipPaymentRequest request =
        new PayfipPaymentRequest(
            numcli,
            exer,
            debt.refdet(),
            debt.label(),
            debt.amountCents(),
            debt.payerEmail(),
            notificationUrl,
            returnUrl,
            saisie);
    for (Payment previous : ledger.findByRefdet(numcli, request.refdet())) {
      if (previous.state() == PaymentState.PAID) {
        throw new DebtAlreadyPaidException(
            "debt " + request.refdet() + " of numcli " + numcli + " is already paid");
      }
    }
    String idOp = client.createPayment(request);
    Payment payment =
        Payment.pending(
            idOp,
            numcli,
            request.refdet(),
            exer,
            request.amountCents(),
            request.objet(),
            request.mel(),
            saisie,
            now);
    ledger.insert(payment);
    log.debug("payment {} created for refdet {}", idOp, request.refdet());
    return new StartedPayment(payment, client.paymentPageUrl(idOp));
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
    return settle(idOp);
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
    return settle(idOp);
  }

  /**
   * Finds a payment in the ledger, without asking PayFiP.
   *
   * @param idOp the operation id
   * @return the payment, if recorded
   */
  public Optional<Payment> find(String idOp) {
    return IdOps.isWellFormed(idOp) ? ledger.find(idOp) : Optional.empty();
  }

  /**
   * Looks up every payment still pending after {@link Builder#reconcileAfter(Duration)} (at most
   * {@link Builder#reconcileBatch(int)} per run, oldest first) and applies the results, exactly as
   * a notification would; stops looking up early if PayFiP looks unavailable. Then calls the
   * listener for this régie's paid and review payments whose fulfilment is not recorded as done and
   * not claimed by a live lease (the listener threw, or a node stopped before recording it), at
   * most {@link Builder#reconcileBatch(int)} of them. Safe on several nodes at once.
   *
   * @return what the run did
   * @throws fr.socle.core.SocleClientException if the ledger fails while listing payments
   */
  public ReconciliationResult reconcile() {
    Instant now = now();
    List<Payment> pending =
        ledger.findByState(PaymentState.PENDING, now.minus(reconcileAfter), reconcileBatch);
    int examined = 0;
    int settled = 0;
    int paid = 0;
    int stillPending = 0;
    int errors = 0;
    int fulfilled = 0;
    int fulfilmentFailures = 0;
    boolean interrupted = false;
    Set<String> attempted = new java.util.HashSet<>();
    for (Payment p : pending) {
      examined++;
      try {
        Outcome outcome = apply(p);
        if (outcome.fulfilment != Fulfilment.NONE) {
          attempted.add(p.idOp()); // a listener that just failed waits for the next run
        }
        if (outcome.fulfilment == Fulfilment.DONE) {
          fulfilled++;
        } else if (outcome.fulfilment == Fulfilment.FAILED) {
          fulfilmentFailures++;
        }
        if (outcome.changed) {
          settled++;
          if (outcome.payment.state() == PaymentState.PAID) {
            paid++;
          }
        } else if (outcome.payment.state() == PaymentState.PENDING) {
          stillPending++;
        }
      } catch (PayfipFunctionalException e) {
        errors++;
        log.warn("PayFiP reconciliation of {} refused: {}", p.idOp(), e.getMessage());
      } catch (SocleException e) {
        // Technical fault, timeout, I/O error, open breaker, garbage: PayFiP looks unavailable,
        // and the DGFiP asks to space retries after a technical error. Stop this run.
        errors++;
        interrupted = true;
        log.warn("PayFiP reconciliation stopped, PayFiP unavailable: {}", e.getMessage());
        break;
      }
    }
    for (Payment p : ledger.findClaimableFulfilments(now(), reconcileBatch)) {
      if (!p.numcli().equals(numcli) || attempted.contains(p.idOp())) {
        continue; // another régie's (its own Payments fulfils it), or tried above
      }
      Fulfilment f = fulfil(p);
      if (f == Fulfilment.DONE) {
        fulfilled++;
      } else if (f == Fulfilment.FAILED) {
        fulfilmentFailures++;
      }
    }
    return new ReconciliationResult(
        examined, settled, paid, stillPending, errors, interrupted, fulfilled, fulfilmentFailures);
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
    if (limit < 1) {
      throw new SocleClientException("limit must be positive");
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
    return IdOps.isWellFormed(idOp) ? ledger.fulfilledAt(idOp) : Optional.empty();
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
    PayfipPaymentRequest.requireNumcli(numcli);
    Instant from = day.atStartOfDay(ParisTime.PARIS).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(ParisTime.PARIS).toInstant();
    Map<PaymentState, StateTotal> byState = new EnumMap<>(PaymentState.class);
    for (StateTotal t : ledger.totals(numcli, from, to)) {
      byState.put(t.state(), t);
    }
    return new DailyReport(numcli, day, byState);
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
    String found = null;
    for (Map.Entry<String, ?> e : parameters.entrySet()) {
      if (e.getKey() == null || !"idop".equals(e.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : values(e.getValue())) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
          continue;
        }
        if (found != null && !found.equals(v)) {
          return Optional.empty();
        }
        found = v;
      }
    }
    return IdOps.isWellFormed(found) ? Optional.of(found) : Optional.empty();
  }

  private static List<String> values(Object value) {
    if (value instanceof String) {
      return List.of((String) value);
    }
    if (value instanceof String[]) {
      return java.util.Arrays.asList((String[]) value);
    }
    if (value instanceof Collection) {
      return ((Collection<?>) value)
          .stream()
              .map(o -> o == null ? null : o.toString())
              .collect(java.util.stream.Collectors.toList());
    }
    return List.of();
  }

  private Payment settle(String idOp) {
    if (!IdOps.isWellFormed(idOp)) {
      throw new UnknownPaymentException("malformed PayFiP operation id");
    }
    Payment p =
        ledger
            .find(idOp)
            .orElseThrow(
                () -> new UnknownPaymentException("no payment recorded for operation " + idOp));
    if (p.state().isFinal()) {
      return p;
    }
    return apply(p).payment;
  }

  private Outcome apply(Payment p) {
    Instant now = now();
    boolean timedOut = !now.isBefore(p.createdAt().plus(pendingTimeout));
    PayfipPaymentDetail d;
    try {
      d = client.paymentDetail(p.idOp());
    } catch (PayfipFunctionalException e) {
      if (e.isUnknownOperation() || (e.isResultNotYetKnown() && timedOut)) {
        String code = e.code().orElse("");
        return move(
            p, EnumSet.of(PaymentState.PENDING), PaymentState.EXPIRED, now, null, code, null);
      }
      if (e.isResultNotYetKnown()) {
        return new Outcome(p, false, Fulfilment.NONE);
      }
      throw e;
    }
    String mismatch = mismatch(p, d);
    if (mismatch != null) {
      log.warn("PayFiP result for {} flagged for review: {}", p.idOp(), mismatch);
      return move(p, OPEN, PaymentState.REVIEW, now, d, d.resultrans(), mismatch);
    }
    switch (d.status()) {
      case PAID:
        return move(p, OPEN, PaymentState.PAID, now, d, d.resultrans(), null);
      case REFUSED:
        return move(p, OPEN, PaymentState.REFUSED, now, d, d.resultrans(), null);
      case ABANDONED:
        // eopayment's rule: an abandoned operation may still be paid while it is young.
        if (!timedOut && p.state() == PaymentState.PENDING) {
          return new Outcome(p, false, Fulfilment.NONE);
        }
        return move(p, OPEN, PaymentState.ABANDONED, now, d, d.resultrans(), null);
      default:
        log.warn("PayFiP returned an unknown result for {}", p.idOp());
        return move(p, OPEN, PaymentState.REVIEW, now, d, d.resultrans(), "unknown resultrans");
    }
  }

  private static String mismatch(Payment p, PayfipPaymentDetail d) {
    if (d.echoedAmountCents().isEmpty() || d.echoedAmountCents().getAsLong() != p.amountCents()) {
      return "amount differs from the ledger";
    }
    if (!d.echoedRefdet().map(p.refdet()::equals).orElse(false)) {
      return "refdet differs from the ledger";
    }
    if (!d.echoedNumcli().map(p.numcli()::equals).orElse(false)) {
      return "numcli differs from the ledger";
    }
    if (d.echoedSaisie().isPresent() && d.echoedSaisie().get() != p.saisie()) {
      return "saisie differs from the ledger";
    }
    return null;
  }

  private Outcome move(
      Payment p,
      Set<PaymentState> from,
      PaymentState to,
      Instant now,
      PayfipPaymentDetail d,
      String code,
      String reason) {
    StateTransition t =
        new StateTransition(
            p.idOp(),
            from,
            to,
            now,
            d == null ? Optional.empty() : d.transactionTime(),
            d == null ? Optional.empty() : d.authorisationNumber(),
            d == null ? PaymentMeans.UNKNOWN : d.means(),
            code == null || code.isEmpty() ? Optional.empty() : Optional.of(code),
            Optional.ofNullable(reason));
    boolean won = ledger.transition(t);
    Payment after = won ? t.applyTo(p) : ledger.find(p.idOp()).orElse(p);
    Fulfilment f = Fulfilment.NONE;
    if (won) {
      log.debug("payment {} moved from {} to {}", p.idOp(), p.state(), to);
      f = fulfil(after);
    }
    return new Outcome(after, won, f);
  }

  /**
   * Runs the listener for a paid or review payment under a claim taken in the ledger, and records
   * the fulfilment as done if it returns. The ledger, not this JVM, decides who runs it.
   */
  private Fulfilment fulfil(Payment payment) {
    if (payment.state() != PaymentState.PAID && payment.state() != PaymentState.REVIEW) {
      return Fulfilment.NONE;
    }
    String claimId = UUID.randomUUID().toString();
    Instant now = now();
    boolean claimed;
    try {
      claimed = ledger.claimFulfilment(payment.idOp(), claimId, now, now.plus(fulfilmentLease));
    } catch (RuntimeException e) {
      log.warn(
          "fulfilment of {} not claimed, ledger failed ({}); reconciliation will retry",
          payment.idOp(),
          e.getClass().getName());
      return Fulfilment.FAILED;
    }
    if (!claimed) {
      return Fulfilment.NOT_CLAIMED;
    }
    try {
      callListener(payment);
    } catch (RuntimeException e) {
      log.warn(
          "payment listener failed for {} ({}); the payment stays {} awaiting fulfilment,"
              + " reconciliation will call the listener again",
          payment.idOp(),
          e.getClass().getName(),
          payment.state());
      try {
        ledger.releaseFulfilment(payment.idOp(), claimId);
      } catch (RuntimeException released) {
        log.warn(
            "fulfilment claim of {} not released ({}); it expires in {}",
            payment.idOp(),
            released.getClass().getName(),
            fulfilmentLease);
      }
      return Fulfilment.FAILED;
    }
    try {
      ledger.completeFulfilment(payment.idOp(), claimId, now());
    } catch (RuntimeException e) {
      log.warn(
          "payment listener completed for {} but the ledger did not record it ({}); after the"
              + " claim expires the listener may be called again",
          payment.idOp(),
          e.getClass().getName());
      return Fulfilment.FAILED;
    }
    return Fulfilment.DONE;
  }

  private void callListener(Payment payment) {
    if (payment.state() == PaymentState.PAID) {
      listener.onPaid(payment);
    } else {
      listener.onReview(payment);
    }
  }

  /** Microsecond precision: what SQL timestamps keep, so that every ledger holds the same value. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private void reconcileQuietly() {
    try {
      ReconciliationResult r = reconcile();
      log.debug("PayFiP reconciliation: {}", r);
    } catch (RuntimeException e) {
      log.warn("PayFiP reconciliation failed: {}", e.getClass().getName());
    }
  }

  /** Stops the reconciliation scheduler, if any. Does not close the client or the ledger. */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "Payments[numcli=" + numcli + ", saisie=" + saisie + "]";
  }

  private enum Fulfilment {
    /** No listener call due (the payment did not reach PAID or REVIEW here). */
    NONE,
    /** Another node holds the claim, or the fulfilment is already done. */
    NOT_CLAIMED,
    /** The listener returned and the ledger recorded it. */
    DONE,
    /** The listener threw, or the ledger failed; reconciliation retries. */
    FAILED
  }

  private static final class Outcome {
    final Payment payment;
    final boolean changed;
    final Fulfilment fulfilment;

    Outcome(Payment payment, boolean changed, Fulfilment fulfilment) {
      this.payment = payment;
      this.changed = changed;
      this.fulfilment = fulfilment;
    }
  }

  /** Builds {@link Payments}. Not thread-safe. */
  public static final class Builder {
    private PayfipClient client;
    private PaymentLedger ledger;
    private String numcli;
    private URI notificationUrl;
    private URI returnUrl;
    private Saisie saisie;
    private PaymentListener listener;
    private Clock clock = Clock.systemUTC();
    private Duration pendingTimeout = DEFAULT_PENDING_TIMEOUT;
    private Duration reconcileAfter = DEFAULT_RECONCILE_AFTER;
    private int reconcileBatch = 500;
    private Duration fulfilmentLease = DEFAULT_FULFILMENT_LEASE;
    private Duration reconcileEvery;

    private Builder() {}

    /**
     * Sets the PayFiP client (required).
     *
     * @param client the client, shared
     * @return this builder
     */
    public Builder client(PayfipClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the ledger (required).
     *
     * @param ledger shared by every node that handles this régie's notifications
     * @return this builder
     */
    public Builder ledger(PaymentLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /**
     * Sets the régie's PayFiP client number (required).
     *
     * @param numcli 6 digits, given by the DGFiP
     * @return this builder
     */
    public Builder numcli(String numcli) {
      this.numcli = PayfipPaymentRequest.requireNumcli(numcli);
      return this;
    }

    /**
     * Sets the URL PayFiP notifies server to server (required; {@code urlnotif}).
     *
     * @param url absolute http(s); must be reachable from PayFiP's servers
     * @return this builder
     */
    public Builder notificationUrl(URI url) {
      this.notificationUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Sets the URL the payer's browser returns to (required; {@code urlredirect}).
     *
     * @param url absolute http(s)
     * @return this builder
     */
    public Builder returnUrl(URI url) {
      this.returnUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Sets the mode (required): {@link Saisie#TEST}, then {@link Saisie#ACTIVATION}, then {@link
     * Saisie#PRODUCTION}.
     *
     * @param saisie the mode
     * @return this builder
     */
    public Builder saisie(Saisie saisie) {
      this.saisie = Objects.requireNonNull(saisie, "saisie");
      return this;
    }

    /**
     * Sets the fulfilment listener (required).
     *
     * @param listener called once per paid payment (see {@link PaymentListener} for the retries)
     * @return this builder
     */
    public Builder listener(PaymentListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock default the system UTC clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long a payment may stay without result (P5) or abandoned (A) before it is settled as
     * expired or abandoned.
     *
     * @param timeout positive; default 20 minutes
     * @return this builder
     */
    public Builder pendingTimeout(Duration timeout) {
      this.pendingTimeout = positive(timeout, "pending timeout");
      return this;
    }

    /**
     * Sets how old a pending payment must be before the reconciliation looks it up.
     *
     * @param age zero or positive; default 5 minutes
     * @return this builder
     */
    public Builder reconcileAfter(Duration age) {
      if (age == null || age.isNegative()) {
        throw new SocleClientException("reconciliation age must be zero or positive");
      }
      this.reconcileAfter = age;
      return this;
    }

    /**
     * Sets the most payments one reconciliation run looks up.
     *
     * @param batch positive; default 500
     * @return this builder
     */
    public Builder reconcileBatch(int batch) {
      if (batch < 1) {
        throw new SocleClientException("reconciliation batch must be positive");
      }
      this.reconcileBatch = batch;
      return this;
    }

    /**
     * Sets how long a node holds a payment's fulfilment claim while its listener runs. If the node
     * stops (or the listener is still running) when the claim expires, the next reconciliation on
     * any node calls the listener again: choose it well above the listener's longest run.
     *
     * @param lease positive; default 10 minutes
     * @return this builder
     */
    public Builder fulfilmentLease(Duration lease) {
      this.fulfilmentLease = positive(lease, "fulfilment lease");
      return this;
    }

    /**
     * Runs {@link #reconcile()} in a background daemon thread at this interval, until {@link
     * Payments#close()}.
     *
     * @param interval positive; off by default
     * @return this builder
     */
    public Builder reconcileEvery(Duration interval) {
      this.reconcileEvery = positive(interval, "reconciliation interval");
      return this;
    }

    /**
     * Builds the instance.
     *
     * @return a new instance
     * @throws NullPointerException if a required setting is missing
     */
    public Payments build() {
      return new Payments(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new SocleClientException(what + " must be positive");
      }
      return d;
    }
  }
}
