package fr.socle.benchmarks.payment;

import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.payment.Saisie;
import fr.socle.payment.jdbc.JdbcPaymentLedger;
import fr.socle.payment.payfip.PayfipClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Claim: {@link Payments#onNotification(String)} on the PostgreSQL ledger, with a PayFiP peer on
 * loopback, sustains at least 500 distinct notifications per second on 2 cores.
 *
 * <p>Each operation is a distinct pending payment of its own debt: ledger read, SOAP lookup over
 * HTTP, checks, conditional UPDATE to PAID that also takes the fulfilment claim and marks the debt
 * paid (committed with {@code synchronous_commit=on}), listener call, fulfilment recorded with the
 * default {@code fulfilmentRecordDelay} (20 ms): the background writer records those of the last 20
 * ms in one UPDATE, committed without waiting for its WAL flush (losing it only means a second
 * listener call after the lease, see {@code docs/payment.md} 3.6). The writer runs during the
 * measurement, so its cost is counted. The baseline does the same I/O by hand: a raw HttpClient
 * POST of a pre-built envelope plus the same conditional UPDATE through plain JDBC, without parsing
 * or checks.
 *
 * <p>Before each iteration (not measured) the table is emptied and refilled in bulk with fresh
 * pending payments, so every iteration runs on a table of the same size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class PaymentNotificationBenchmark {
  private static final int ROWS_PER_ITERATION = 150_000;

  private EmbeddedPostgres postgres;
  private JdbcConnectionPool pool;
  private LoopbackPayfip peer;
  private PayfipClient client;
  private Payments payments;
  private CloseableHttpClient rawHttp;
  private URI endpoint;
  private String[] ids;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong fulfilled = new AtomicLong();

  @Setup(Level.Trial)
  public void start() throws Exception {
    postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setServerNames(new String[] {"localhost"});
    pg.setPortNumbers(new int[] {postgres.getPort()});
    pg.setDatabaseName("postgres");
    pg.setUser("postgres");
    pool = JdbcConnectionPool.create(pg);
    pool.setMaxConnections(16);
    peer = new LoopbackPayfip();
    endpoint = peer.baseUri().resolve("/tpa/services/securite");
    client =
        PayfipClient.builder()
            .baseUri(peer.baseUri())
            .httpTransport(http -> http.maxConnections(16))
            .build();
    payments =
        Payments.builder()
            .client(client)
            .ledger(JdbcPaymentLedger.create(pool))
            .numcli("090909")
            .notificationUrl(URI.create("https://mairie.example/payfip/notification"))
            .returnUrl(URI.create("https://mairie.example/payfip/retour"))
            .saisie(Saisie.TEST)
            .listener(p -> fulfilled.incrementAndGet())
            .build();
    rawHttp =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(16)
                    .setMaxConnPerRoute(16)
                    .build())
            .build();
  }

  @Setup(Level.Iteration)
  public void insertPendingPayments() throws Exception {
    ids = new String[ROWS_PER_ITERATION];
    next.set(0);
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = pool.getConnection()) {
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("TRUNCATE socle_payment"); // keep the table the same size at every iteration
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO socle_payment (id_op, numcli, refdet, exer, amount_cents, label,"
                  + " payer_email, saisie, state, created_at, updated_at, means)"
                  + " VALUES (?, '090909', ?, 2026, 4250, 'Cantine',"
                  + " 'payer@example.fr', 'T', 'PENDING', ?, ?, 'UNKNOWN')")) {
        for (int i = 0; i < ids.length; i++) {
          ids[i] = UUID.randomUUID().toString();
          ps.setString(1, ids[i]);
          ps.setString(2, LoopbackPayfip.refdetOf(ids[i]));
          ps.setTimestamp(3, now);
          ps.setTimestamp(4, now);
          ps.addBatch();
          if (i % 1000 == 999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      try (java.sql.Statement s = c.createStatement()) {
        // A production table has statistics; a table just truncated and refilled has none until
        // autovacuum runs, and plans made meanwhile made whole iterations (of either benchmark)
        // run 40 times slower, depending on when autovacuum happened to start.
        s.execute("ANALYZE socle_payment");
      }
    }
  }

  private String nextId() {
    int i = next.getAndIncrement();
    if (i >= ids.length) {
      throw new IllegalStateException("not enough rows: raise ROWS_PER_ITERATION");
    }
    return ids[i];
  }

  @Benchmark
  public PaymentState socleOnNotification() {
    PaymentState state = payments.onNotification(nextId()).state();
    if (state != PaymentState.PAID) {
      throw new IllegalStateException("expected PAID, got " + state);
    }
    return state;
  }

  @Benchmark
  public int rawPostAndConditionalUpdate() throws Exception {
    String idOp = nextId();
    HttpPost post = new HttpPost(endpoint);
    post.setEntity(
        new ByteArrayEntity(
            SoapOverheadBenchmark.detailRequest(idOp),
            ContentType.parse("text/xml; charset=utf-8")));
    byte[] answer = rawHttp.execute(post, r -> EntityUtils.toByteArray(r.getEntity()));
    if (answer.length == 0) {
      throw new IllegalStateException("empty answer");
    }
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE socle_payment SET state = 'PAID', updated_at = ? WHERE id_op = ?"
                    + " AND state IN ('PENDING', 'EXPIRED')")) {
      ps.setTimestamp(1, Timestamp.from(Instant.now()));
      ps.setString(2, idOp);
      return ps.executeUpdate();
    }
  }

  /** The process id of the PostgreSQL server (its backends are its children). */
  long postmasterPid() throws Exception {
    try (Connection c = pool.getConnection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      String stat =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + rs.getInt(1) + "/stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    payments.close();
    client.close();
    rawHttp.close();
    peer.close();
    pool.dispose();
    postgres.close();
  }
}
