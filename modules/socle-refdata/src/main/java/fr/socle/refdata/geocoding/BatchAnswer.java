package fr.socle.refdata.geocoding;

import fr.socle.core.SocleServiceException;
import fr.socle.refdata.client.GeoPoint;
import fr.socle.refdata.internal.Csv;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Géoplateforme's CSV answer to a batch upload: one {@link BatchRow} per row sent,
 * matched by the row id column Socle added. An answer that lost that column, or holds a row that
 * was not sent, is malformed: the chunk is sent again rather than trusted.
 */
final class BatchAnswer {
  private BatchAnswer() {}

  static Map<Integer, BatchRow> parse(
      BatchGeocodingRequest request, List<Integer> chunk, String csv) {
    List<List<String>> table;
    try {
      String firstLine = csv.lines().findFirst().orElse("");
      char delimiter = firstLine.indexOf(',') < 0 && firstLine.indexOf(';') >= 0 ? ';' : ',';
      table = Csv.parse(csv, delimiter);
    } catch (IllegalArgumentException e) {
      throw malformed("unreadable CSV answer");
    }
    if (table.isEmpty()) {
      throw malformed("empty CSV answer");
    }
    Map<String, Integer> col = new HashMap<>();
    List<String> header = table.get(0);
    for (int i = 0; i < header.size(); i++) {
      col.putIfAbsent(header.get(i).strip(), i);
    }
    Integer idCol = col.get(BatchGeocodingRequest.ROW_ID_COLUMN);
    if (idCol == null) {
      throw malformed("the CSV answer lost the row id column");
    }
    java.util.Set<Integer> expected = new java.util.HashSet<>(chunk);
    Map<Integer, BatchRow> out = new HashMap<>();
    for (List<String> row : table.subList(1, table.size())) {
      int index;
      try {
        index = Integer.parseInt(cell(row, idCol).strip());
      } catch (NumberFormatException e) {
        throw malformed("a row of the CSV answer has no valid id");
      }
      if (!expected.contains(index)) {
        // A row we did not send: the answer cannot be trusted, the chunk is sent again.
        throw malformed("the CSV answer holds a row that was not sent");
      }
      out.putIfAbsent(index, row(index, request.rows().get(index), row, col));
    }
    return out;
  }

  private static BatchRow row(
      int index, List<String> input, List<String> row, Map<String, Integer> col) {
    String status = get(row, col, "result_status").orElse("");
    String label = get(row, col, "result_label").orElse("");
    BatchStatus s =
        switch (status) {
          case "ok" -> BatchStatus.OK;
          case "skipped" -> BatchStatus.SKIPPED;
          case "not-found", "not_found" -> BatchStatus.NOT_FOUND;
          case "" -> label.isEmpty() ? BatchStatus.NOT_FOUND : BatchStatus.OK;
          default -> BatchStatus.ERROR;
        };
    if (s != BatchStatus.OK) {
      return new BatchRow(index, input, s, Optional.empty());
    }
    try {
      double lat = Double.parseDouble(get(row, col, "latitude").orElseThrow());
      double lon = Double.parseDouble(get(row, col, "longitude").orElseThrow());
      double score = Double.parseDouble(get(row, col, "result_score").orElse("0"));
      GeocodedAddress a =
          new GeocodedAddress(
              label,
              new GeoPoint(lat, lon),
              score,
              get(row, col, "result_type").flatMap(AddressType::fromWire),
              get(row, col, "result_id"),
              get(row, col, "result_housenumber"),
              get(row, col, "result_street"),
              get(row, col, "result_name"),
              get(row, col, "result_postcode"),
              get(row, col, "result_citycode"),
              get(row, col, "result_city"),
              get(row, col, "result_context"),
              get(row, col, "result_district"),
              get(row, col, "result_oldcitycode"),
              get(row, col, "result_oldcity"));
      return new BatchRow(index, input, BatchStatus.OK, Optional.of(a));
    } catch (RuntimeException e) {
      return new BatchRow(index, input, BatchStatus.ERROR, Optional.empty());
    }
  }

  private static Optional<String> get(List<String> row, Map<String, Integer> col, String name) {
    Integer i = col.get(name);
    if (i == null) {
      return Optional.empty();
    }
    String v = cell(row, i).strip();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  private static String cell(List<String> row, int i) {
    return i < row.size() ? row.get(i) : "";
  }

  static SocleServiceException malformed(String message) {
    return new SocleServiceException(
        "Géoplateforme batch geocoding: " + message, 200, "malformed_response", null);
  }
}
