package fr.socle.refdata.geocoding;

import fr.socle.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch geocoding job: a table (header and rows) and which columns hold the address.
 *
 * <pre>{@code
 * BatchGeocodingRequest job = BatchGeocodingRequest
 *     .of(List.of("id", "adresse", "cp"), rows, List.of("adresse"))
 *     .postcodeColumn("cp");
 * }</pre>
 *
 * @param header the column names
 * @param rows the rows, each with as many values as the header
 * @param addressColumns the columns concatenated into the address, in order
 * @param postcodeColumn a column holding the postal code to filter on
 * @param citycodeColumn a column holding the INSEE code to filter on
 * @param chunkSize rows per upload, 1 to 50 000 (default 5 000: far below the geocoder's file and
 *     time limits)
 * @param maxAttempts how many times a row is sent at most, 1 to 10 (default 3)
 */
public record BatchGeocodingRequest(
    List<String> header,
    List<List<String>> rows,
    List<String> addressColumns,
    Optional<String> postcodeColumn,
    Optional<String> citycodeColumn,
    int chunkSize,
    int maxAttempts) {

  /** The column Socle adds to match answers to rows; the input must not use it. */
  public static final String ROW_ID_COLUMN = "socle_row_id";

  /**
   * Validates the job.
   *
   * @param header the column names
   * @param rows the rows, each with as many values as the header
   * @param addressColumns the columns concatenated into the address, in order
   * @param postcodeColumn a column holding the postal code to filter on
   * @param citycodeColumn a column holding the INSEE code to filter on
   * @param chunkSize rows per upload, 1 to 50 000 (default 5 000: far below the geocoder's file and
   *     time limits)
   * @param maxAttempts how many times a row is sent at most, 1 to 10 (default 3)
   */
  public BatchGeocodingRequest {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    addressColumns = List.copyOf(addressColumns);
    if (header.contains(ROW_ID_COLUMN)) {
      throw new InvalidInputException("the header must not contain " + ROW_ID_COLUMN);
    }
    if (header.stream().distinct().count() != header.size()) {
      throw new InvalidInputException("duplicate column names");
    }
    if (addressColumns.isEmpty() || !header.containsAll(addressColumns)) {
      throw new InvalidInputException("address columns must be non-empty header columns");
    }
    Objects.requireNonNull(postcodeColumn, "postcodeColumn");
    Objects.requireNonNull(citycodeColumn, "citycodeColumn");
    if (postcodeColumn.isPresent()) {
      requireColumn(header, postcodeColumn.get());
    }
    if (citycodeColumn.isPresent()) {
      requireColumn(header, citycodeColumn.get());
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).size() != header.size()) {
        throw new InvalidInputException(
            "row " + i + " has " + rows.get(i).size() + " values, header has " + header.size());
      }
    }
    if (chunkSize < 1 || chunkSize > 50_000) {
      throw new InvalidInputException("chunk size must be between 1 and 50 000");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new InvalidInputException("max attempts must be between 1 and 10");
    }
  }

  private static void requireColumn(List<String> header, String c) {
    if (!header.contains(c)) {
      throw new InvalidInputException("no such column: " + c);
    }
  }

  /**
   * A job with the default chunk size and attempts.
   *
   * @param header the column names
   * @param rows the rows
   * @param addressColumns the address columns
   * @return the job
   */
  public static BatchGeocodingRequest of(
      List<String> header, List<List<String>> rows, List<String> addressColumns) {
    return new BatchGeocodingRequest(
        header, rows, addressColumns, Optional.empty(), Optional.empty(), 5_000, 3);
  }

  /**
   * Filters each row on the postal code of a column.
   *
   * @param column the column
   * @return a new job
   */
  public BatchGeocodingRequest postcodeColumn(String column) {
    return new BatchGeocodingRequest(
        header, rows, addressColumns, Optional.of(column), citycodeColumn, chunkSize, maxAttempts);
  }

  /**
   * Filters each row on the INSEE code of a column.
   *
   * @param column the column
   * @return a new job
   */
  public BatchGeocodingRequest citycodeColumn(String column) {
    return new BatchGeocodingRequest(
        header, rows, addressColumns, postcodeColumn, Optional.of(column), chunkSize, maxAttempts);
  }

  /**
   * Sets the chunk size.
   *
   * @param size rows per upload
   * @return a new job
   */
  public BatchGeocodingRequest chunkSize(int size) {
    return new BatchGeocodingRequest(
        header, rows, addressColumns, postcodeColumn, citycodeColumn, size, maxAttempts);
  }

  /**
   * Sets how many times a row may be sent.
   *
   * @param attempts 1 to 10
   * @return a new job
   */
  public BatchGeocodingRequest maxAttempts(int attempts) {
    return new BatchGeocodingRequest(
        header, rows, addressColumns, postcodeColumn, citycodeColumn, chunkSize, attempts);
  }

  @Override
  public String toString() {
    return "BatchGeocodingRequest[" + rows.size() + " rows, chunks of " + chunkSize + "]";
  }
}
