package fr.socle.onceonly;

import fr.socle.core.SocleServiceException;
import java.util.List;
import java.util.Optional;

/**
 * API Particulier or API Entreprise answered with an error envelope. Subtypes mark the cases
 * callers branch on: {@link AccessDeniedException} (401/403: token or habilitation), {@link
 * ProviderUnavailableException} (502/503/504: try later), {@link NonDiffusibleException} (451). 429
 * answers raise {@link fr.socle.core.RateLimitedException}; 404 answers are an empty {@code
 * Optional}, not an exception.
 *
 * <p>The message carries the status, the codes and titles, never the request's parameters.
 */
public class OnceOnlyServiceException extends SocleServiceException {
  private static final long serialVersionUID = 1L;

  private final transient List<ApiError> errors;

  /**
   * Creates the exception.
   *
   * @param what the call, without its parameters
   * @param status the HTTP status
   * @param errors the errors of the envelope, possibly empty
   * @param correlationId the API's request id, or {@code null}
   */
  public OnceOnlyServiceException(
      String what, int status, List<ApiError> errors, String correlationId) {
    super(
        what + " failed" + describe(errors),
        status,
        errors.isEmpty() ? null : errors.get(0).code(),
        correlationId);
    this.errors = List.copyOf(errors);
  }

  /**
   * Returns the errors of the envelope.
   *
   * @return the errors, possibly empty when the answer had no envelope
   */
  public List<ApiError> errors() {
    return errors == null ? List.of() : errors;
  }

  /**
   * Returns the first error.
   *
   * @return the first error, if the envelope had one
   */
  public Optional<ApiError> firstError() {
    return errors().stream().findFirst();
  }

  private static String describe(List<ApiError> errors) {
    if (errors.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(":");
    for (ApiError e : errors) {
      sb.append(' ').append(e.code()).append(" \"").append(e.title()).append('"');
      e.parameter().ifPresent(p -> sb.append(" [").append(p).append(']'));
      e.provider().ifPresent(p -> sb.append(" (").append(p).append(')'));
    }
    return sb.toString();
  }
}
