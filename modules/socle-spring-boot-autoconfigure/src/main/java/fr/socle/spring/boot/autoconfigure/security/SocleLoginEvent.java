package fr.socle.spring.boot.autoconfigure.security;

import fr.socle.identity.EidasLevel;
import java.util.Objects;
import java.util.Optional;

/**
 * Published in the application context after each login callback, for metrics and audit. Carries no
 * personal datum: the outcome and the eIDAS level only.
 *
 * @param outcome {@code success}, or the simple name of the refusal's exception ({@code
 *     InvalidCallbackException}, {@code LoginCancelledException}...), or {@code no-transaction}
 * @param level the verified eIDAS level of a successful login, if the provider sent one
 */
public record SocleLoginEvent(String outcome, Optional<EidasLevel> level) {

  /** Outcome of a successful login. */
  public static final String SUCCESS = "success";

  /**
   * Validates the fields.
   *
   * @param outcome {@code success}, or the simple name of the refusal's exception ({@code
   *     InvalidCallbackException}, {@code LoginCancelledException}...), or {@code no-transaction}
   * @param level the verified eIDAS level of a successful login, if the provider sent one
   */
  public SocleLoginEvent {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(level, "level");
  }

  /**
   * Says whether the login succeeded.
   *
   * @return true for {@link #SUCCESS}
   */
  public boolean succeeded() {
    return SUCCESS.equals(outcome);
  }
}
