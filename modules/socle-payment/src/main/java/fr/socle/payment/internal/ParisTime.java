package fr.socle.payment.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Converts PayFiP's {@code dattrans} ({@code DDMMYYYY}) and {@code heurtrans} ({@code HHMM}),
 * Europe/Paris local time without seconds (spec §1.5), to an {@link Instant}. In the autumn overlap
 * the earlier offset is taken; in the spring gap the time is moved forward.
 */
public final class ParisTime {
  /** The zone PayFiP's times are expressed in. */
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private ParisTime() {}

  /**
   * Converts the pair.
   *
   * @param dattrans {@code DDMMYYYY}, possibly null
   * @param heurtrans {@code HHMM} (or {@code HMM}), possibly null
   * @return the instant, empty if either is missing or invalid
   */
  public static Optional<Instant> toInstant(String dattrans, String heurtrans) {
    if (dattrans == null || heurtrans == null) {
      return Optional.empty();
    }
    if (dattrans.length() != 8
        || heurtrans.length() < 3
        || heurtrans.length() > 4
        || !digits(dattrans)
        || !digits(heurtrans)) {
      return Optional.empty();
    }
    // Digits only (checked above): read the numbers in place, without a pattern or substrings.
    int hhmm = number(heurtrans, 0, heurtrans.length());
    try {
      LocalDateTime local =
          LocalDateTime.of(
              number(dattrans, 4, 8),
              number(dattrans, 2, 4),
              number(dattrans, 0, 2),
              hhmm / 100,
              hhmm % 100);
      return Optional.of(ZonedDateTime.ofLocal(local, PARIS, null).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Whether every character is an ASCII digit (what {@code [0-9]} accepted). */
  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String digits, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + (digits.charAt(i) - '0');
    }
    return n;
  }
}
