package fr.socle.identity.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import fr.socle.core.InvalidInputException;
import fr.socle.core.json.Json;
import fr.socle.identity.Assurance;
import fr.socle.identity.EidasLevel;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.ProviderFamily;
import fr.socle.identity.Scope;
import fr.socle.identity.TokenEndpointAuth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a provider family allows or demands on top of OpenID Connect, in one place: scopes,
 * signature algorithms, token encryption, PKCE, login options, client authentication methods,
 * request objects, sector identifiers, refresh tokens, userinfo formats and how an {@link
 * Assurance} is asked for. The client and its builder ask this profile and never test the family
 * themselves.
 *
 * <p>Immutable and thread-safe.
 */
public final class FamilyProfile {
  private final ProviderFamily family;

  private FamilyProfile(ProviderFamily family) {
    this.family = Objects.requireNonNull(family, "family");
  }

  /**
   * Returns the profile of a family.
   *
   * @param family the family
   * @return its profile
   */
  public static FamilyProfile of(ProviderFamily family) {
    return new FamilyProfile(family);
  }

  /**
   * Returns the family.
   *
   * @return the family
   */
  public ProviderFamily family() {
    return family;
  }

  private boolean franceConnect() {
    return family == ProviderFamily.FRANCECONNECT || family == ProviderFamily.FRANCECONNECT_PLUS;
  }

  // ---------------------------------------------------------------- configuration (build time)

  /**
   * The methods each platform accepts: FranceConnect and FranceConnect+ take client_secret_post or
   * private_key_jwt (RS256 or ES256 on FranceConnect, ES256 only on FranceConnect+), never
   * client_secret_basic (france-connect sources, core-fcp-{low,high} oidc-provider.ts,
   * clientAuthMethods and clientAuthSigningAlgValues). ProConnect removed the jwks_uri of service
   * registrations in August 2026: without registered keys, client_secret_post is its only method.
   *
   * @param auth the configured method
   * @param key the client signing key, or null
   * @throws InvalidInputException if the family does not accept the method or the key
   */
  public void checkClientAuthentication(TokenEndpointAuth auth, JWK key) {
    if (family == ProviderFamily.GENERIC || auth == TokenEndpointAuth.CLIENT_SECRET_POST) {
      return;
    }
    if (family == ProviderFamily.PROCONNECT) {
      throw new InvalidInputException(
          "ProConnect accepts client_secret_post only (no keys are registered for services)");
    }
    if (auth != TokenEndpointAuth.PRIVATE_KEY_JWT) {
      throw new InvalidInputException(
          family + " accepts client_secret_post or private_key_jwt at its token endpoint");
    }
    if (family == ProviderFamily.FRANCECONNECT_PLUS && key instanceof RSAKey) {
      throw new InvalidInputException("FranceConnect+ accepts ES256 client assertions only");
    }
  }

  /**
   * Request objects are for generic providers. FranceConnect's provider enables them and advertises
   * request_parameter_supported, but its /authorize validates the query against a whitelist without
   * request or request_uri (forbidNonWhitelisted), so a request object gets Y030007
   * (france-connect/sources, back/apps/core-fcp/src/dto/authorize-params.dto.ts and
   * controllers/oidc-provider.controller.ts); ProConnect refuses unknown parameters (Y000400) and
   * has no keys registered for services.
   *
   * @param key the client signing key, or null
   * @throws InvalidInputException if the family refuses request objects or no key signs them
   */
  public void checkRequestObjects(JWK key) {
    if (family != ProviderFamily.GENERIC) {
      throw new InvalidInputException(
          family + " refuses a request object at /authorize (Y030007/Y000400): not sent there");
    }
    if (key == null) {
      throw new InvalidInputException("request objects are signed with clientSigningKey(...)");
    }
  }

  /**
   * FranceConnect v2 and FranceConnect+ removed the address and phone scopes (2025).
   *
   * @param scopes the scopes to send
   * @throws InvalidInputException if the family no longer defines one of them
   */
  public void checkScopes(List<Scope> scopes) {
    if (franceConnect() && (scopes.contains(Scope.of("address")) || scopes.contains(Scope.PHONE))) {
      throw new InvalidInputException(family + " has no address or phone scope any more");
    }
  }

  /**
   * ProConnect's subjects are public per identity provider: a sector identifier means nothing
   * there.
   *
   * @throws InvalidInputException on ProConnect
   */
  public void checkSectorIdentifier() {
    if (family == ProviderFamily.PROCONNECT) {
      throw new InvalidInputException(
          "ProConnect subjects are public per identity provider: there is no sector to declare");
    }
  }

  /**
   * FranceConnect+ encrypts ID tokens and userinfo responses to the application.
   *
   * @param configured whether decryption keys are configured
   * @throws InvalidInputException on FranceConnect+ without keys
   */
  public void checkDecryptionKeys(boolean configured) {
    if (family == ProviderFamily.FRANCECONNECT_PLUS && !configured) {
      throw new InvalidInputException(
          "FranceConnect+ encrypts tokens to the application: configure decryptionKey(...)");
    }
  }

  // ---------------------------------------------------------------- assurance (acr)

  /**
   * The requirement a client applies when the application sets none, after checking that the family
   * can grant the one it set.
   *
   * @param configured the requirement configured, or null
   * @return the requirement to apply, or null for none
   * @throws InvalidInputException if the family cannot grant the configured requirement
   */
  public Assurance defaultAssurance(Assurance configured) {
    switch (family) {
      case FRANCECONNECT:
        // acr_values is mandatory on FranceConnect v2, and eidas1 is all it grants.
        return configured == null
            ? Assurance.atLeast(EidasLevel.EIDAS1)
            : checkAssurance(configured);
      case FRANCECONNECT_PLUS:
        return configured == null
            ? Assurance.atLeast(EidasLevel.EIDAS2)
            : checkAssurance(configured);
      default:
        return configured == null ? null : checkAssurance(configured);
    }
  }

  /**
   * Refuses, before any redirect, a requirement the family cannot grant.
   *
   * @param a the requirement
   * @return the requirement
   * @throws InvalidInputException if the family cannot grant it
   */
  public Assurance checkAssurance(Assurance a) {
    EidasLevel level = a.minimumLevel().orElse(null);
    switch (family) {
      case FRANCECONNECT:
        if (level != EidasLevel.EIDAS1) {
          throw new InvalidInputException(
              "FranceConnect only grants eidas1; use FranceConnect+ for eidas2 or eidas3");
        }
        return a;
      case FRANCECONNECT_PLUS:
        if (level == null || level.compareTo(EidasLevel.EIDAS2) < 0) {
          throw new InvalidInputException("FranceConnect+ only grants eidas2 or eidas3");
        }
        return a;
      case PROCONNECT:
        return a;
      default:
        if (level == null) {
          throw new InvalidInputException(
              a + " is a ProConnect requirement; generic providers take an eIDAS level");
        }
        return a;
    }
  }

  /**
   * Adds the parameters that ask for the requirement. FranceConnect and FranceConnect+ take {@code
   * acr_values} (mandatory on v2). ProConnect's current documentation no longer lists {@code
   * acr_values}: a level is asked through the {@code claims} parameter, {@code
   * {"id_token":{"acr":{"essential":true,"values":[...]}}}}, and the service checks the returned
   * {@code acr} itself (partenaires.proconnect.gouv.fr, double_authentification.md and
   * implementation_technique.md §2.2.1.2, 2026). With {@link Assurance#multiFactor()} the {@code
   * amr} claim is asked for too, since it carries the proof of the second factor.
   *
   * @param a the requirement, or null for none
   * @param params the authorization parameters to add to
   * @param json the JSON writer
   */
  public void addAssuranceParameters(Assurance a, Map<String, String> params, Json json) {
    if (a == null) {
      return;
    }
    if (family != ProviderFamily.PROCONNECT) {
      params.put("acr_values", a.minimumLevel().orElseThrow().acrValue());
      return;
    }
    Map<String, Object> acr = new LinkedHashMap<>();
    acr.put("essential", true);
    if (a.acrValues().size() == 1) {
      acr.put("value", a.acrValues().get(0));
    } else {
      acr.put("values", a.acrValues());
    }
    Map<String, Object> idToken = new LinkedHashMap<>();
    idToken.put("acr", acr);
    if (a.equals(Assurance.multiFactor())) {
      // amr tells whether ProConnect's own e-mail code was the second factor ("mail").
      idToken.put("amr", Map.of("essential", true));
    }
    params.put("claims", json.writeString(Map.of("id_token", idToken)));
  }

  // ---------------------------------------------------------------- login (authorization request)

  /**
   * Refuses, before any redirect, a parameter the provider family does not define.
   *
   * @param options the options of a login
   * @throws InvalidInputException if the family does not define one of them
   */
  public void checkLoginOptions(LoginOptions options) {
    if (franceConnect()
        && (options.prompt().contains(LoginOptions.Prompt.NONE)
            || options.prompt().contains(LoginOptions.Prompt.SELECT_ACCOUNT))) {
      throw new InvalidInputException(
          "FranceConnect accepts prompt login and consent only (no silent login, no account"
              + " choice)");
    }
    if (family == ProviderFamily.GENERIC && options.idpHint().isPresent()) {
      throw new InvalidInputException(
          "idp_hint is a FranceConnect and ProConnect parameter; OpenID Connect does not define it");
    }
    if (franceConnect() && options.loginHint().isPresent()) {
      throw new InvalidInputException("FranceConnect does not accept login_hint");
    }
    if (family != ProviderFamily.PROCONNECT && options.siretHint().isPresent()) {
      throw new InvalidInputException("siret_hint is a ProConnect parameter");
    }
    if (family == ProviderFamily.PROCONNECT && !options.uiLocales().isEmpty()) {
      // ProConnect's /authorize refuses parameters it does not list (Y000400).
      throw new InvalidInputException("ProConnect does not accept ui_locales");
    }
  }

  /**
   * Whether a login uses PKCE S256: always on ProConnect, when advertised on generic providers.
   *
   * @param codeChallengeMethods the methods the discovery document advertises
   * @return true to send a code challenge
   */
  public boolean usePkce(List<String> codeChallengeMethods) {
    switch (family) {
      case PROCONNECT:
        return true;
      case GENERIC:
        return codeChallengeMethods.contains("S256");
      default:
        // FranceConnect's authorize endpoint defines no PKCE parameter.
        return false;
    }
  }

  // ---------------------------------------------------------------- tokens and userinfo

  /**
   * The signature algorithms accepted on ID tokens and userinfo responses.
   *
   * @return the algorithms
   */
  public Set<JWSAlgorithm> signatureAlgorithms() {
    switch (family) {
      case FRANCECONNECT:
        return Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
      case FRANCECONNECT_PLUS:
        return Set.of(JWSAlgorithm.ES256);
      case PROCONNECT:
        return Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.HS256);
      default:
        return Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    }
  }

  /**
   * Whether HS256 tokens are keyed with the client secret (ProConnect, when registered so).
   *
   * @return true on ProConnect
   */
  public boolean hmacKeyedWithClientSecret() {
    return family == ProviderFamily.PROCONNECT;
  }

  /**
   * Whether tokens must be JWE wrapping a JWS (FranceConnect+).
   *
   * @return true on FranceConnect+
   */
  public boolean requireEncryption() {
    return family == ProviderFamily.FRANCECONNECT_PLUS;
  }

  /**
   * Whether the provider always sends {@code at_hash} (FranceConnect and FranceConnect+).
   *
   * @return true on the FranceConnect family
   */
  public boolean requireAccessTokenHash() {
    return franceConnect();
  }

  /**
   * Whether a plain JSON userinfo response is accepted: FranceConnect v2 and ProConnect always sign
   * userinfo, so only generic providers may answer JSON.
   *
   * @return true on generic providers
   */
  public boolean acceptsJsonUserinfo() {
    return family == ProviderFamily.GENERIC;
  }

  /**
   * FranceConnect and FranceConnect+ issue no refresh token; ProConnect's live two hours.
   *
   * @throws InvalidInputException on the FranceConnect family
   */
  public void checkRefresh() {
    if (franceConnect()) {
      throw new InvalidInputException(family + " issues no refresh token");
    }
  }
}
