package fr.socle.storage.s3.internal;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.http.ProxySettings;
import fr.socle.storage.s3.ChecksumMode;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.apache5.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the AWS SDK client of an S3 store from its (already validated) settings. */
public final class S3ClientFactory {
  private S3ClientFactory() {}

  /**
   * What the client is built from; validated by the store's builder.
   *
   * @param endpoint the endpoint, empty for AWS S3
   * @param region the signing region
   * @param accessKey the access key id
   * @param secretKey the secret key
   * @param pathStyle path-style addressing
   * @param checksumMode when transfer checksums are used
   * @param connectTimeout TCP connect timeout
   * @param socketTimeout longest silence
   * @param deadline one exchange's deadline
   * @param maxConnections pool size
   * @param trustStore the trusted certificates, empty for the JVM's
   * @param proxy the proxy settings
   */
  public record Settings(
      Optional<URI> endpoint,
      String region,
      String accessKey,
      Secret secretKey,
      boolean pathStyle,
      ChecksumMode checksumMode,
      Duration connectTimeout,
      Duration socketTimeout,
      Duration deadline,
      int maxConnections,
      Optional<KeyStore> trustStore,
      ProxySettings proxy) {

    @Override
    public String toString() {
      return "Settings[region=" + region + ", proxy=" + proxy + "]";
    }
  }

  /**
   * Builds the client.
   *
   * @param s the settings
   * @return the client, owned by the caller
   * @throws InvalidInputException if the trust store cannot be used
   */
  public static S3Client create(Settings s) {
    Apache5HttpClient.Builder http =
        Apache5HttpClient.builder()
            .connectionTimeout(s.connectTimeout())
            .socketTimeout(s.socketTimeout())
            .maxConnections(s.maxConnections());
    proxy(http, s.proxy());
    if (s.trustStore().isPresent()) {
      TrustManager[] trustManagers = trustManagers(s.trustStore().get());
      http.tlsTrustManagersProvider(() -> trustManagers);
    }
    boolean everywhere = s.checksumMode() == ChecksumMode.WHEN_SUPPORTED;
    S3ClientBuilder client =
        S3Client.builder()
            .region(Region.of(s.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s.accessKey(), s.secretKey().reveal())))
            .forcePathStyle(s.pathStyle())
            .requestChecksumCalculation(
                everywhere
                    ? RequestChecksumCalculation.WHEN_SUPPORTED
                    : RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(
                everywhere
                    ? ResponseChecksumValidation.WHEN_SUPPORTED
                    : ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(
                o -> o.apiCallTimeout(s.deadline()).apiCallAttemptTimeout(s.deadline()))
            // The HTTP client is set explicitly so the SDK never picks another one found on the
            // application's classpath.
            .httpClientBuilder(http);
    s.endpoint().ifPresent(client::endpointOverride);
    return client.build();
  }

  /**
   * Maps {@link ProxySettings} onto the Apache client. The SDK's own proxy configuration reads
   * {@code http(s).proxyHost} and the {@code HTTPS_PROXY} environment variable by default; Socle's
   * rule is the JVM's {@link ProxySelector} for {@code system()} (as socle-core's transport does,
   * custom selectors included) and nothing at all for {@code direct()}, so both sources are turned
   * off and the route is chosen by a route planner.
   */
  private static void proxy(Apache5HttpClient.Builder http, ProxySettings proxy) {
    ProxyConfiguration.Builder config =
        ProxyConfiguration.builder()
            .useSystemPropertyValues(false)
            .useEnvironmentVariableValues(false);
    if (proxy.isDirect()) {
      http.proxyConfiguration(config.build())
          .httpRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE));
    } else if (proxy.isSystem()) {
      http.proxyConfiguration(config.build())
          .httpRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()));
    } else {
      try {
        config.endpoint(
            new URI("http", null, proxy.host().orElseThrow(), proxy.port(), null, null, null));
      } catch (URISyntaxException e) {
        throw new InvalidInputException("proxy host is not a valid host name or address", e);
      }
      if (proxy.user().isPresent()) {
        // Preemptive: a request body is not always repeatable, so do not wait for a 407.
        config
            .username(proxy.user().get())
            .password(proxy.password().orElseThrow().reveal())
            .preemptiveBasicAuthenticationEnabled(true);
      }
      http.proxyConfiguration(config.build());
    }
  }

  private static TrustManager[] trustManagers(KeyStore trustStore) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(
          "trustStore cannot be used: give a loaded key store of trusted certificates", e);
    }
  }
}
