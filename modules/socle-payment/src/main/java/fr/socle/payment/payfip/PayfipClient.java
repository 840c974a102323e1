package fr.socle.payment.payfip;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.Saisie;
import fr.socle.payment.internal.IdOps;
import fr.socle.payment.internal.ParisTime;
import fr.socle.payment.internal.SoapCodec;
import fr.socle.payment.internal.SoapCodec.Answer;
import fr.socle.payment.internal.SoapCodec.InvalidSoapException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the PayFiP web service (SOAP 1.1, "PayFiP Régie Web-service"), built on Socle's
 * {@link HttpTransport}. Three operations:
 *
 * <ul>
 *   <li>{@link #createPayment(PayfipPaymentRequest)} ({@code creerPaiementSecurise}): gets a
 *       single-use operation id ({@code idOp}) to send the payer to {@link
 *       #paymentPageUrl(String)}; never retried, because a second call would create a second
 *       operation;
 *   <li>{@link #paymentDetail(String)} ({@code recupererDetailPaiementSecurise}): reads the result
 *       of an operation server to server; side-effect free, so retried on I/O errors;
 *   <li>{@link #clientDetail(String)} ({@code recupererDetailClient}): checks that a client number
 *       is open to the web service, as a configuration check at start-up.
 * </ul>
 *
 * <p>No WSDL is read at run time and no JAX-WS stack is used: the messages are written and read
 * through the StAX API (Woodstox reads the answers), DTDs and entities refused, answers capped in
 * size (256 KiB by default). Inputs are validated before any call ({@link PayfipPaymentRequest}).
 *
 * <p>Immutable and thread-safe; build one per application and share it. Close it when the
 * application stops: it closes the transport it built, never one given with {@link
 * Builder#httpTransport(HttpTransport)}. HTTP settings follow the one Socle model (see {@link
 * Builder#httpTransport(Consumer)} and docs/core.md, "Configuring HTTP").
 *
 * <pre>{@code
 * try (PayfipClient payfip = PayfipClient.builder().build()) {   // www.payfip.gouv.fr
 *   payfip.clientDetail("006270");                              // configuration check
 *   String idOp = payfip.createPayment(new PayfipPaymentRequest("006270", 2026, "FACT2026000123",
 *       "Cantine novembre", 4250, "payer@example.fr", notifyUrl, returnUrl, Saisie.TEST));
 *   URI page = payfip.paymentPageUrl(idOp);                     // redirect the browser there
 *   PayfipPaymentDetail detail = payfip.paymentDetail(idOp);    // on notification or return
 * }
 * }</pre>
 *
 * <p>Errors: {@link PayfipFunctionalException} and {@link PayfipTechnicalException} for SOAP
 * faults, {@link PayfipInvalidResponseException} for anything that is not a valid answer, {@link
 * fr.socle.core.SocleTimeoutException} on timeouts (for a creation, the operation may exist on
 * PayFiP: its id is lost and it expires unused), {@link InvalidInputException} for invalid input,
 * {@link SocleClientException} for I/O errors.
 */
public final class PayfipClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PayfipClient.class);

  /** The production endpoint. */
  public static final URI DEFAULT_ENDPOINT =
      URI.create("https://www.payfip.gouv.fr/tpa/services/securite");

  /** The production payment page (web-service mode). */
  public static final URI DEFAULT_PAYMENT_PAGE =
      URI.create("https://www.payfip.gouv.fr/tpa/paiementws.web");

  /** Default response timeout (longest silence): 15 s, as mature PayFiP clients use. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = HttpPreset.PAYFIP.responseTimeout();

  /**
   * Default deadline of a whole call (connection, request, answer, retries): 15 s, the {@link
   * HttpPreset#PAYFIP} preset.
   */
  public static final Duration DEFAULT_DEADLINE = HttpPreset.PAYFIP.deadline();

  /** Default answer size cap: 256 KiB, far above any real answer (under 2 KiB). */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

  private static final String CONTENT_TYPE = "text/xml; charset=utf-8";

  private final URI endpoint;
  private final URI paymentPage;
  private final HttpTransport transport;
  private final boolean ownsTransport;
  private final long maxResponseBytes;
  private final SoapCodec codec = new SoapCodec();

  private PayfipClient(Builder b) {
    this.endpoint = b.endpoint;
    this.paymentPage = b.paymentPage;
    if (b.sharedTransport != null && b.customiser != null) {
      throw new InvalidInputException(
          "httpTransport is set twice: pass either a shared transport or a customiser, not both");
    }
    if (b.sharedTransport != null) {
      this.transport = b.sharedTransport;
      this.ownsTransport = false;
      // A shared transport may be tuned for bigger peers: PayFiP's answers stay capped.
      this.maxResponseBytes = Math.min(transport.maxResponseBytes(), DEFAULT_MAX_RESPONSE_BYTES);
    } else {
      HttpTransport.Builder tb = transportPreset();
      if (b.customiser != null) {
        b.customiser.accept(tb);
      }
      this.transport = tb.build();
      this.ownsTransport = true;
      this.maxResponseBytes = transport.maxResponseBytes();
    }
  }

  /**
   * Returns the settings a client's own transport starts from: the {@link HttpPreset#PAYFIP}
   * timeouts and deadline (15 s for a whole call) and a 256 KiB answer cap.
   *
   * @return a new transport builder
   */
  public static HttpTransport.Builder transportPreset() {
    return HttpTransport.builder()
        .preset(HttpPreset.PAYFIP)
        .maxResponseBytes(DEFAULT_MAX_RESPONSE_BYTES);
  }

  /**
   * Starts a builder pointing at the production PayFiP host.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the SOAP endpoint.
   *
   * @return the endpoint URI
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Returns the payment page base URL.
   *
   * @return the page URI, without the {@code idop} parameter
   */
  public URI paymentPage() {
    return paymentPage;
  }

  /**
   * Creates a payment operation ({@code creerPaiementSecurise}). Sent once, never retried.
   *
   * @param request the validated request
   * @return the new operation id, valid 15 minutes for opening the payment page, single use
   * @throws PayfipFunctionalException if PayFiP refused the request (for example R3, A2)
   * @throws PayfipTechnicalException on a PayFiP technical fault
   * @throws PayfipInvalidResponseException if the answer is not valid
   * @throws fr.socle.core.SocleTimeoutException on timeout (outcome unknown)
   */
  public String createPayment(PayfipPaymentRequest request) {
    Objects.requireNonNull(request, "request");
    String op = "creerPaiementSecurise";
    Map<String, String> fields = call(op, codec.createPayment(request), false);
    String idOp = fields.get("idOp");
    if (!IdOps.isWellFormed(idOp)) {
      throw new PayfipInvalidResponseException(
          "PayFiP " + op + " answered without a well-formed idOp", 200);
    }
    log.debug("PayFiP operation created for numcli {}", request.numcli());
    return IdOps.canonical(idOp);
  }

  /**
   * Reads the result of an operation ({@code recupererDetailPaiementSecurise}). Side-effect free;
   * retried by the transport on I/O errors.
   *
   * @param idOp the operation id
   * @return the result; only {@link PayfipPaymentDetail#isPaid()} means paid
   * @throws PayfipFunctionalException {@code P5} while there is no result yet ({@link
   *     PayfipFunctionalException#isResultNotYetKnown()}), {@code P1} for an unknown or purged id
   *     ({@link PayfipFunctionalException#isUnknownOperation()})
   * @throws PayfipTechnicalException on a PayFiP technical fault
   * @throws PayfipInvalidResponseException if the answer is not valid or is about another id
   * @throws InvalidInputException if {@code idOp} is malformed
   */
  public PayfipPaymentDetail paymentDetail(String idOp) {
    idOp = IdOps.canonical(idOp);
    String op = "recupererDetailPaiementSecurise";
    Map<String, String> f = call(op, codec.paymentDetail(idOp), true);
    // The echoed id is reported, not judged here: Payments sends an answer about another (or no)
    // operation to review, like any other echo that disagrees with the ledger.
    String echoedId = f.containsKey("idOp") ? f.get("idOp") : f.get("idop");
    String resultrans = f.get("resultrans");
    if (resultrans == null) {
      throw new PayfipInvalidResponseException(
          "PayFiP " + op + " answered without resultrans", 200);
    }
    return new PayfipPaymentDetail(
        idOp,
        resultrans,
        TransactionStatus.fromResultrans(resultrans),
        PaymentMeans.fromResultrans(resultrans),
        ParisTime.toInstant(f.get("dattrans"), f.get("heurtrans")),
        nonEmpty(f.get("numauto")),
        cents(f.get("montant")),
        nonEmpty(f.get("refdet")),
        nonEmpty(f.get("numcli")),
        saisie(f.get("saisie")),
        IdOps.isWellFormed(echoedId)
            ? Optional.of(echoedId.toLowerCase(java.util.Locale.ROOT))
            : Optional.empty());
  }

  /**
   * Reads how PayFiP knows a client number ({@code recupererDetailClient}); use it as a
   * configuration check.
   *
   * @param numcli the 6-digit client number
   * @return the client's labels
   * @throws PayfipFaultException if PayFiP does not know the number or refuses it
   * @throws PayfipInvalidResponseException if the answer is not valid
   * @throws InvalidInputException if {@code numcli} is not 6 digits
   */
  public PayfipClientDetail clientDetail(String numcli) {
    PayfipPaymentRequest.requireNumcli(numcli);
    String op = "recupererDetailClient";
    Map<String, String> f = call(op, codec.clientDetail(numcli), true);
    return new PayfipClientDetail(
        f.getOrDefault("numcli", ""),
        f.getOrDefault("libelleN1", ""),
        f.getOrDefault("libelleN2", ""),
        f.getOrDefault("libelleN3", ""));
  }

  /**
   * Builds the URL of the payment page for an operation, where the payer's browser is sent (GET).
   *
   * @param idOp the operation id returned by {@link #createPayment(PayfipPaymentRequest)}
   * @return {@code <payment page>?idop=<idOp>}
   * @throws InvalidInputException if {@code idOp} is malformed
   */
  public URI paymentPageUrl(String idOp) {
    IdOps.require(idOp);
    String base = paymentPage.toString();
    return URI.create(base + (paymentPage.getRawQuery() == null ? "?" : "&") + "idop=" + idOp);
  }

  private Map<String, String> call(String operation, byte[] envelope, boolean idempotent) {
    HttpRequest request =
        HttpRequest.post(endpoint)
            .header("SOAPAction", "\"\"")
            .header("Accept", "text/xml")
            .body(envelope, CONTENT_TYPE)
            .idempotent(idempotent)
            .maxResponseBytes(maxResponseBytes)
            .build();
    HttpResponse response = transport.execute(request);
    int status = response.status();
    Answer answer;
    try {
      answer = codec.parse(response.body(), operation + "Response");
    } catch (InvalidSoapException e) {
      if (status < 200 || status >= 300) {
        throw new PayfipInvalidResponseException(
            "PayFiP " + operation + " answered HTTP " + status + " without a SOAP answer",
            status,
            e);
      }
      throw new PayfipInvalidResponseException(
          "PayFiP " + operation + " answer refused: " + e.getMessage(), status, e);
    }
    if (answer.fault() != null) {
      throw PayfipFaults.toException(operation, status, answer.fault());
    }
    if (status < 200 || status >= 300) {
      throw new PayfipInvalidResponseException(
          "PayFiP " + operation + " answered HTTP " + status + " with a non-fault body", status);
    }
    return answer.fields();
  }

  private static Optional<String> nonEmpty(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static OptionalLong cents(String s) {
    if (s == null || s.isEmpty() || s.length() > 12 || !s.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(s));
  }

  private static Optional<Saisie> saisie(String s) {
    try {
      return s == null ? Optional.empty() : Optional.of(Saisie.fromCode(s));
    } catch (SocleClientException e) {
      return Optional.empty();
    }
  }

  /** Closes the transport if this client created it. */
  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "PayfipClient[" + endpoint + "]";
  }

  /** Builds a {@link PayfipClient}. Not thread-safe. */
  public static final class Builder {
    private URI endpoint = DEFAULT_ENDPOINT;
    private URI paymentPage = DEFAULT_PAYMENT_PAGE;
    private HttpTransport sharedTransport;
    private Consumer<HttpTransport.Builder> customiser;

    private Builder() {}

    /**
     * Points both the SOAP endpoint and the payment page at another host with PayFiP's paths
     * ({@code /tpa/services/securite}, {@code /tpa/paiementws.web}), for example a simulator.
     *
     * @param baseUri for example {@code http://localhost:8089}
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri");
      this.endpoint = absolute(baseUri.resolve("/tpa/services/securite"), "baseUri");
      this.paymentPage = absolute(baseUri.resolve("/tpa/paiementws.web"), "baseUri");
      return this;
    }

    /**
     * Sets the SOAP endpoint.
     *
     * @param endpoint default {@link #DEFAULT_ENDPOINT}
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      this.endpoint = absolute(endpoint, "endpoint");
      return this;
    }

    /**
     * Sets the payment page.
     *
     * @param paymentPage default {@link #DEFAULT_PAYMENT_PAGE}
     * @return this builder
     */
    public Builder paymentPage(URI paymentPage) {
      this.paymentPage = absolute(paymentPage, "paymentPage");
      return this;
    }

    /**
     * Shares a transport the application owns; the client never closes it. The transport's settings
     * apply as they are (build it with {@code .preset(HttpPreset.PAYFIP)} to keep PayFiP's 15 s
     * deadline), except the answer cap, which stays at most 256 KiB.
     *
     * @param shared the transport
     * @return this builder
     */
    public Builder httpTransport(HttpTransport shared) {
      this.sharedTransport = Objects.requireNonNull(shared, "shared");
      return this;
    }

    /**
     * Adjusts the transport the client builds, owns and closes. The builder handed to the
     * customiser starts from {@link PayfipClient#transportPreset()}: PayFiP's timeouts, 15 s
     * deadline and 256 KiB answer cap.
     *
     * <pre>{@code
     * PayfipClient.builder()
     *     .httpTransport(http -> http.applicationName("mairie-de-demo/1.0")
     *         .proxy(ProxySettings.http("proxy.mairie.local", 3128)))
     *     .build();
     * }</pre>
     *
     * @param customiser called once, at {@link #build()}, with the preset builder
     * @return this builder
     */
    public Builder httpTransport(Consumer<HttpTransport.Builder> customiser) {
      this.customiser = Objects.requireNonNull(customiser, "customiser");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client, to be closed when no longer needed
     * @throws InvalidInputException if both a shared transport and a customiser were given
     */
    public PayfipClient build() {
      return new PayfipClient(this);
    }

    private static URI absolute(URI uri, String name) {
      if (!Objects.requireNonNull(uri, name).isAbsolute()
          || uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new InvalidInputException(name + " must be an absolute http(s) URI");
      }
      return uri;
    }
  }
}
