package fr.socle.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import fr.socle.core.Secret;
import fr.socle.core.json.Json;
import fr.socle.identity.internal.AuthorizationRequests;
import fr.socle.identity.internal.FamilyProfile;
import fr.socle.identity.internal.LoginTransaction;
import fr.socle.identity.internal.ProviderEndpoints;
import fr.socle.identity.internal.ProviderMetadata;
import fr.socle.identity.internal.ProviderSession;
import fr.socle.identity.internal.QueryStrings;
import fr.socle.identity.internal.Randoms;
import fr.socle.identity.internal.RequestObject;
import fr.socle.identity.internal.TokenResponse;
import fr.socle.identity.internal.TokenValidator;
import fr.socle.identity.internal.TransactionSealer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login itself, for one client: the authorization request and sealed transaction of {@link
 * IdentityClient#begin}, then the callback checks, code redemption, ID token, acr and userinfo
 * verification of {@link IdentityClient#complete}, and the refresh grant. The client checks its
 * arguments and configuration; this class assumes them valid.
 *
 * <p>Kept in the public package, not in {@code internal}, because the requirement travels in the
 * sealed transaction in the package-private encoding of {@link Assurance}. Thread-safe.
 */
final class LoginFlow {
  // The client's logger: operators configure one category for the whole login.
  private static final Logger log = LoggerFactory.getLogger(IdentityClient.class);

  /**
   * What a login needs from the client's configuration.
   *
   * @param provider the provider
   * @param clientId the client id
   * @param redirectUri the registered redirect URI
   * @param scopes the scopes, {@code openid} first
   * @param requestSigningKey the key that signs request objects, or null not to send them
   * @param keepProviderTokens whether the identity keeps the provider's tokens
   * @param clock the clock
   */
  record Settings(
      IdentityProvider provider,
      String clientId,
      URI redirectUri,
      List<Scope> scopes,
      JWK requestSigningKey,
      boolean keepProviderTokens,
      Clock clock) {
    @Override
    public String toString() {
      return "Settings[" + provider + "]";
    }
  }

  private final Settings settings;
  private final FamilyProfile profile;
  private final ProviderSession session;
  private final ProviderEndpoints endpoints;
  private final TransactionSealer sealer;
  private final Json json;

  LoginFlow(
      Settings settings,
      FamilyProfile profile,
      ProviderSession session,
      ProviderEndpoints endpoints,
      TransactionSealer sealer,
      Json json) {
    this.settings = settings;
    this.profile = profile;
    this.session = session;
    this.endpoints = endpoints;
    this.sealer = sealer;
    this.json = json;
  }

  /** Builds the authorization URL and seals the transaction; see {@link IdentityClient#begin}. */
  LoginStart begin(LoginOptions options, Assurance clientDefault) {
    profile.checkLoginOptions(options);
    ProviderMetadata meta = session.resolve().metadata();
    String state = Randoms.alphanumeric64();
    String nonce = Randoms.alphanumeric64();
    String verifier =
        profile.usePkce(meta.codeChallengeMethods()) ? Randoms.alphanumeric64() : null;
    Assurance required = options.assurance().map(profile::checkAssurance).orElse(clientDefault);
    Map<String, String> params =
        AuthorizationRequests.parameters(
            new AuthorizationRequests.Request(
                settings.clientId(),
                settings.redirectUri(),
                settings.scopes(),
                state,
                nonce,
                verifier,
                required,
                options),
            profile,
            json);
    Clock clock = settings.clock();
    if (settings.requestSigningKey() != null) {
      params.put(
          "request",
          RequestObject.sign(
              settings.requestSigningKey(),
              settings.clientId(),
              meta.issuer(),
              params,
              clock.instant(),
              json));
    }
    LoginTransaction tx =
        new LoginTransaction(
            meta.issuer(),
            settings.clientId(),
            state,
            nonce,
            verifier,
            required == null ? null : required.encode(),
            clock.instant());
    return new LoginStart(
        QueryStrings.withQuery(meta.authorizationEndpoint(), params), sealer.seal(tx));
  }

  /** Checks the callback and verifies the identity; see {@link IdentityClient#complete}. */
  Identity complete(Map<String, String> callbackParameters, String sealedTransaction) {
    ProviderSession.Resolved r = session.resolve();
    ProviderMetadata meta = r.metadata();
    LoginTransaction tx = sealer.unseal(sealedTransaction, meta.issuer(), settings.clientId());
    String code = AuthorizationRequests.authorizationCode(callbackParameters, meta, tx);

    Instant redeemedAt = settings.clock().instant();
    TokenResponse tokens = endpoints.redeem(meta, code, settings.redirectUri(), tx.codeVerifier());
    TokenValidator.VerifiedToken idToken =
        r.validator().validateIdToken(tokens.idToken(), tx.nonce(), tokens.accessToken());
    JWTClaimsSet idClaims = idToken.claims();
    if (tx.acr() != null) {
      checkAcr(Assurance.decode(tx.acr()), idClaims.getClaim("acr"));
    }
    String subject = idClaims.getSubject();
    Map<String, Object> userinfo =
        meta.userinfoEndpoint() == null
            ? idClaims.getClaims()
            : endpoints.userinfo(meta, r.validator(), tokens.accessToken(), subject);
    log.debug("login completed at {}", meta.issuer());
    ProviderTokens kept =
        settings.keepProviderTokens()
            ? new ProviderTokens(
                Secret.of(tokens.accessToken()),
                redeemedAt.plusSeconds(tokens.expiresInSeconds()),
                tokens.refreshToken() == null ? null : Secret.of(tokens.refreshToken()))
            : null;
    return IdentityMapper.map(
        settings.provider().issuer(),
        idClaims.getClaims(),
        userinfo,
        subject,
        idToken.signedToken(),
        kept);
  }

  private static void checkAcr(Assurance required, Object acr) {
    String actual = acr instanceof String s ? s : null;
    if (!required.accepts(actual)) {
      throw required.minimumLevel().isPresent()
          ? new EidasLevelTooLowException(required.minimumLevel().get(), actual)
          : new EidasLevelTooLowException(required, actual);
    }
  }

  /** Redeems a refresh token; see {@link IdentityClient#refresh}. */
  ProviderTokens refresh(Secret refreshToken) {
    profile.checkRefresh();
    Instant now = settings.clock().instant();
    TokenResponse tokens = endpoints.refresh(session.resolve().metadata(), refreshToken);
    log.debug("access token refreshed at {}", settings.provider().issuer());
    return new ProviderTokens(
        Secret.of(tokens.accessToken()),
        now.plusSeconds(tokens.expiresInSeconds()),
        tokens.refreshToken() != null ? Secret.of(tokens.refreshToken()) : refreshToken);
  }
}
