package fr.socle.refdata.validation;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of a validation: either valid, with the normalised value and what was learnt about
 * it, or invalid, with the reason. Immutable. {@link #toString()} never prints the value.
 *
 * <pre>{@code
 * ValidationResult r = Validators.siret(" 732 829 320 00074 ");
 * if (r.isValid()) { store(r.value().orElseThrow()); } // "73282932000074"
 * else { show(r.detail()); }
 * }</pre>
 */
public final class ValidationResult {
  private final IdentifierKind kind;
  private final String value;
  private final InvalidReason reason;
  private final String detail;
  private final Set<Qualifier> qualifiers;

  private ValidationResult(
      IdentifierKind kind,
      String value,
      InvalidReason reason,
      String detail,
      Set<Qualifier> qualifiers) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.value = value;
    this.reason = reason;
    this.detail = detail;
    this.qualifiers = qualifiers;
  }

  static ValidationResult valid(IdentifierKind kind, String value, Qualifier... qualifiers) {
    Set<Qualifier> q = EnumSet.noneOf(Qualifier.class);
    q.addAll(java.util.Arrays.asList(qualifiers));
    return new ValidationResult(kind, value, null, "", Set.copyOf(q));
  }

  static ValidationResult invalid(IdentifierKind kind, InvalidReason reason, String detail) {
    return new ValidationResult(kind, null, reason, detail, Set.of());
  }

  /**
   * Returns the kind of identifier checked.
   *
   * @return the kind
   */
  public IdentifierKind kind() {
    return kind;
  }

  /**
   * Tells whether the identifier is valid.
   *
   * @return true if valid
   */
  public boolean isValid() {
    return value != null;
  }

  /**
   * Returns the normalised value (no spaces, dots or dashes; upper case), when valid.
   *
   * @return the value, empty when invalid
   */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  /**
   * Returns why the identifier was rejected.
   *
   * @return the reason, empty when valid
   */
  public Optional<InvalidReason> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Returns an explanation of the failure, in English, without the value.
   *
   * @return the explanation, empty when valid
   */
  public String detail() {
    return detail;
  }

  /**
   * Returns what was learnt about a valid identifier (public body, La Poste rule, born abroad...).
   *
   * @return the qualifiers, empty when invalid
   */
  public Set<Qualifier> qualifiers() {
    return qualifiers;
  }

  /**
   * Tells whether a qualifier applies.
   *
   * @param qualifier the qualifier
   * @return true if it applies
   */
  public boolean has(Qualifier qualifier) {
    return qualifiers.contains(qualifier);
  }

  /**
   * Returns the normalised value or throws.
   *
   * @return the value
   * @throws InvalidIdentifierException if invalid
   */
  public String orElseThrow() {
    if (value == null) {
      throw new InvalidIdentifierException(kind, reason, detail);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidationResult r
        && kind == r.kind
        && Objects.equals(value, r.value)
        && reason == r.reason
        && detail.equals(r.detail)
        && qualifiers.equals(r.qualifiers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, value, reason, detail, qualifiers);
  }

  @Override
  public String toString() {
    return value != null
        ? "ValidationResult[" + kind + " valid " + qualifiers + "]"
        : "ValidationResult[" + kind + " invalid " + reason + ": " + detail + "]";
  }
}
