package fr.socle.onceonly;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the APIs' error envelope {@code {"errors":[{code, title, detail, source, meta}]}}.
 *
 * <p>Codes have five digits: {@code 00xxx} are the API's own (for example {@code 00101} invalid
 * token, {@code 00015} duplicate request in progress, {@code 00203} missing recipient), the others
 * are provider-specific ({@code 37003}: no CNAF file for this identity). The texts are the API's
 * generic French messages; they never carry the data that was asked for.
 *
 * @param code the five-digit code
 * @param title the short title
 * @param detail the explanation
 * @param parameter the offending parameter, if the API named one
 * @param provider the data provider involved ({@code CNAV}, {@code INSEE}, ...), if named
 * @param retryIn when the API suggests to try again, if it did ({@code meta.retry_in})
 */
public record ApiError(
    String code,
    String title,
    String detail,
    Optional<String> parameter,
    Optional<String> provider,
    Optional<Duration> retryIn) {

  /**
   * Validates the error.
   *
   * @param code the five-digit code
   * @param title the short title
   * @param detail the explanation
   * @param parameter the offending parameter, if the API named one
   * @param provider the data provider involved ({@code CNAV}, {@code INSEE}, ...), if named
   * @param retryIn when the API suggests to try again, if it did ({@code meta.retry_in})
   */
  public ApiError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(retryIn, "retryIn");
  }
}
