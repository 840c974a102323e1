package fr.socle.refdata.geocoding;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import fr.socle.refdata.internal.Csv;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers POST /search/csv like the geocoder: the input columns followed by the result columns, and
 * misbehaves on demand (drops rows the first time it sees them, or always).
 */
final class FakeBatchGeocoder implements ResponseTransformerV2 {
  static final String NAME = "fake-batch-geocoder";

  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final AtomicInteger uploads = new AtomicInteger();
  final Set<String> seen = ConcurrentHashMap.newKeySet();
  volatile int dropFirstTimeEvery = 0;
  volatile Set<String> alwaysDrop = Set.of();
  volatile boolean semicolon = false;

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    uploads.incrementAndGet();
    try {
      Thread.sleep(50);
      Request request = serveEvent.getRequest();
      String csv = request.getPart("data").getBody().asString();
      List<List<String>> in = Csv.parse(csv, ',');
      List<String> header = new ArrayList<>(in.get(0));
      int id = header.indexOf("socle_row_id");
      int address = header.indexOf("adresse");
      header.addAll(
          List.of(
              "latitude",
              "longitude",
              "result_label",
              "result_score",
              "result_type",
              "result_id",
              "result_postcode",
              "result_citycode",
              "result_city",
              "result_status"));
      List<List<String>> out = new ArrayList<>();
      out.add(header);
      for (List<String> row : in.subList(1, in.size())) {
        String rowId = row.get(id);
        int n = Integer.parseInt(rowId);
        boolean firstTime = seen.add(rowId);
        if (alwaysDrop.contains(rowId)
            || (dropFirstTimeEvery > 0 && firstTime && n % dropFirstTimeEvery == 0)) {
          continue;
        }
        List<String> r = new ArrayList<>(row);
        String a = row.get(address);
        if (a.isBlank()) {
          r.addAll(List.of("", "", "", "", "", "", "", "", "", "skipped"));
        } else if (a.contains("nowhere")) {
          r.addAll(List.of("", "", "", "", "", "", "", "", "", "not-found"));
        } else {
          r.addAll(
              List.of(
                  "49.8" + n,
                  "2.29",
                  a.toUpperCase() + " 80000 Amiens",
                  "0.9" + (n % 10),
                  "housenumber",
                  "80021_6590_" + n,
                  "80000",
                  "80021",
                  "Amiens",
                  "ok"));
        }
        out.add(r);
      }
      char d = semicolon ? ';' : ',';
      return Response.Builder.like(response).but().status(200).body(Csv.write(out, d)).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }
}
