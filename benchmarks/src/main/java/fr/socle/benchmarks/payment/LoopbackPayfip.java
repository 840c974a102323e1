package fr.socle.benchmarks.payment;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal PayFiP peer on loopback: answers every {@code recupererDetailPaiementSecurise} with a
 * paid result (amount 4250, refdet {@link #refdetOf(String)}, numcli 090909, mode T) echoing the
 * requested idOp, in the message shape of the real service. Enough to measure Socle, not a
 * simulator.
 */
final class LoopbackPayfip implements AutoCloseable {
  static final String NS =
      "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
          + "contrat_paiement_securise/PaiementSecuriseService";
  private static final Pattern ID_OP = Pattern.compile("<idOp>([A-Za-z0-9-]{1,64})</idOp>");

  static {
    // The JDK server writes headers and body separately; with Nagle on, each answer waits for the
    // client's delayed ACK (40 ms on Linux) and the benchmark would measure that.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;

  LoopbackPayfip() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext(
        "/tpa/services/securite",
        exchange -> {
          String request =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Matcher m = ID_OP.matcher(request);
          byte[] answer = (m.find() ? paid(m.group(1)) : "").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
          exchange.sendResponseHeaders(answer.length == 0 ? 500 : 200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * The debt reference of a benchmark payment: one debt per operation (a debt is paid once),
   * derived from the id so that the peer can echo it without state.
   */
  static String refdetOf(String idOp) {
    String hex = idOp.replace("-", "");
    return hex.length() > 30 ? hex.substring(0, 30) : hex;
  }

  static String paid(String idOp) {
    return "<?xml version='1.0' encoding='UTF-8'?>"
        + "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
        + "<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2=\""
        + NS
        + "\"><return><dattrans>29112026</dattrans><exer>2026</exer><heurtrans>1105</heurtrans>"
        + "<idOp>"
        + idOp
        + "</idOp><mel>payer@example.fr</mel><montant>4250</montant><numauto>A55A</numauto>"
        + "<numcli>090909</numcli><objet>Cantine</objet><refdet>"
        + refdetOf(idOp)
        + "</refdet>"
        + "<resultrans>P</resultrans><saisie>T</saisie></return>"
        + "</ns2:recupererDetailPaiementSecuriseResponse></S:Body></S:Envelope>";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
