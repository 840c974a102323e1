package fr.socle.testkit.franceconnect;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleException;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;

/**
 * The service provider's public encryption keys (FranceConnect+): either given as a JWKS document
 * at registration, or fetched from the service provider's {@code jwks_uri} at each use, as the real
 * platform reads the keys the service provider publishes.
 */
final class ClientKeys implements AutoCloseable {
  private final String jwks;
  private final URI jwksUri;
  private final HttpTransport transport;

  ClientKeys(String jwks, URI jwksUri) {
    this.jwks = jwks;
    this.jwksUri = jwksUri;
    this.transport =
        jwksUri == null
            ? null
            : HttpTransport.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(5))
                .maxResponseBytes(256 * 1024)
                .applicationName("socle-franceconnect-simulator")
                .build();
    if (jwks != null) {
      select(jwks);
    }
  }

  boolean configured() {
    return jwks != null || jwksUri != null;
  }

  JWK encryptionKey() {
    if (jwks != null) {
      return select(jwks);
    }
    if (jwksUri == null) {
      throw new SocleException("no client encryption keys registered");
    }
    HttpResponse response =
        transport
            .execute(HttpRequest.get(jwksUri).header("Accept", "application/json").build())
            .requireSuccess("client JWKS");
    return select(response.bodyAsString());
  }

  private static JWK select(String document) {
    try {
      for (JWK key : JWKSet.parse(document).getKeys()) {
        if (TokenMinter.isEncryptionKey(key)) {
          return key.toPublicJWK();
        }
      }
    } catch (ParseException e) {
      throw new InvalidInputException("clientJwks is not a valid JWK set", e);
    }
    throw new InvalidInputException("clientJwks holds no RSA or EC encryption key");
  }

  @Override
  public void close() {
    if (transport != null) {
      transport.close();
    }
  }
}
