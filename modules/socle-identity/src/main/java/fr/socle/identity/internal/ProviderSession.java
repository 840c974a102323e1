package fr.socle.identity.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import fr.socle.core.Secret;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.ProviderConfigurationException;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider as the client knows it: its discovery document, fetched once on first use, and the
 * token validator built on its cached, refreshing key set.
 *
 * <p>Thread-safe: the first callers wait for one discovery; a failed discovery is retried on the
 * next call.
 */
public final class ProviderSession {
  private static final Logger log = LoggerFactory.getLogger(ProviderSession.class);

  /**
   * The discovered provider.
   *
   * @param metadata the checked discovery document
   * @param validator the validator of its tokens
   */
  public record Resolved(ProviderMetadata metadata, TokenValidator validator) {}

  /**
   * What the validator accepts from this client's point of view.
   *
   * @param clientId the client id (audience)
   * @param clientSecret the client secret (HS256 key where the family allows it), or null
   * @param decryptionKeys the application's private keys, or null
   * @param jwksCacheTtl how long the provider's keys are cached
   * @param clockSkew the tolerance on token times
   * @param clock the clock
   */
  public record Settings(
      String clientId,
      Secret clientSecret,
      JWKSet decryptionKeys,
      Duration jwksCacheTtl,
      Duration clockSkew,
      Clock clock) {
    /** Checks the required fields. */
    public Settings {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(jwksCacheTtl, "jwksCacheTtl");
      Objects.requireNonNull(clockSkew, "clockSkew");
      Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String toString() {
      return "Settings[clientId=" + clientId + "]";
    }
  }

  private final IdentityProvider provider;
  private final FamilyProfile profile;
  private final Settings settings;
  private final HttpTransport http;
  private final Json json;
  private final Object lock = new Object();
  private volatile Resolved resolved;

  /**
   * Creates the session; nothing is fetched yet.
   *
   * @param provider the provider
   * @param profile its family's rules
   * @param settings the client's side of token validation
   * @param http the transport
   * @param json the JSON reader
   */
  public ProviderSession(
      IdentityProvider provider,
      FamilyProfile profile,
      Settings settings,
      HttpTransport http,
      Json json) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * Returns the discovered provider, discovering it on first use.
   *
   * @return the metadata and validator
   * @throws ProviderConfigurationException if the discovery document cannot be trusted
   * @throws fr.socle.identity.IdentityProviderException if it cannot be fetched
   */
  public Resolved resolve() {
    Resolved r = resolved;
    if (r != null) {
      return r;
    }
    synchronized (lock) {
      if (resolved == null) {
        String issuer = provider.issuer().toString();
        ProviderMetadata meta = Discovery.fetch(http, provider.discoveryUri(), issuer, json);
        resolved = new Resolved(meta, validator(meta));
        log.debug("provider {} discovered", issuer);
      }
      return resolved;
    }
  }

  private TokenValidator validator(ProviderMetadata meta) {
    JWKSource<SecurityContext> keys;
    try {
      // Nimbus: cache, refetch on an unknown kid at most twice per rate-limit window (no storm
      // when a forged token names random kids), keep the last good keys through an outage.
      long ttl = settings.jwksCacheTtl().toMillis();
      long minInterval = Math.min(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, ttl / 2);
      JWKSourceBuilder<SecurityContext> builder =
          JWKSourceBuilder.<SecurityContext>create(
                  meta.jwksUri().toURL(), new TransportResourceRetriever(http))
              .cache(ttl, Math.min(JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, ttl))
              // refresh ahead of expiry (in the background of a request) when the TTL allows it
              .refreshAheadCache(
                  ttl
                      >= 2
                          * (JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME
                              + JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT))
              .outageTolerant(Duration.ofHours(12).toMillis())
              .retrying(false);
      keys =
          (minInterval > 0 ? builder.rateLimited(minInterval) : builder.rateLimited(false)).build();
    } catch (MalformedURLException e) {
      throw new ProviderConfigurationException("jwks_uri is not a URL");
    }
    byte[] hmac =
        profile.hmacKeyedWithClientSecret() ? settings.clientSecret().revealBytes() : null;
    return new TokenValidator(
        new TokenValidator.Policy(
            meta.issuer(),
            settings.clientId(),
            profile.signatureAlgorithms(),
            profile.requireEncryption(),
            profile.requireAccessTokenHash(),
            settings.clockSkew()),
        keys,
        hmac,
        settings.decryptionKeys(),
        settings.clock());
  }
}
