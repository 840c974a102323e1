package fr.socle.refdata.geocoding;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a batch geocoding result, in the position of its input row.
 *
 * @param index the position of the input row, from 0
 * @param input the input row as given
 * @param status what happened to it
 * @param result the address found, when {@link BatchStatus#OK}
 */
public record BatchRow(
    int index, List<String> input, BatchStatus status, Optional<GeocodedAddress> result) {

  /**
   * Validates the record.
   *
   * @param index the position of the input row, from 0
   * @param input the input row as given
   * @param status what happened to it
   * @param result the address found, when {@link BatchStatus#OK}
   */
  public BatchRow {
    input = List.copyOf(input);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(result, "result");
  }

  @Override
  public String toString() {
    return "BatchRow[" + index + ", " + status + "]";
  }
}
