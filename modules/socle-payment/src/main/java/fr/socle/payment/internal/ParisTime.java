package fr.socle.payment.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Converts PayFiP's {@code dattrans} ({@code DDMMYYYY}) and {@code heurtrans} ({@code HHMM}),
 * Europe/Paris local time without seconds (spec §1.5), to an {@link Instant}. In the autumn overlap
 * the earlier offset is taken; in the spring gap the time is moved forward.
 */
public final class ParisTime {
  /** The zone PayFiP's times are expressed in. */
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static final Pattern DATE = Pattern.compile("[0-9]{8}");
  private static final Pattern TIME = Pattern.compile("[0-9]{3,4}");

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
    if (!DATE.matcher(dattrans).matches() || !TIME.matcher(heurtrans).matches()) {
      return Optional.empty();
    }
    String hhmm = heurtrans.length() == 3 ? "0" + heurtrans : heurtrans;
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(dattrans.substring(4, 8)),
              Integer.parseInt(dattrans.substring(2, 4)),
              Integer.parseInt(dattrans.substring(0, 2)),
              Integer.parseInt(hhmm.substring(0, 2)),
              Integer.parseInt(hhmm.substring(2, 4)));
      return Optional.of(ZonedDateTime.ofLocal(local, PARIS, null).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
