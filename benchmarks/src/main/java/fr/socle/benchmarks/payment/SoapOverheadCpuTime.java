package fr.socle.benchmarks.payment;

import fr.socle.payment.internal.SoapCodec;
import fr.socle.payment.payfip.PayfipClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Companion of {@link SoapOverheadBenchmark} for a shared, overloaded machine: the same three
 * operations, measured in <em>CPU time of the calling thread</em> ({@link
 * ThreadMXBean#getCurrentThreadCpuTime()}) instead of wall time, so that waiting for a core does
 * not count. The difference between the Socle lookup and the raw POST is the client-side cost Socle
 * adds (envelope, transport, parsing, checks). Rounds alternate the three operations; the median of
 * the rounds is reported.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * fr.socle.benchmarks.payment.SoapOverheadCpuTime}
 */
public final class SoapOverheadCpuTime {
  private static final int WARMUP_ROUNDS = 10;
  private static final int ROUNDS = 15;
  private static final int CALLS = 2000;

  private SoapOverheadCpuTime() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    String idOp = SoapOverheadBenchmark.ID_OP;
    SoapCodec codec = new SoapCodec();
    byte[] answer = LoopbackPayfip.paid(idOp).getBytes(StandardCharsets.UTF_8);
    byte[] request = SoapOverheadBenchmark.detailRequest(idOp);
    try (LoopbackPayfip peer = new LoopbackPayfip();
        PayfipClient client = PayfipClient.builder().baseUri(peer.baseUri()).build();
        CloseableHttpClient raw = HttpClients.createDefault()) {
      URI endpoint = peer.baseUri().resolve("/tpa/services/securite");
      double[][] perCall = new double[3][ROUNDS];
      for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS; i++) {
          codec.paymentDetail(idOp);
          codec.parse(answer, "recupererDetailPaiementSecuriseResponse");
        }
        long t1 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS; i++) {
          HttpPost post = new HttpPost(endpoint);
          post.addHeader("SOAPAction", "\"\"");
          post.setEntity(
              new ByteArrayEntity(request, ContentType.parse("text/xml; charset=utf-8")));
          raw.execute(post, r -> EntityUtils.toByteArray(r.getEntity()));
        }
        long t2 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS; i++) {
          if (!client.paymentDetail(idOp).isPaid()) {
            throw new IllegalStateException("expected a paid result");
          }
        }
        long t3 = threads.getCurrentThreadCpuTime();
        if (round >= WARMUP_ROUNDS) {
          int r = round - WARMUP_ROUNDS;
          perCall[0][r] = (t1 - t0) / 1e3 / CALLS;
          perCall[1][r] = (t2 - t1) / 1e3 / CALLS;
          perCall[2][r] = (t3 - t2) / 1e3 / CALLS;
        }
      }
      String[] names = {"codec build+parse", "raw HttpClient POST", "Socle paymentDetail"};
      for (int k = 0; k < 3; k++) {
        double[] v = perCall[k].clone();
        Arrays.sort(v);
        System.out.printf(
            "%-22s CPU µs/call: median %.1f (min %.1f, max %.1f, %d rounds of %d calls)%n",
            names[k], v[ROUNDS / 2], v[0], v[ROUNDS - 1], ROUNDS, CALLS);
      }
      double[] diff = new double[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        diff[r] = perCall[2][r] - perCall[1][r];
      }
      Arrays.sort(diff);
      System.out.printf(
          "Socle minus raw        CPU µs/call: median %.1f (min %.1f, max %.1f)%n",
          diff[ROUNDS / 2], diff[0], diff[ROUNDS - 1]);
    }
  }
}
