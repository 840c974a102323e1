package fr.socle.refdata.geocoding;

import java.util.List;

/**
 * The result of a batch geocoding: exactly one row per input row, in input order.
 *
 * @param rows the rows
 * @param resubmittedRows how many rows had to be sent again because an answer lacked them
 */
public record BatchGeocodingResult(List<BatchRow> rows, int resubmittedRows) {

  /**
   * Copies the list.
   *
   * @param rows the rows
   * @param resubmittedRows how many rows had to be sent again because an answer lacked them
   */
  public BatchGeocodingResult {
    rows = List.copyOf(rows);
  }

  /**
   * Counts the rows with a status.
   *
   * @param status the status
   * @return the count
   */
  public long count(BatchStatus status) {
    return rows.stream().filter(r -> r.status() == status).count();
  }
}
