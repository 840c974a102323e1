package fr.socle.testkit.franceconnect;

/**
 * Thrown by the browser helpers of {@link FranceConnectSimulator} ({@code login}, {@code logout})
 * when the simulator answers with an error page instead of a redirect, as the real service does for
 * a malformed request. {@link #errorCode()} is the {@code Y...} code shown on the page.
 */
public final class SimulatorErrorPageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The error code shown on the page. */
  private final String errorCode;

  /** The HTTP status of the error page. */
  private final int status;

  SimulatorErrorPageException(int status, String errorCode) {
    super("the simulator answered an error page " + errorCode + " (HTTP " + status + ")");
    this.status = status;
    this.errorCode = errorCode;
  }

  /**
   * Returns the error code shown on the page, for example {@code Y030007}.
   *
   * @return the code, or {@code unknown} if the page carries none
   */
  public String errorCode() {
    return errorCode;
  }

  /**
   * Returns the HTTP status of the error page.
   *
   * @return the status
   */
  public int status() {
    return status;
  }
}
