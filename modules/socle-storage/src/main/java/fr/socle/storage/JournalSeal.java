package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.storage.internal.Names;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signed statement of a tenant's journal head: "entry {@code sequence} of tenant {@code tenant}
 * has hash {@code headHash}", signed by a {@link JournalSealingKey} at {@code sealedAt}. Export it
 * regularly out of the safe's reach (an auditor's mailbox, another system): whoever holds the last
 * exported seal and the public key can detect a rollback of the whole tenant (a store restored from
 * an older backup) with {@link JournalSealer#verify}.
 *
 * <p>{@link #encoded()} is a one-line text form; {@link #parse(String)} reads it back.
 *
 * @param tenant the tenant
 * @param sequence the last journal entry covered (0 for an empty journal)
 * @param headHash that entry's hash (64 zeros for an empty journal)
 * @param sealedAt when the seal was made
 * @param signature the Tink signature, Base64
 */
public record JournalSeal(
    String tenant, long sequence, String headHash, Instant sealedAt, String signature) {
  private static final String FORMAT = "socle-journal-seal-v1";
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Validates the fields.
   *
   * @param tenant the tenant
   * @param sequence the last journal entry covered (0 for an empty journal)
   * @param headHash that entry's hash (64 zeros for an empty journal)
   * @param sealedAt when the seal was made
   * @param signature the Tink signature, Base64
   */
  public JournalSeal {
    Names.requireValidName("tenant", tenant);
    if (sequence < 0) {
      throw new InvalidInputException("sequence must be >= 0");
    }
    if (headHash == null || !HEX64.matcher(headHash).matches()) {
      throw new InvalidInputException("headHash must be 64 lowercase hexadecimal digits");
    }
    Objects.requireNonNull(sealedAt, "sealedAt");
    Objects.requireNonNull(signature, "signature");
    try {
      Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("signature must be Base64");
    }
  }

  /**
   * Returns the bytes the signature covers.
   *
   * @return the canonical encoding of format, tenant, sequence, head hash and instant
   */
  byte[] signedBytes() {
    return fr.socle.storage.internal.Hashing.canonical(
        FORMAT, tenant, Long.toString(sequence), headHash, sealedAt.toString());
  }

  /**
   * Returns the seal as one line of text: format, tenant (Base64url of its UTF-8), sequence, head
   * hash, instant, signature, separated by spaces.
   *
   * @return the text form
   */
  public String encoded() {
    return String.join(
        " ",
        FORMAT,
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(tenant.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        Long.toString(sequence),
        headHash,
        sealedAt.toString(),
        signature);
  }

  /**
   * Reads a seal from its text form.
   *
   * @param text what {@link #encoded()} returned
   * @return the seal (its signature is not checked here)
   * @throws InvalidInputException if the text is not a seal
   */
  public static JournalSeal parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.strip().split(" ");
    if (parts.length != 6 || !parts[0].equals(FORMAT)) {
      throw new InvalidInputException("not a journal seal");
    }
    try {
      return new JournalSeal(
          new String(
              Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8),
          Long.parseLong(parts[2]),
          parts[3],
          Instant.parse(parts[4]),
          parts[5]);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      // NumberFormatException and the Base64 decoder's errors are IllegalArgumentExceptions: a seal
      // comes from outside, so every malformed field is the caller's bad input.
      throw new InvalidInputException("not a journal seal");
    }
  }
}
