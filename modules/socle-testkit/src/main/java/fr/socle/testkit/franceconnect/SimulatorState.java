package fr.socle.testkit.franceconnect;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the simulator remembers between requests: pending interactions, codes, tokens, ID tokens
 * accepted as logout hints, the test's switches (misbehaviours, preselected user, forced level) and
 * the last requests, for assertions. Shared by the endpoint handlers; thread-safe.
 */
final class SimulatorState {
  static final Duration CODE_LIFETIME = Duration.ofSeconds(30);
  static final Duration INTERACTION_LIFETIME = Duration.ofMinutes(30);
  static final Duration PROCONNECT_ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
  static final Duration REFRESH_LIFETIME = Duration.ofHours(2);

  /** How long a spent code is remembered (to revoke on replay) and an ID token accepted as hint. */
  static final Duration USED_CODE_MEMORY = Duration.ofMinutes(10);

  static final Duration HINT_MEMORY = Duration.ofHours(12);

  record Pending(Authentication auth, Instant createdAt) {}

  record Code(Authentication auth, Instant issuedAt) {}

  record Access(Authentication auth, Instant expiresAt, String code) {}

  record Hint(String sid, Instant issuedAt) {}

  final Set<Misbehaviour> misbehaviours = new CopyOnWriteArraySet<>();
  final AtomicReference<TestUser> selectedUser = new AtomicReference<>();
  final AtomicReference<String> authenticationLevel = new AtomicReference<>();
  final AtomicReference<Map<String, String>> lastAuthorize = new AtomicReference<>(Map.of());
  final AtomicReference<Map<String, String>> lastToken = new AtomicReference<>(Map.of());
  final AtomicBoolean lastUserinfoTokenInQuery = new AtomicBoolean();

  final Map<String, Pending> interactions = new ConcurrentHashMap<>();
  final Map<String, Code> codes = new ConcurrentHashMap<>();
  final Map<String, Instant> usedCodes = new ConcurrentHashMap<>();
  final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
  final Map<String, Access> refreshTokens = new ConcurrentHashMap<>();

  /** ID tokens issued, accepted as logout hints (JWE and inner JWS on FranceConnect+). */
  final Map<String, Hint> issuedIdTokens = new ConcurrentHashMap<>();

  private final SecureRandom random = new SecureRandom();

  Set<Misbehaviour> active() {
    return misbehaviours.isEmpty()
        ? EnumSet.noneOf(Misbehaviour.class)
        : EnumSet.copyOf(misbehaviours);
  }

  String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Revokes what the first use of a code obtained (replay, RFC 6749 §4.1.2). */
  void revokeGrantsOf(String code) {
    accessTokens.values().removeIf(a -> code.equals(a.code()));
    refreshTokens.values().removeIf(a -> code.equals(a.code()));
  }

  /** Ends a session: its ID tokens are no longer hints, its tokens no longer valid. */
  void endSession(String sid) {
    issuedIdTokens.values().removeIf(h -> sid.equals(h.sid()));
    accessTokens.values().removeIf(a -> sid.equals(a.auth().sid()));
    refreshTokens.values().removeIf(a -> sid.equals(a.auth().sid()));
  }

  /**
   * Forgets what has expired, so that a simulator left running (standalone, demo) does not grow
   * without bound.
   */
  void purge(Instant now) {
    interactions.values().removeIf(p -> p.createdAt().plus(INTERACTION_LIFETIME).isBefore(now));
    codes.values().removeIf(c -> c.issuedAt().plus(CODE_LIFETIME).isBefore(now));
    accessTokens.values().removeIf(a -> a.expiresAt().isBefore(now));
    refreshTokens.values().removeIf(a -> a.expiresAt().isBefore(now));
    usedCodes.values().removeIf(t -> t.plus(USED_CODE_MEMORY).isBefore(now));
    issuedIdTokens.values().removeIf(h -> h.issuedAt().plus(HINT_MEMORY).isBefore(now));
  }

  /** Number of codes, tokens and pages held (for tests of the purge). */
  int heldState() {
    return interactions.size()
        + codes.size()
        + accessTokens.size()
        + refreshTokens.size()
        + usedCodes.size()
        + issuedIdTokens.size();
  }
}
