package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deliberately plain OIDC client for the simulator's own tests: JDK HttpClient and Nimbus, no
 * Socle client code, so the simulator is checked against the protocol and not against Socle.
 */
final class RawOidcClient {
  private static final String ALPHANUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  final FranceConnectSimulator sim;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  RawOidcClient(FranceConnectSimulator sim) {
    this.sim = sim;
  }

  static String random64() {
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      sb.append(ALPHANUM.charAt(RANDOM.nextInt(ALPHANUM.length())));
    }
    return sb.toString();
  }

  /** A valid authorization request for the simulator's flavour. */
  Map<String, String> validParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("response_type", "code");
    p.put("client_id", sim.clientId());
    p.put("redirect_uri", sim.redirectUris().get(0).toString());
    p.put(
        "scope",
        sim.flavour() == Flavour.PROCONNECT
            ? "openid given_name usual_name email uid siret"
            : "openid identite_pivot email preferred_username"
                + (sim.flavour() == Flavour.FC ? " idp_birthdate" : ""));
    p.put("state", random64());
    p.put("nonce", random64());
    p.put("acr_values", sim.flavour() == Flavour.FC_PLUS ? "eidas2" : "eidas1");
    return p;
  }

  URI authorizeUri(Map<String, String> params) {
    return URI.create(sim.issuer() + "/authorize?" + form(params));
  }

  HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET().build());
  }

  HttpResponse<String> get(URI uri, String bearer) {
    return send(
        HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer).GET().build());
  }

  HttpResponse<String> postForm(URI uri, Map<String, String> params) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(params)))
            .build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static URI location(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  /** Goes through the identity page with plain HTTP and returns the callback URI. */
  URI loginThroughPage(Map<String, String> params, String login) {
    URI page = location(get(authorizeUri(params)));
    assertThat(page.toString()).startsWith(sim.issuer() + "/interaction/");
    HttpResponse<String> html = get(page);
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(html.body()).contains("value=\"" + login + "\"");
    return location(postForm(URI.create(page + "/login"), Map.of("login", login)));
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = uri.getRawQuery();
    if (q == null) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  Map<String, String> tokenParameters(String code, Map<String, String> authorize) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("grant_type", "authorization_code");
    p.put("code", code);
    p.put("redirect_uri", authorize.get("redirect_uri"));
    p.put("client_id", sim.clientId());
    p.put("client_secret", sim.clientSecret().reveal());
    return p;
  }

  Map<String, Object> token(String code, Map<String, String> authorize) {
    HttpResponse<String> response =
        postForm(URI.create(sim.issuer() + "/token"), tokenParameters(code, authorize));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response.body());
  }

  /** Logs in through the page and exchanges the code; returns the token response. */
  Map<String, Object> fullLogin(Map<String, String> params, String login) {
    Map<String, String> callback = query(loginThroughPage(params, login));
    assertThat(callback.get("state")).isEqualTo(params.get("state"));
    return token(callback.get("code"), params);
  }

  static Map<String, Object> json(String body) {
    try {
      return JSONObjectUtils.parse(body);
    } catch (java.text.ParseException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  JWKSet jwks() {
    try {
      return JWKSet.parse(get(URI.create(sim.issuer() + "/jwks")).body());
    } catch (java.text.ParseException e) {
      throw new AssertionError(e);
    }
  }

  /** Verifies a JWS with the simulator's published keys; throws if it does not verify. */
  JWTClaimsSet verify(String jws) throws Exception {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(Jwt.algorithm(jws), new ImmutableJWKSet<>(jwks())));
    processor.setJWTClaimsSetVerifier((claims, ctx) -> {});
    return processor.process(SignedJWT.parse(jws), null);
  }

  static String form(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append('&');
          }
          sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return sb.toString();
  }

  static final class Jwt {
    static JWSAlgorithm algorithm(String jws) {
      try {
        return SignedJWT.parse(jws).getHeader().getAlgorithm();
      } catch (java.text.ParseException e) {
        throw new AssertionError(e);
      }
    }
  }
}
