package fr.socle.onceonly;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The data provider behind the API (CNAF, MSA, INSEE, URSSAF, DGFiP...) failed or did not answer in
 * time: HTTP 502 (provider error), 503 (maintenance) or 504 (the API gave up after its own 10 s
 * wait). Nothing is known about the person or company: never read it as "not eligible". Try again
 * later, after {@link #retryIn()} when the API said so.
 */
public class ProviderUnavailableException extends OnceOnlyServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param what the call, without its parameters
   * @param status the HTTP status
   * @param errors the errors of the envelope
   * @param correlationId the API's request id, or {@code null}
   */
  public ProviderUnavailableException(
      String what, int status, List<ApiError> errors, String correlationId) {
    super(what, status, errors, correlationId);
  }

  /**
   * Returns when the API suggests to try again.
   *
   * @return the delay of {@code meta.retry_in}, if the API gave one
   */
  public Optional<Duration> retryIn() {
    return errors().stream().flatMap(e -> e.retryIn().stream()).findFirst();
  }
}
