package fr.socle.examples.demo;

import fr.socle.core.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The portal's configuration, read from environment variables. A block whose variables are all
 * absent runs against the in-process simulator; a block whose variables are all present talks to
 * the real service; a block configured by halves is an error, because silently falling back to a
 * simulator in front of citizens would be worse than not starting.
 *
 * @param port the HTTP port of the portal ({@code SOCLE_DEMO_PORT}, default 8080; 0 picks a free
 *     port)
 * @param publicUrl the address citizens use ({@code SOCLE_DEMO_PUBLIC_URL}); empty means {@code
 *     http://localhost:<port>}
 * @param identity the identity provider, or empty to start the FranceConnect simulator
 * @param payfip the PayFiP service, or empty to start the PayFiP simulator
 * @param storageDir the directory of the filesystem document safe ({@code SOCLE_STORAGE_DIR},
 *     default {@code ./demo-data}); also holds the demo's keys and payment ledger
 * @param s3 the S3-compatible store, or empty to keep documents in {@code storageDir}
 * @param reconcileEvery how often, and after how long, pending payments are looked up again at
 *     PayFiP ({@code SOCLE_PAYFIP_RECONCILE_EVERY}, ISO-8601 duration, default {@code PT1M})
 * @param transactionKey the secret login transactions are sealed with ({@code
 *     SOCLE_IDENTITY_TRANSACTION_KEY}, at least 32 bytes, the same on every node); empty draws a
 *     random one at start, so logins in progress do not survive a restart
 * @param clamd the ClamAV daemon that scans uploads ({@code SOCLE_CLAMD_HOST}, {@code
 *     SOCLE_CLAMD_PORT}); empty uses the testkit's EICAR-only simulator
 */
public record DemoConfig(
    int port,
    Optional<URI> publicUrl,
    Optional<Identity> identity,
    Optional<Payfip> payfip,
    Path storageDir,
    Optional<S3> s3,
    Duration reconcileEvery,
    Optional<Secret> transactionKey,
    Optional<Clamd> clamd) {

  /** Default port. */
  public static final int DEFAULT_PORT = 8080;

  /**
   * Validates the configuration.
   *
   * @throws IllegalArgumentException if the port is out of range
   */
  public DemoConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("SOCLE_DEMO_PORT must be between 0 and 65535");
    }
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(payfip, "payfip");
    Objects.requireNonNull(storageDir, "storageDir");
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(transactionKey, "transactionKey");
    Objects.requireNonNull(clamd, "clamd");
    if (reconcileEvery.isNegative() || reconcileEvery.isZero()) {
      throw new IllegalArgumentException("SOCLE_PAYFIP_RECONCILE_EVERY must be positive");
    }
  }

  /**
   * A ClamAV daemon reached over TCP.
   *
   * @param host {@code SOCLE_CLAMD_HOST}
   * @param port {@code SOCLE_CLAMD_PORT}
   */
  public record Clamd(String host, int port) {
    /** Validates the fields. */
    public Clamd {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("SOCLE_CLAMD_PORT must be between 1 and 65535");
      }
    }
  }

  /**
   * A real OpenID provider.
   *
   * @param issuer {@code SOCLE_IDENTITY_ISSUER}
   * @param clientId {@code SOCLE_IDENTITY_CLIENT_ID}
   * @param clientSecret {@code SOCLE_IDENTITY_CLIENT_SECRET}
   * @param flavour {@code SOCLE_IDENTITY_FLAVOUR}: {@code fc}, {@code fcplus}, {@code proconnect}
   *     or {@code oidc} (default {@code fc})
   * @param decryptionJwks {@code SOCLE_IDENTITY_DECRYPTION_JWKS}: the private JWK set
   *     FranceConnect+ encrypts userinfo to; required for {@code fcplus}
   */
  public record Identity(
      URI issuer,
      String clientId,
      Secret clientSecret,
      String flavour,
      Optional<Secret> decryptionJwks) {
    /** The accepted flavours. */
    public static final List<String> FLAVOURS = List.of("fc", "fcplus", "proconnect", "oidc");

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the flavour is unknown or the issuer not absolute
     */
    public Identity {
      Objects.requireNonNull(clientSecret, "clientSecret");
      requireAbsolute(issuer, "SOCLE_IDENTITY_ISSUER");
      if (clientId == null || clientId.isBlank()) {
        throw new IllegalArgumentException("SOCLE_IDENTITY_CLIENT_ID is empty");
      }
      if (!FLAVOURS.contains(flavour)) {
        throw new IllegalArgumentException("SOCLE_IDENTITY_FLAVOUR must be one of " + FLAVOURS);
      }
      Objects.requireNonNull(decryptionJwks, "decryptionJwks");
      if ("fcplus".equals(flavour) && decryptionJwks.isEmpty()) {
        throw new IllegalArgumentException(
            "SOCLE_IDENTITY_DECRYPTION_JWKS is required with SOCLE_IDENTITY_FLAVOUR=fcplus");
      }
    }
  }

  /**
   * A real PayFiP service.
   *
   * @param endpoint {@code SOCLE_PAYFIP_ENDPOINT}, the SOAP endpoint
   * @param pageUrl {@code SOCLE_PAYFIP_PAGE_URL}, the payment page the citizen is sent to
   * @param numcli {@code SOCLE_PAYFIP_NUMCLI}, the régie's six-digit customer number
   * @param saisie {@code SOCLE_PAYFIP_SAISIE}: {@code T} (test, default), {@code X} (activation) or
   *     {@code W} (production)
   */
  public record Payfip(URI endpoint, URI pageUrl, String numcli, String saisie) {
    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a URL is not absolute or numcli is not six digits
     */
    public Payfip {
      requireAbsolute(endpoint, "SOCLE_PAYFIP_ENDPOINT");
      requireAbsolute(pageUrl, "SOCLE_PAYFIP_PAGE_URL");
      if (numcli == null || !numcli.matches("[0-9]{6}")) {
        throw new IllegalArgumentException("SOCLE_PAYFIP_NUMCLI must be six digits");
      }
      if (!List.of("T", "X", "W").contains(saisie)) {
        throw new IllegalArgumentException("SOCLE_PAYFIP_SAISIE must be T, X or W");
      }
    }
  }

  /**
   * An S3-compatible object store.
   *
   * @param endpoint {@code SOCLE_STORAGE_S3_ENDPOINT}
   * @param bucket {@code SOCLE_STORAGE_S3_BUCKET}
   * @param accessKey {@code SOCLE_STORAGE_S3_ACCESS_KEY}
   * @param secretKey {@code SOCLE_STORAGE_S3_SECRET_KEY}
   * @param region {@code SOCLE_STORAGE_S3_REGION} (optional, default {@code us-east-1}, which most
   *     S3-compatible stores accept)
   */
  public record S3(URI endpoint, String bucket, String accessKey, Secret secretKey, String region) {
    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the endpoint is not absolute or a field is empty
     */
    public S3 {
      requireAbsolute(endpoint, "SOCLE_STORAGE_S3_ENDPOINT");
      Objects.requireNonNull(secretKey, "secretKey");
      if (bucket == null || bucket.isBlank() || accessKey == null || accessKey.isBlank()) {
        throw new IllegalArgumentException("SOCLE_STORAGE_S3_BUCKET and _ACCESS_KEY are required");
      }
      if (region == null || region.isBlank()) {
        throw new IllegalArgumentException("SOCLE_STORAGE_S3_REGION is empty");
      }
    }

    @Override
    public String toString() {
      return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", secretKey=" + secretKey + "]";
    }
  }

  /**
   * Reads the configuration from the process environment.
   *
   * @return the configuration
   * @throws IllegalArgumentException if a variable is malformed or a block is half configured
   */
  public static DemoConfig fromEnvironment() {
    return from(System.getenv());
  }

  /**
   * Reads the configuration from a map of environment variables.
   *
   * @param env the variables
   * @return the configuration
   * @throws IllegalArgumentException if a variable is malformed or a block is half configured
   */
  public static DemoConfig from(Map<String, String> env) {
    Reader in = new Reader(env);
    int port = in.port();
    Optional<URI> publicUrl = in.get("SOCLE_DEMO_PUBLIC_URL").map(DemoConfig::uri);
    publicUrl.ifPresent(url -> requireAbsolute(url, "SOCLE_DEMO_PUBLIC_URL"));

    Optional<Identity> identity =
        in.group(
                "SOCLE_IDENTITY_ISSUER", "SOCLE_IDENTITY_CLIENT_ID", "SOCLE_IDENTITY_CLIENT_SECRET")
            .map(
                v ->
                    new Identity(
                        uri(v.get(0)),
                        v.get(1),
                        Secret.of(v.get(2)),
                        in.get("SOCLE_IDENTITY_FLAVOUR").orElse("fc").toLowerCase(Locale.ROOT),
                        in.get("SOCLE_IDENTITY_DECRYPTION_JWKS").map(Secret::of)));
    if (identity.isEmpty() && in.get("SOCLE_IDENTITY_FLAVOUR").isPresent()) {
      throw new IllegalArgumentException(
          "SOCLE_IDENTITY_FLAVOUR is set but SOCLE_IDENTITY_ISSUER, _CLIENT_ID and _CLIENT_SECRET"
              + " are not");
    }
    Optional<Payfip> payfip =
        in.group("SOCLE_PAYFIP_ENDPOINT", "SOCLE_PAYFIP_PAGE_URL", "SOCLE_PAYFIP_NUMCLI")
            .map(
                v ->
                    new Payfip(
                        uri(v.get(0)),
                        uri(v.get(1)),
                        v.get(2),
                        in.get("SOCLE_PAYFIP_SAISIE").orElse("T").toUpperCase(Locale.ROOT)));
    Optional<S3> s3 =
        in.group(
                "SOCLE_STORAGE_S3_ENDPOINT",
                "SOCLE_STORAGE_S3_BUCKET",
                "SOCLE_STORAGE_S3_ACCESS_KEY",
                "SOCLE_STORAGE_S3_SECRET_KEY")
            .map(
                v ->
                    new S3(
                        uri(v.get(0)),
                        v.get(1),
                        v.get(2),
                        Secret.of(v.get(3)),
                        in.get("SOCLE_STORAGE_S3_REGION").orElse("us-east-1")));
    Path storageDir = Path.of(in.get("SOCLE_STORAGE_DIR").orElse("demo-data"));
    Optional<Secret> transactionKey = in.get("SOCLE_IDENTITY_TRANSACTION_KEY").map(Secret::of);
    transactionKey.ifPresent(
        key -> {
          if (key.revealBytes().length < 32) {
            throw new IllegalArgumentException(
                "SOCLE_IDENTITY_TRANSACTION_KEY must be at least 32 bytes");
          }
        });
    Duration reconcileEvery;
    try {
      reconcileEvery = Duration.parse(in.get("SOCLE_PAYFIP_RECONCILE_EVERY").orElse("PT1M"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "SOCLE_PAYFIP_RECONCILE_EVERY is not an ISO-8601 duration such as PT1M", e);
    }
    Optional<Clamd> clamd =
        in.group("SOCLE_CLAMD_HOST", "SOCLE_CLAMD_PORT")
            .map(
                v -> {
                  try {
                    return new Clamd(v.get(0), Integer.parseInt(v.get(1)));
                  } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("SOCLE_CLAMD_PORT is not a number", e);
                  }
                });
    return new DemoConfig(
        port, publicUrl, identity, payfip, storageDir, s3, reconcileEvery, transactionKey, clamd);
  }

  /**
   * Returns the address the portal is reached at, once its port is known.
   *
   * @param boundPort the port the server listens on
   * @return the public URL, without a trailing slash
   */
  public String baseUrl(int boundPort) {
    String url = publicUrl.map(URI::toString).orElse("http://localhost:" + boundPort);
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static URI uri(String value) {
    try {
      return URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + value, e);
    }
  }

  private static void requireAbsolute(URI uri, String name) {
    if (uri == null
        || !uri.isAbsolute()
        || uri.getHost() == null
        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(name + " must be an absolute http(s) URL");
    }
  }

  private record Reader(Map<String, String> env) {
    Optional<String> get(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    int port() {
      String value = get("SOCLE_DEMO_PORT").orElse(String.valueOf(DEFAULT_PORT));
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("SOCLE_DEMO_PORT is not a number: " + value, e);
      }
    }

    /** All of the names, or none of them; anything in between is a configuration error. */
    Optional<List<String>> group(String... names) {
      List<String> values = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (String name : names) {
        get(name).ifPresentOrElse(values::add, () -> missing.add(name));
      }
      if (missing.size() == names.length) {
        return Optional.empty();
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            "incomplete configuration: "
                + String.join(", ", missing)
                + " missing (set all of "
                + String.join(", ", names)
                + ", or none to use the simulator)");
      }
      return Optional.of(values);
    }
  }
}
