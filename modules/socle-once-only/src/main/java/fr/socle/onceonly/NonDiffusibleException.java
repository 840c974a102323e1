package fr.socle.onceonly;

import java.util.List;

/**
 * INSEE may never publish this company or establishment (HTTP 451, status_diffusion
 * non-diffusible): the caller must not display it and must not retry.
 */
public class NonDiffusibleException extends OnceOnlyServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param what the call, without its parameters
   * @param status the HTTP status
   * @param errors the errors of the envelope
   * @param correlationId the API's request id, or {@code null}
   */
  public NonDiffusibleException(
      String what, int status, List<ApiError> errors, String correlationId) {
    super(what, status, errors, correlationId);
  }
}
