package fr.socle.identity;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The identity a provider vouched for at the end of a login: verified ID token and userinfo.
 *
 * <p>Reconcile accounts on {@link #subject()} (FranceConnect: pairwise per service, stable across
 * identity providers) or on ({@link #idpId()}, {@link #subject()}) for ProConnect, whose subject is
 * unique per identity provider. Never link accounts on the e-mail address: it may differ from one
 * identity provider to another.
 *
 * <p>Claims the provider did not send are empty {@link Optional}s or empty lists; an empty string
 * counts as not sent (FranceConnect sends an empty {@code birthplace} for people born abroad).
 * {@link #claims()} keeps every userinfo claim for scopes without a typed accessor.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the issuer and the level, never personal
 * data nor the ID token.
 */
public final class Identity {
  private final URI issuer;
  private final String subject;
  private final List<String> givenNames;
  private final String familyName;
  private final PartialDate birthdate;
  private final PartialDate idpBirthdate;
  private final Gender gender;
  private final String birthplace;
  private final String birthcountry;
  private final String email;
  private final String preferredUsername;
  private final String acr;
  private final List<String> amr;
  private final String idpId;
  private final String usualName;
  private final String uid;
  private final String siret;
  private final String organizationalUnit;
  private final String belongingPopulation;
  private final Set<ProConnectRole> roles;
  private final String organizationLabel;
  private final ProviderTokens providerTokens;
  private final Map<String, Object> claims;
  private final String idToken;

  Identity(Fields f) {
    this.issuer = Objects.requireNonNull(f.issuer);
    this.subject = Objects.requireNonNull(f.subject);
    this.givenNames = List.copyOf(f.givenNames);
    this.familyName = f.familyName;
    this.birthdate = f.birthdate;
    this.idpBirthdate = f.idpBirthdate;
    this.gender = f.gender;
    this.birthplace = f.birthplace;
    this.birthcountry = f.birthcountry;
    this.email = f.email;
    this.preferredUsername = f.preferredUsername;
    this.acr = f.acr;
    this.amr = List.copyOf(f.amr);
    this.idpId = f.idpId;
    this.usualName = f.usualName;
    this.uid = f.uid;
    this.siret = f.siret;
    this.organizationalUnit = f.organizationalUnit;
    this.belongingPopulation = f.belongingPopulation;
    this.roles =
        f.roles.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(f.roles));
    this.organizationLabel = f.organizationLabel;
    this.providerTokens = f.providerTokens;
    Map<String, Object> copy = new java.util.LinkedHashMap<>();
    // JSON userinfo may carry explicit nulls: they mean "not sent".
    f.claims.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    this.claims = java.util.Collections.unmodifiableMap(copy);
    this.idToken = Objects.requireNonNull(f.idToken);
  }

  /** Mutable carrier used by the client to build an identity. */
  static final class Fields {
    URI issuer;
    String subject;
    List<String> givenNames = List.of();
    String familyName;
    PartialDate birthdate;
    PartialDate idpBirthdate;
    Gender gender;
    String birthplace;
    String birthcountry;
    String email;
    String preferredUsername;
    String acr;
    List<String> amr = List.of();
    String idpId;
    String usualName;
    String uid;
    String siret;
    String organizationalUnit;
    String belongingPopulation;
    Set<ProConnectRole> roles = Set.of();
    String organizationLabel;
    ProviderTokens providerTokens;
    Map<String, Object> claims = Map.of();
    String idToken;
  }

  /**
   * Returns the issuer that vouched for this identity.
   *
   * @return the provider's issuer
   */
  public URI issuer() {
    return issuer;
  }

  /**
   * Returns the subject identifier ({@code sub}). FranceConnect: 64 hex characters followed by
   * {@code v1}, pairwise per service provider.
   *
   * @return the subject, never empty
   */
  public String subject() {
    return subject;
  }

  /**
   * Returns the given names in order, from {@code given_name_array} when sent, otherwise {@code
   * given_name} split on spaces.
   *
   * @return the given names, empty if not sent
   */
  public List<String> givenNames() {
    return givenNames;
  }

  /**
   * Returns the birth name ({@code family_name}). ProConnect sends none: see {@link #usualName()}.
   *
   * @return the family name
   */
  public Optional<String> familyName() {
    return Optional.ofNullable(familyName);
  }

  /**
   * Returns the {@code birthdate} claim. On FranceConnect an unknown month or day is filled with
   * {@code 01}: request {@link Scope#IDP_BIRTHDATE} to learn the real precision.
   *
   * @return the birth date
   */
  public Optional<PartialDate> birthdate() {
    return Optional.ofNullable(birthdate);
  }

  /**
   * Returns the {@code idp_birthdate} claim: the birth date as the identity provider sent it,
   * possibly only a year or a year and month.
   *
   * @return the birth date at the identity provider
   */
  public Optional<PartialDate> idpBirthdate() {
    return Optional.ofNullable(idpBirthdate);
  }

  /**
   * Returns the gender.
   *
   * @return the gender
   */
  public Optional<Gender> gender() {
    return Optional.ofNullable(gender);
  }

  /**
   * Returns the INSEE COG code of the birth commune (5 characters, {@code 2A}/{@code 2B} in
   * Corsica).
   *
   * @return the code, empty for people born abroad
   */
  public Optional<String> birthplace() {
    return Optional.ofNullable(birthplace);
  }

  /**
   * Returns the INSEE code of the birth country ({@code 99100} for France).
   *
   * @return the code
   */
  public Optional<String> birthcountry() {
    return Optional.ofNullable(birthcountry);
  }

  /**
   * Returns the e-mail address. It may differ from one identity provider to another: never use it
   * to link accounts.
   *
   * @return the address
   */
  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /**
   * Returns the usage name ({@code preferred_username}).
   *
   * @return the usage name
   */
  public Optional<String> preferredUsername() {
    return Optional.ofNullable(preferredUsername);
  }

  /**
   * Returns the {@code acr} claim of the ID token, as sent.
   *
   * @return for example {@code eidas1} or {@code eidas1-mfa}
   */
  public Optional<String> acr() {
    return Optional.ofNullable(acr);
  }

  /**
   * Returns the eIDAS level of the {@code acr} claim.
   *
   * @return the level, empty if the acr is absent or not an eIDAS value
   */
  public Optional<EidasLevel> eidasLevel() {
    return EidasLevel.fromAcr(acr);
  }

  /**
   * Returns the authentication methods ({@code amr}), sent only when requested.
   *
   * @return for example {@code [pwd, mfa]}, empty if not sent
   */
  public List<String> amr() {
    return amr;
  }

  /**
   * Returns the identifier of the identity provider the user chose ({@code idp_id}).
   *
   * @return the identifier
   */
  public Optional<String> idpId() {
    return Optional.ofNullable(idpId);
  }

  /**
   * Returns ProConnect's {@code usual_name}: the agent's usage family name.
   *
   * @return the usual name
   */
  public Optional<String> usualName() {
    return Optional.ofNullable(usualName);
  }

  /**
   * Returns ProConnect's {@code uid}: the agent's identifier at its identity provider.
   *
   * @return the uid
   */
  public Optional<String> uid() {
    return Optional.ofNullable(uid);
  }

  /**
   * Returns ProConnect's {@code siret}.
   *
   * @return the SIRET of the agent's establishment
   */
  public Optional<String> siret() {
    return Optional.ofNullable(siret);
  }

  /**
   * Returns ProConnect's {@code organizational_unit}.
   *
   * @return the organisational unit
   */
  public Optional<String> organizationalUnit() {
    return Optional.ofNullable(organizationalUnit);
  }

  /**
   * Returns ProConnect's {@code belonging_population}.
   *
   * @return for example {@code agent} or {@code prestataire}
   */
  public Optional<String> belongingPopulation() {
    return Optional.ofNullable(belongingPopulation);
  }

  /**
   * Returns ProConnect's {@code roles} (scope {@link Scope#ROLES}): what kind of organisation the
   * agent works for, computed by ProConnect from the organisation's legal category.
   *
   * @return the known roles; empty if not sent (unknown values stay in {@link #claims()})
   */
  public Set<ProConnectRole> roles() {
    return roles;
  }

  /**
   * Tells whether ProConnect gave the agent a role, for example {@link
   * ProConnectRole#AGENT_PUBLIC_TERRITORIAL} for an agent of a collectivité.
   *
   * @param role the role
   * @return true if the {@code roles} claim holds it
   */
  public boolean hasRole(ProConnectRole role) {
    return roles.contains(java.util.Objects.requireNonNull(role, "role"));
  }

  /**
   * Returns ProConnect's {@code organization_label} (scope {@link Scope#ORGANIZATION_LABEL}): the
   * display name of the organisation of {@link #siret()}.
   *
   * @return the label
   */
  public Optional<String> organizationLabel() {
    return Optional.ofNullable(organizationLabel);
  }

  /**
   * Returns the provider's access token, its expiry and, when one was issued, its refresh token;
   * kept only by a client built with {@link IdentityClientBuilder#keepProviderTokens(boolean)}.
   *
   * @return the tokens, empty unless asked for
   */
  public Optional<ProviderTokens> providerTokens() {
    return Optional.ofNullable(providerTokens);
  }

  /**
   * Returns every verified userinfo claim, as decoded JSON values (strings, numbers, booleans,
   * lists, maps).
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> claims() {
    return claims;
  }

  /**
   * Returns the raw ID token (the inner signed token on FranceConnect+), to send as {@code
   * id_token_hint} at logout. It identifies the user: keep it server-side (session), never in a
   * log.
   *
   * @return the compact JWS
   */
  public String idToken() {
    return idToken;
  }

  /** Returns the issuer and level only. */
  @Override
  public String toString() {
    return "Identity[issuer=" + issuer + ", acr=" + acr + ", personal data redacted]";
  }
}
