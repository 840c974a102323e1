package fr.socle.refdata.geocoding;

import static fr.socle.refdata.internal.Tree.object;
import static fr.socle.refdata.internal.Tree.string;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.http.CircuitBreakerPolicy;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.http.RateLimitPolicy;
import fr.socle.refdata.client.ApiClientBuilder;
import fr.socle.refdata.client.GeoPoint;
import fr.socle.refdata.internal.ApiCaller;
import fr.socle.refdata.internal.Csv;
import fr.socle.refdata.internal.Tree;
import fr.socle.refdata.internal.Urls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the Géoplateforme geocoder ({@code https://data.geopf.fr/geocodage}), run by IGN since
 * API Adresse ({@code api-adresse.data.gouv.fr}) was retired at the end of January 2026. Same
 * parameters and GeoJSON answers as API Adresse for {@code /search} and {@code /reverse}.
 *
 * <p>Limits, enforced on the client side: 50 calls per second for search, reverse and batch; 10 per
 * second for completion (a separate limiter); at most two batch uploads at once, the geocoder's
 * per-IP concurrency. The geocoder answers 429 with {@code Retry-After} beyond its limits: the
 * client retries once within the delay and then pauses its calls until the delay has passed. A
 * circuit breaker stops calls to a failing geocoder. Immutable and thread-safe; close it when done.
 *
 * <pre>{@code
 * try (GeocodingClient geocoder = GeocodingClient.builder()
 *     .httpTransport(http -> http.applicationName("mairie/1.0")).build()) {
 *   List<GeocodedAddress> hits = geocoder.search(AddressQuery.of("8 bd du port amiens").limit(1));
 * }
 * }</pre>
 *
 * <p>Errors: {@link fr.socle.core.RateLimitedException} (the peer's 429), {@link
 * fr.socle.core.ClientRateLimitedException} (our limit, or a pause the peer asked for: not called),
 * {@link fr.socle.core.CircuitOpenException}, {@link fr.socle.core.SocleTimeoutException}, {@link
 * SocleServiceException} for other peer errors and malformed answers, {@link InvalidInputException}
 * for invalid queries.
 */
public final class GeocodingClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GeocodingClient.class);

  /** The production base URL. */
  public static final String DEFAULT_BASE_URL = "https://data.geopf.fr/geocodage";

  /** The published limit of search and reverse: 50 calls per second per IP. */
  public static final RateLimitPolicy DEFAULT_RATE_LIMIT = RateLimitPolicy.perSecond(50);

  /** The published limit of completion: 10 calls per second per IP. */
  public static final RateLimitPolicy DEFAULT_COMPLETION_RATE_LIMIT = RateLimitPolicy.perSecond(10);

  /** At most two batch uploads at once per IP. */
  public static final int MAX_CONCURRENT_UPLOADS = 2;

  private static final long MAX_BATCH_RESPONSE_BYTES = 64L * 1024 * 1024;

  private final URI base;
  private final ApiCaller caller;
  private final ApiCaller completion;
  private final Semaphore uploads = new Semaphore(MAX_CONCURRENT_UPLOADS, true);

  private GeocodingClient(URI base, ApiCaller caller, ApiCaller completion) {
    this.base = base;
    this.caller = caller;
    this.completion = completion;
  }

  /**
   * Starts a builder with the production defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Geocodes an address.
   *
   * @param query the query
   * @return the candidates, best first; empty if none
   */
  public List<GeocodedAddress> search(AddressQuery query) {
    return features(Urls.of(base, "/search", Objects.requireNonNull(query, "query").parameters()));
  }

  /**
   * Finds the addresses nearest a point.
   *
   * @param point the position
   * @param limit 1 to 50
   * @param type only this granularity, or empty
   * @return the addresses, nearest first
   */
  public List<GeocodedAddress> reverse(GeoPoint point, int limit, Optional<AddressType> type) {
    Objects.requireNonNull(point, "point");
    if (limit < 1 || limit > 50) {
      throw new InvalidInputException("limit must be between 1 and 50");
    }
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("lat", point.latitude());
    q.put("lon", point.longitude());
    q.put("limit", limit);
    type.ifPresent(t -> q.put("type", t.wire()));
    return features(Urls.of(base, "/reverse", q));
  }

  /**
   * Suggests addresses and places for a text being typed ({@code /completion}).
   *
   * @param text at least 3 characters
   * @param maximumResponses 1 to 15
   * @return the suggestions
   */
  public List<AddressSuggestion> completion(String text, int maximumResponses) {
    String t = Objects.requireNonNull(text, "text").strip();
    if (t.length() < 3 || t.length() > 200) {
      throw new InvalidInputException("completion text must have 3 to 200 characters");
    }
    if (maximumResponses < 1 || maximumResponses > 15) {
      throw new InvalidInputException("maximumResponses must be between 1 and 15");
    }
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("text", t);
    q.put("maximumResponses", maximumResponses);
    Map<String, Object> o =
        object(
            completion.getJson(Urls.of(base, "/completion/", q), Map.of(), -1).orElseThrow(),
            "completion");
    List<AddressSuggestion> out = new ArrayList<>();
    for (Object r : Tree.arrayOrEmpty(o, "results")) {
      Map<String, Object> s = object(r, "result");
      OptionalDouble x = Tree.number(s, "x");
      OptionalDouble y = Tree.number(s, "y");
      out.add(
          new AddressSuggestion(
              Tree.required(s, "fulltext"),
              string(s, "country"),
              string(s, "street"),
              string(s, "city"),
              string(s, "zipcode"),
              x.isPresent() && y.isPresent()
                  ? Optional.of(new GeoPoint(y.getAsDouble(), x.getAsDouble()))
                  : Optional.empty()));
    }
    return out;
  }

  /**
   * Geocodes a table through {@code POST /search/csv}: split in chunks, at most two uploads at
   * once, each answer matched to its rows by an id column Socle adds, rows missing from an answer
   * (the geocoder truncates answers under load) sent again, up to the request's attempts.
   *
   * <p>The result has exactly one row per input row, in input order; rows never returned are {@link
   * BatchStatus#MISSING}. If an upload still fails (timeout, 5xx, breaker open) on the last
   * attempt, its exception is thrown: nothing is half-reported as done.
   *
   * @param request the job
   * @return one result per row
   */
  public BatchGeocodingResult geocodeCsv(BatchGeocodingRequest request) {
    int n = Objects.requireNonNull(request, "request").rows().size();
    BatchRow[] done = new BatchRow[n];
    List<Integer> pending = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pending.add(i);
    }
    int resubmitted = 0;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            MAX_CONCURRENT_UPLOADS,
            r -> {
              Thread t = new Thread(r, "socle-geocoding-batch");
              t.setDaemon(true);
              return t;
            });
    try {
      for (int attempt = 1; attempt <= request.maxAttempts() && !pending.isEmpty(); attempt++) {
        if (attempt > 1) {
          resubmitted += pending.size();
          log.debug("batch geocoding: resubmitting {} missing rows", pending.size());
        }
        List<Future<Map<Integer, BatchRow>>> futures = new ArrayList<>();
        for (int from = 0; from < pending.size(); from += request.chunkSize()) {
          List<Integer> chunk =
              List.copyOf(
                  pending.subList(from, Math.min(pending.size(), from + request.chunkSize())));
          futures.add(pool.submit(() -> upload(request, chunk)));
        }
        SocleException failure = null;
        for (Future<Map<Integer, BatchRow>> f : futures) {
          try {
            f.get().forEach((i, row) -> done[i] = row);
          } catch (ExecutionException e) {
            failure = asSocle(e.getCause());
            log.debug("batch geocoding: an upload failed: {}", failure.getMessage());
          }
        }
        List<Integer> still = new ArrayList<>();
        for (int i : pending) {
          if (done[i] == null) {
            still.add(i);
          }
        }
        pending = still;
        if (failure != null && attempt == request.maxAttempts() && !pending.isEmpty()) {
          throw failure;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SocleClientException("batch geocoding interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    if (!pending.isEmpty()) {
      log.warn(
          "batch geocoding: {} rows never returned by the geocoder after {} attempts",
          pending.size(),
          request.maxAttempts());
    }
    List<BatchRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(
          done[i] != null
              ? done[i]
              : new BatchRow(i, request.rows().get(i), BatchStatus.MISSING, Optional.empty()));
    }
    return new BatchGeocodingResult(rows, resubmitted);
  }

  private Map<Integer, BatchRow> upload(BatchGeocodingRequest request, List<Integer> chunk)
      throws InterruptedException {
    List<List<String>> table = new ArrayList<>(chunk.size() + 1);
    List<String> header = new ArrayList<>(request.header());
    header.add(BatchGeocodingRequest.ROW_ID_COLUMN);
    table.add(header);
    for (int i : chunk) {
      List<String> row = new ArrayList<>(request.rows().get(i));
      row.add(Integer.toString(i));
      table.add(row);
    }
    MultipartEntityBuilder mb =
        MultipartEntityBuilder.create()
            .addBinaryBody(
                "data",
                Csv.write(table, ',').getBytes(StandardCharsets.UTF_8),
                ContentType.create("text/csv", StandardCharsets.UTF_8),
                "data.csv");
    for (String c : request.addressColumns()) {
      mb.addTextBody("columns", c, ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8));
    }
    Map<String, Object> query = new LinkedHashMap<>();
    request.postcodeColumn().ifPresent(c -> query.put("postcode", c));
    request.citycodeColumn().ifPresent(c -> query.put("citycode", c));
    HttpEntity entity = mb.build();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      entity.writeTo(body);
    } catch (IOException e) {
      throw new SocleClientException("cannot encode the batch upload", e);
    }
    HttpRequest http =
        HttpRequest.post(Urls.of(base, "/search/csv", query))
            .body(body.toByteArray(), entity.getContentType())
            // Geocoding a file has no side effect: safe to retry.
            .idempotent(true)
            .maxResponseBytes(MAX_BATCH_RESPONSE_BYTES)
            .build();
    uploads.acquire();
    HttpResponse response;
    try {
      response = caller.send(http);
    } finally {
      uploads.release();
    }
    caller.requireSuccess(response);
    return BatchAnswer.parse(request, chunk, ApiCaller.utf8(response.body()));
  }

  private static SocleException asSocle(Throwable t) {
    if (t instanceof SocleException s) {
      return s;
    }
    return new SocleClientException("batch upload failed: " + t.getClass().getSimpleName(), t);
  }

  private List<GeocodedAddress> features(URI uri) {
    Map<String, Object> o = object(caller.getJson(uri, Map.of(), -1).orElseThrow(), "response");
    List<GeocodedAddress> out = new ArrayList<>();
    for (Object f : Tree.arrayOrEmpty(o, "features")) {
      Map<String, Object> feature = object(f, "feature");
      Map<String, Object> p = Tree.objectOpt(feature, "properties").orElse(Map.of());
      List<Object> coords =
          Tree.objectOpt(feature, "geometry")
              .map(g -> Tree.arrayOrEmpty(g, "coordinates"))
              .orElse(List.of());
      if (coords.size() < 2
          || !(coords.get(0) instanceof Number)
          || !(coords.get(1) instanceof Number)) {
        throw Tree.shape("feature without a point geometry");
      }
      out.add(
          new GeocodedAddress(
              Tree.required(p, "label"),
              new GeoPoint(
                  ((Number) coords.get(1)).doubleValue(), ((Number) coords.get(0)).doubleValue()),
              Tree.number(p, "score").orElse(0),
              string(p, "type").flatMap(AddressType::fromWire),
              string(p, "id"),
              string(p, "housenumber"),
              string(p, "street"),
              string(p, "name"),
              string(p, "postcode"),
              string(p, "citycode"),
              string(p, "city"),
              string(p, "context"),
              string(p, "district"),
              string(p, "oldcitycode"),
              string(p, "oldcity")));
    }
    return out;
  }

  /**
   * Returns the settings a client's own transport starts from: {@link HttpPreset#DEFAULT} (5 s to
   * connect, 30 s of silence, 60 s per call), the published rate limit {@link #DEFAULT_RATE_LIMIT}
   * and the default circuit breaker (the completion endpoint gets its own transport limited to
   * {@link #DEFAULT_COMPLETION_RATE_LIMIT}). Build a shared transport from it to keep the peer's
   * limits.
   *
   * @return a new transport builder
   */
  public static HttpTransport.Builder transportPreset() {
    return HttpTransport.builder()
        .preset(HttpPreset.DEFAULT)
        .rateLimit(DEFAULT_RATE_LIMIT)
        .circuitBreaker(CircuitBreakerPolicy.defaults());
  }

  @Override
  public void close() {
    caller.close();
    completion.close();
  }

  @Override
  public String toString() {
    return "GeocodingClient[" + base + "]";
  }

  /** Configures a {@link GeocodingClient}. */
  public static final class Builder extends ApiClientBuilder<Builder> {
    private RateLimitPolicy completionLimit = DEFAULT_COMPLETION_RATE_LIMIT;
    private boolean completionLimitSet;

    private Builder() {
      super(URI.create(DEFAULT_BASE_URL), GeocodingClient::transportPreset);
    }

    /**
     * Replaces the rate limit of the client's own completion transport (default 10 calls per
     * second, the published limit). A shared transport carries its own limits: setting both is an
     * {@link InvalidInputException} at {@link #build()}.
     *
     * @param policy the policy, or null to disable
     * @return this builder
     */
    public Builder completionRateLimit(RateLimitPolicy policy) {
      this.completionLimit = policy;
      this.completionLimitSet = true;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client, to be closed
     * @throws InvalidInputException if both a shared transport and a customiser or a completion
     *     rate limit were given
     */
    public GeocodingClient build() {
      boolean shared = sharesTransport();
      if (shared && completionLimitSet) {
        throw new InvalidInputException(
            "completionRateLimit applies to the client's own transport only: with a shared"
                + " transport, set its rate limit on that transport");
      }
      // The completion endpoint has its own published limit (10/s): a second transport, built
      // from the same preset and customiser, with that limit applied last.
      return new GeocodingClient(
          baseUrl(),
          new ApiCaller(
              "Géoplateforme geocoding",
              transport(),
              !shared,
              cache().orElse(null),
              cacheTtl(),
              clock()),
          new ApiCaller(
              "Géoplateforme completion",
              transport(http -> http.rateLimit(completionLimit)),
              !shared,
              cache().orElse(null),
              cacheTtl(),
              clock()));
    }
  }
}
