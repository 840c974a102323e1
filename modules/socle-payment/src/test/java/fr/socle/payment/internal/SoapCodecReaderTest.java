package fr.socle.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The reader behind {@link SoapCodec#parse}: what it decodes, what it refuses, shared safely. */
class SoapCodecReaderTest {
  private final SoapCodec codec = new SoapCodec();

  private static byte[] answer(String returnContent) {
    return ("<?xml version='1.0' encoding='UTF-8'?>"
            + "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
            + "<ns2:recupererDetailClientResponse xmlns:ns2=\""
            + SoapCodec.NS_SERVICE
            + "\"><return>"
            + returnContent
            + "</return></ns2:recupererDetailClientResponse></S:Body></S:Envelope>")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parse_decodesPredefinedEntitiesAndCharacterReferences() {
    SoapCodec.Answer a =
        codec.parse(
            answer("<libelleN1>Cantine &amp; garderie &#233;t&#xE9; &lt;3</libelleN1>"),
            "recupererDetailClientResponse");

    assertThat(a.fields()).containsEntry("libelleN1", "Cantine & garderie été <3");
  }

  @Test
  void parse_refusesUndeclaredEntitiesAndDeepTrees() {
    assertThatThrownBy(
            () ->
                codec.parse(
                    answer("<libelleN1>&xxe;</libelleN1>"), "recupererDetailClientResponse"))
        .isInstanceOf(SoapCodec.InvalidSoapException.class);
    String deep = "<a>".repeat(40) + "x" + "</a>".repeat(40);
    assertThatThrownBy(() -> codec.parse(answer(deep), "recupererDetailClientResponse"))
        .isInstanceOf(SoapCodec.InvalidSoapException.class);
  }

  @Test
  void parse_fromManyThreadsAtOnce_readsEachAnswerAsItsOwn() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        String label = "label" + i;
        results.add(
            pool.submit(
                () ->
                    codec
                        .parse(
                            answer("<libelleN1>" + label + "</libelleN1>"),
                            "recupererDetailClientResponse")
                        .fields()
                        .get("libelleN1")));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo("label" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
