package fr.socle.identity;

import fr.socle.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Optional parameters of one login: {@code prompt}, {@code idp_hint}, {@code login_hint}, {@code
 * siret_hint}, {@code ui_locales}, and the {@link Assurance} this login must reach. Immutable;
 * build with {@link #builder()} and pass to {@link IdentityClient#begin(LoginOptions)}, which
 * refuses a parameter the provider family does not define:
 *
 * <table>
 *   <caption>Parameters per provider family</caption>
 *   <tr><th>Parameter</th><th>FranceConnect, FranceConnect+</th><th>ProConnect</th>
 *   <th>Generic</th></tr>
 *   <tr><td>{@code prompt}</td><td>{@code login}, {@code consent}</td><td>all four</td>
 *   <td>all four</td></tr>
 *   <tr><td>{@code idp_hint}</td><td>yes, once the platform has enabled it for the service
 *   (otherwise error {@code Y030032})</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@code login_hint}</td><td>no</td><td>yes (an e-mail address)</td><td>yes</td></tr>
 *   <tr><td>{@code siret_hint}</td><td>no</td><td>yes (14 digits)</td><td>no</td></tr>
 *   <tr><td>{@code ui_locales}</td><td>yes (accepted since 2025)</td><td>no (an unknown
 *   parameter fails with {@code Y000400})</td><td>yes</td></tr>
 *   <tr><td>assurance</td><td>an eIDAS level the platform grants</td><td>any</td><td>an eIDAS
 *   level</td></tr>
 * </table>
 */
public final class LoginOptions {
  private static final LoginOptions DEFAULTS = new LoginOptions(new Builder());
  private static final int MAX_HINT_LENGTH = 256;

  /** Values of the OpenID Connect {@code prompt} parameter. */
  public enum Prompt {
    /**
     * Silent login: no page is shown; without a session at the provider the callback carries {@code
     * error=login_required} ({@link AuthorizationErrorException}). ProConnect and generic providers
     * only; cannot be combined with another value.
     */
    NONE("none"),
    /** Ask the user to authenticate again even with a session at the provider. */
    LOGIN("login"),
    /** Ask the user to consent again to sharing the data. */
    CONSENT("consent"),
    /** Let the user choose another account. ProConnect and generic providers only. */
    SELECT_ACCOUNT("select_account");

    private final String value;

    Prompt(String value) {
      this.value = value;
    }

    /**
     * Returns the value sent on the wire.
     *
     * @return for example {@code login}
     */
    public String value() {
      return value;
    }
  }

  private final Set<Prompt> prompt;
  private final String idpHint;
  private final String loginHint;
  private final String siretHint;
  private final List<Locale> uiLocales;
  private final Assurance assurance;

  private LoginOptions(Builder b) {
    this.prompt = Collections.unmodifiableSet(EnumSet.copyOf(b.prompt));
    this.idpHint = b.idpHint;
    this.loginHint = b.loginHint;
    this.siretHint = b.siretHint;
    this.uiLocales = List.copyOf(b.uiLocales);
    this.assurance = b.assurance;
  }

  /**
   * Returns the options of a plain login: no optional parameter.
   *
   * @return the default options
   */
  public static LoginOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Starts building options.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the {@code prompt} values, in their declaration order.
   *
   * @return the values; empty when {@code prompt} is not sent
   */
  public Set<Prompt> prompt() {
    return prompt;
  }

  /**
   * Returns the identity provider to send the user to directly.
   *
   * @return the {@code idp_hint}, if set
   */
  public Optional<String> idpHint() {
    return Optional.ofNullable(idpHint);
  }

  /**
   * Returns the login hint.
   *
   * @return the {@code login_hint}, if set
   */
  public Optional<String> loginHint() {
    return Optional.ofNullable(loginHint);
  }

  /**
   * Returns the SIRET hint.
   *
   * @return the {@code siret_hint}, if set
   */
  public Optional<String> siretHint() {
    return Optional.ofNullable(siretHint);
  }

  /**
   * Returns the preferred languages of the provider's pages, most preferred first.
   *
   * @return the locales; empty when {@code ui_locales} is not sent
   */
  public List<Locale> uiLocales() {
    return uiLocales;
  }

  /**
   * Returns the assurance this login must reach, instead of the client's.
   *
   * @return the requirement, if set
   */
  public Optional<Assurance> assurance() {
    return Optional.ofNullable(assurance);
  }

  /** Omits the hints, which may be personal data (an e-mail address). */
  @Override
  public String toString() {
    return "LoginOptions[prompt="
        + prompt
        + (idpHint != null ? ", idpHint" : "")
        + (loginHint != null ? ", loginHint" : "")
        + (siretHint != null ? ", siretHint" : "")
        + (uiLocales.isEmpty() ? "" : ", uiLocales=" + uiLocales)
        + (assurance != null ? ", " + assurance : "")
        + "]";
  }

  /** Builds {@link LoginOptions}; each setter checks its value. */
  public static final class Builder {
    private final EnumSet<Prompt> prompt = EnumSet.noneOf(Prompt.class);
    private String idpHint;
    private String loginHint;
    private String siretHint;
    private final List<Locale> uiLocales = new ArrayList<>();
    private Assurance assurance;

    private Builder() {}

    /**
     * Sets the preferred languages of the provider's pages ({@code ui_locales}, BCP 47 tags).
     *
     * @param locales one or more locales, most preferred first
     * @return this builder
     * @throws InvalidInputException if none is given or one has no language
     */
    public Builder uiLocales(Locale... locales) {
      Objects.requireNonNull(locales, "locales");
      if (locales.length == 0) {
        throw new InvalidInputException("uiLocales needs at least one locale");
      }
      List<Locale> list = new ArrayList<>();
      for (Locale l : locales) {
        Objects.requireNonNull(l, "locale");
        if (l.getLanguage().isEmpty()) {
          throw new InvalidInputException("a UI locale needs a language");
        }
        list.add(l);
      }
      uiLocales.clear();
      uiLocales.addAll(list);
      return this;
    }

    /**
     * Sets the assurance this login must reach, for example {@link Assurance#multiFactor()} before
     * a sensitive action; the client's own assurance applies otherwise.
     *
     * @param assurance the requirement
     * @return this builder
     */
    public Builder assurance(Assurance assurance) {
      this.assurance = Objects.requireNonNull(assurance, "assurance");
      return this;
    }

    /**
     * Sets the {@code prompt} values.
     *
     * @param values one or more values; {@link Prompt#NONE} alone
     * @return this builder
     * @throws InvalidInputException if none is given, or {@code NONE} is combined with another
     *     value
     */
    public Builder prompt(Prompt... values) {
      Objects.requireNonNull(values, "values");
      EnumSet<Prompt> set = EnumSet.noneOf(Prompt.class);
      for (Prompt p : values) {
        set.add(Objects.requireNonNull(p, "prompt value"));
      }
      if (set.isEmpty()) {
        throw new InvalidInputException("prompt needs at least one value");
      }
      if (set.contains(Prompt.NONE) && set.size() > 1) {
        throw new InvalidInputException("prompt none cannot be combined with another value");
      }
      prompt.clear();
      prompt.addAll(set);
      return this;
    }

    /**
     * Sends the user directly to one identity provider, skipping the choice page.
     *
     * @param idpHint the identity provider's id (its {@code idp_id} on ProConnect)
     * @return this builder
     * @throws InvalidInputException if blank, longer than 256 characters, or holding control
     *     characters
     */
    public Builder idpHint(String idpHint) {
      this.idpHint = hint("idpHint", idpHint);
      return this;
    }

    /**
     * Pre-fills the user's login.
     *
     * @param loginHint the user's e-mail address on ProConnect, any login on generic providers
     * @return this builder
     * @throws InvalidInputException if blank, longer than 256 characters, or holding control
     *     characters
     */
    public Builder loginHint(String loginHint) {
      this.loginHint = hint("loginHint", loginHint);
      return this;
    }

    /**
     * Pre-selects the organisation the agent signs in for (ProConnect).
     *
     * @param siret the establishment's SIRET, 14 digits
     * @return this builder
     * @throws InvalidInputException if not 14 digits
     */
    public Builder siretHint(String siret) {
      Objects.requireNonNull(siret, "siret");
      if (!siret.matches("[0-9]{14}")) {
        throw new InvalidInputException("siretHint must be 14 digits");
      }
      this.siretHint = siret;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public LoginOptions build() {
      return new LoginOptions(this);
    }

    private static String hint(String name, String value) {
      Objects.requireNonNull(value, name);
      if (value.isBlank() || value.length() > MAX_HINT_LENGTH) {
        throw new InvalidInputException(name + " must hold 1 to 256 characters");
      }
      for (int i = 0; i < value.length(); i++) {
        if (Character.isISOControl(value.charAt(i))) {
          throw new InvalidInputException(name + " holds a control character");
        }
      }
      return value;
    }
  }
}
