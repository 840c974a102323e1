package fr.socle.benchmarks.payment;

import fr.socle.payment.internal.SoapCodec;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipPaymentDetail;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Claim: building and parsing PayFiP's SOAP messages adds at most 50 µs per call over a raw
 * HttpClient POST of the same bytes, measured in the same run against the same loopback peer.
 *
 * <ul>
 *   <li>{@code socleDetailLookup}: {@link PayfipClient#paymentDetail(String)} (build the envelope,
 *       POST through socle-core's transport, parse and check the answer, convert the time);
 *   <li>{@code rawHttpClientPost}: Apache HttpClient 5 POST of the pre-built envelope bytes, body
 *       read to a byte array, nothing parsed (the baseline);
 *   <li>{@code codecOnly}: build plus parse without any I/O, to decompose the difference.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SoapOverheadBenchmark {
  static final String ID_OP = "6475fa10-b338-11e2-a082-001fe256bdfe";
  private static final SoapCodec CODEC = new SoapCodec();

  private LoopbackPayfip peer;
  private PayfipClient client;
  private CloseableHttpClient rawHttp;
  private URI endpoint;
  private byte[] request;
  private byte[] answer;

  static byte[] detailRequest(String idOp) {
    return CODEC.paymentDetail(idOp);
  }

  @Setup
  public void start() throws Exception {
    peer = new LoopbackPayfip();
    endpoint = peer.baseUri().resolve("/tpa/services/securite");
    client = PayfipClient.builder().baseUri(peer.baseUri()).build();
    rawHttp = HttpClients.createDefault();
    request = detailRequest(ID_OP);
    answer = LoopbackPayfip.paid(ID_OP).getBytes(StandardCharsets.UTF_8);
    if (!client.paymentDetail(ID_OP).isPaid() || rawHttpClientPost().length != answer.length) {
      throw new IllegalStateException("set-up check failed");
    }
  }

  @Benchmark
  public PayfipPaymentDetail socleDetailLookup() {
    return client.paymentDetail(ID_OP);
  }

  @Benchmark
  public byte[] rawHttpClientPost() throws Exception {
    HttpPost post = new HttpPost(endpoint);
    post.addHeader("SOAPAction", "\"\"");
    post.setEntity(new ByteArrayEntity(request, ContentType.parse("text/xml; charset=utf-8")));
    return rawHttp.execute(post, r -> EntityUtils.toByteArray(r.getEntity()));
  }

  @Benchmark
  public SoapCodec.Answer codecOnly() {
    CODEC.paymentDetail(ID_OP);
    return CODEC.parse(answer, "recupererDetailPaiementSecuriseResponse");
  }

  @TearDown
  public void stop() throws Exception {
    client.close();
    rawHttp.close();
    peer.close();
  }
}
