package fr.socle.core.internal.http;

import fr.socle.core.InvalidInputException;
import fr.socle.core.http.ProxySettings;
import fr.socle.core.internal.SocleRetryStrategy;
import java.net.ProxySelector;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the Apache HttpClient 5 behind a transport: the bounded connection pool, the TLS strategy
 * (the transport's own trust store, never the JVM-wide {@code javax.net.ssl.*} properties), the
 * proxy route and Socle's retry strategy. No redirects, no cookies.
 */
public final class ApacheClientFactory {
  private ApacheClientFactory() {}

  /**
   * Returns the request configuration every request starts from.
   *
   * @param s the transport's settings
   * @return response timeout, pooled-connection wait, no redirects
   */
  public static RequestConfig defaultRequestConfig(TransportSettings s) {
    return RequestConfig.custom()
        .setResponseTimeout(Timeout.of(s.responseTimeout()))
        .setConnectionRequestTimeout(Timeout.of(s.connectTimeout()))
        .setRedirectsEnabled(false)
        .build();
  }

  /**
   * Builds the client.
   *
   * @param s the transport's settings
   * @param userAgent the User-Agent header of every request
   * @return a new client, to be closed with the transport
   * @throws InvalidInputException if the trust store cannot be used
   */
  public static CloseableHttpClient create(TransportSettings s, String userAgent) {
    PoolingHttpClientConnectionManagerBuilder cm =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(s.maxConnections())
            .setMaxConnPerRoute(s.maxConnections())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(s.connectTimeout()))
                    .setSocketTimeout(Timeout.of(s.responseTimeout()))
                    .setTimeToLive(Timeout.ofMinutes(5))
                    .build());
    if (s.trustStore() != null) {
      cm.setTlsSocketStrategy(
          ClientTlsStrategyBuilder.create()
              .setSslContext(sslContext(s.trustStore()))
              .buildClassic());
    }
    HttpClientBuilder hb =
        HttpClientBuilder.create()
            .setConnectionManager(cm.build())
            .setRetryStrategy(
                new SocleRetryStrategy(s.maxRetries(), s.retryBaseDelay(), s.maxRetryDelay()))
            .setUserAgent(userAgent)
            .setDefaultRequestConfig(defaultRequestConfig(s))
            .disableRedirectHandling()
            .disableCookieManagement()
            .evictExpiredConnections();
    route(hb, s.proxy());
    return hb.build();
  }

  /**
   * Chooses the route planner. HttpClient's builder never reads the JVM's proxy properties unless
   * asked to, so {@link ProxySettings#direct()} needs the plain planner only; the system mode reads
   * the {@link ProxySelector} at build time, as {@code java.net.http.HttpClient} does.
   */
  private static void route(HttpClientBuilder hb, ProxySettings proxy) {
    if (proxy.isSystem()) {
      hb.setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()));
      return;
    }
    if (proxy.isDirect()) {
      hb.setRoutePlanner(new DefaultRoutePlanner(null));
      return;
    }
    HttpHost host = new HttpHost("http", proxy.host().orElseThrow(), proxy.port());
    hb.setRoutePlanner(new DefaultProxyRoutePlanner(host));
    if (proxy.user().isPresent()) {
      // Scoped to the proxy only: the credentials are never offered to a peer that asks for Basic
      // authentication itself (a 401 from the peer stays the caller's to handle).
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      char[] password = proxy.password().orElseThrow().reveal().toCharArray();
      credentials.setCredentials(
          new AuthScope(host), new UsernamePasswordCredentials(proxy.user().get(), password));
      hb.setDefaultCredentialsProvider(credentials);
    }
  }

  private static SSLContext sslContext(KeyStore trustStore) {
    try {
      return SSLContextBuilder.create().loadTrustMaterial(trustStore, null).build();
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(
          "trustStore cannot be used: check that it is loaded and holds certificates", e);
    }
  }
}
