package fr.socle.onceonly;

import java.util.List;

/**
 * The token is missing, invalid, expired (`00103`) or black-listed (`00105`), bound to other IPs,
 * or lacks the scope of the endpoint (`00100`): HTTP 401 or 403. Not retried: renew the token or
 * the habilitation.
 */
public class AccessDeniedException extends OnceOnlyServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param what the call, without its parameters
   * @param status the HTTP status
   * @param errors the errors of the envelope
   * @param correlationId the API's request id, or {@code null}
   */
  public AccessDeniedException(
      String what, int status, List<ApiError> errors, String correlationId) {
    super(what, status, errors, correlationId);
  }
}
