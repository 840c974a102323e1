package fr.socle.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.core.http.ProxySettings;
import fr.socle.storage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An on-premises store behind a private CA and a corporate proxy: S3Proxy serves HTTPS with a
 * self-signed certificate made for the test by the JDK's keytool, and {@link ConnectProxy} tunnels
 * the connections.
 */
class S3TlsAndProxyIT {
  private static final String BUCKET = "coffre";
  private static final String ACCESS = "access";
  private static final String SECRET = "secret-access-key";

  @TempDir static Path dir;
  private static S3Proxy s3Proxy;
  private static BlobStoreContext blobs;
  private static URI endpoint;
  private static KeyStore trustStore;

  private ConnectProxy proxy;

  @BeforeAll
  static void startTlsStore() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    String password = "changeit";
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "s3",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                password)
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();

    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      server.load(in, password.toCharArray());
    }
    Certificate certificate = server.getCertificate("s3");
    trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("private-ca", certificate);

    Properties properties = new Properties();
    blobs =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(properties)
            .build(BlobStoreContext.class);
    blobs.getBlobStore().createContainerInLocation(null, BUCKET);
    s3Proxy =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
            .secureEndpoint(URI.create("https://127.0.0.1:0"))
            .keyStore(keyStore.toString(), password)
            .build();
    s3Proxy.start();
    while (!s3Proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    endpoint = URI.create("https://127.0.0.1:" + s3Proxy.getSecurePort());
  }

  @AfterAll
  static void stopTlsStore() throws Exception {
    s3Proxy.stop();
    blobs.close();
  }

  @BeforeEach
  void startProxy() throws IOException {
    proxy = new ConnectProxy("socle", "proxy-password");
  }

  @AfterEach
  void stopProxy() throws IOException {
    proxy.close();
  }

  private static S3ObjectStore.Builder store() {
    return S3ObjectStore.builder()
        .endpoint(endpoint)
        .region("us-east-1")
        .bucket(BUCKET)
        .credentials(ACCESS, Secret.of(SECRET))
        .connectTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30));
  }

  private static void roundTrip(S3ObjectStore store, String key) throws IOException {
    store.put(key, "acte".getBytes(StandardCharsets.UTF_8), WriteOptions.replace());
    try (InputStream in = store.get(key)) {
      assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("acte");
    }
  }

  @Test
  void build_whenTheStoresCertificateIsNotTrusted_isRefused() {
    assertThatThrownBy(() -> store().proxy(ProxySettings.direct()).build())
        .isInstanceOf(SocleClientException.class)
        .isNotInstanceOf(SocleTimeoutException.class)
        .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
  }

  @Test
  void trustStore_whenItHoldsTheStoresCertificate_connects() throws Exception {
    try (S3ObjectStore store =
        store().trustStore(trustStore).proxy(ProxySettings.direct()).build()) {
      roundTrip(store, "tls/a");
    }
  }

  @Test
  void proxy_whenExplicitWithCredentials_tunnelsEveryConnectionThroughIt() throws Exception {
    ProxySettings settings =
        ProxySettings.http("127.0.0.1", proxy.port())
            .withCredentials("socle", Secret.of("proxy-password"));
    try (S3ObjectStore store = store().trustStore(trustStore).proxy(settings).build()) {
      roundTrip(store, "proxy/a");
    }
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("socle:proxy-password".getBytes(StandardCharsets.UTF_8));
    assertThat(proxy.connects)
        .isNotEmpty()
        .allMatch(t -> t.equals("127.0.0.1:" + endpoint.getPort()));
    assertThat(proxy.authorizations).last().isEqualTo(basic);
  }

  @Test
  void proxy_whenTheProxyRefusesTheCredentials_failsWithoutReachingTheStore() {
    ProxySettings settings =
        ProxySettings.http("127.0.0.1", proxy.port())
            .withCredentials("socle", Secret.of("wrong-password"));
    assertThatThrownBy(() -> store().trustStore(trustStore).proxy(settings).build())
        .isInstanceOf(SocleServiceException.class)
        .hasMessageContaining("object lock")
        .hasMessageNotContaining("wrong-password")
        .extracting(e -> ((SocleServiceException) e).statusCode())
        .isEqualTo(407);
    assertThat(proxy.connects).isNotEmpty();
  }

  @Test
  void proxy_direct_ignoresTheJvmProxySettings_whileSystemFollowsThem() throws Exception {
    Properties saved = (Properties) System.getProperties().clone();
    ProxySelector savedSelector = ProxySelector.getDefault();
    try {
      ProxyJvm.pointAt(proxy.port());
      ConnectProxy open = new ConnectProxy(null, null);
      try (open) {
        // https.proxyHost points at the proxy that demands credentials; the JVM's ProxySelector at
        // a second, open one: direct() must use neither, system() the selector.
        ProxySelector.setDefault(
            new ProxySelector() {
              @Override
              public List<Proxy> select(URI uri) {
                return List.of(
                    new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", open.port())));
              }

              @Override
              public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
            });
        try (S3ObjectStore store =
            store().trustStore(trustStore).proxy(ProxySettings.direct()).build()) {
          roundTrip(store, "direct/a");
        }
        assertThat(proxy.connects).as("https.proxyHost ignored").isEmpty();
        assertThat(open.connects).as("ProxySelector ignored").isEmpty();

        try (S3ObjectStore store = store().trustStore(trustStore).build()) {
          roundTrip(store, "system/a");
        }
        assertThat(open.connects).as("system(): the JVM's ProxySelector").isNotEmpty();
      }
    } finally {
      ProxySelector.setDefault(savedSelector);
      System.setProperties(saved);
    }
  }

  /** The JVM-wide proxy properties a direct() store must ignore. */
  private static final class ProxyJvm {
    static void pointAt(int port) {
      for (String scheme : new String[] {"http", "https"}) {
        System.setProperty(scheme + ".proxyHost", "127.0.0.1");
        System.setProperty(scheme + ".proxyPort", Integer.toString(port));
      }
      System.setProperty("http.nonProxyHosts", "");
    }
  }
}
