package fr.socle.testkit.franceconnect;

/**
 * The signature algorithm a service provider chooses at registration for its ID tokens and userinfo
 * responses. FranceConnect recommends ES256 and also offers RS256; FranceConnect+ uses ES256 only.
 */
public enum SigningAlgorithm {
  /** ECDSA P-256 with SHA-256 (FranceConnect's recommended and default algorithm). */
  ES256,
  /** RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit keys. */
  RS256,
  /** HMAC SHA-256 keyed with the client secret (ProConnect only). */
  HS256
}
