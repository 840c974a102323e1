package fr.socle.storage;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Result of {@link DocumentSafe#verifyJournal(String)}.
 *
 * @param entriesChecked how many entries were read
 * @param firstBrokenSequence the sequence number of the first entry that is missing, altered or out
 *     of order, if any
 * @param headHash hash of the last intact entry (64 zeros for an empty journal); export it
 *     regularly to an independent place to anchor the chain
 */
public record JournalVerification(
    long entriesChecked, OptionalLong firstBrokenSequence, String headHash) {

  /**
   * Validates the fields.
   *
   * @param entriesChecked how many entries were read
   * @param firstBrokenSequence the sequence number of the first entry that is missing, altered or
   *     out of order, if any
   * @param headHash hash of the last intact entry (64 zeros for an empty journal); export it
   *     regularly to an independent place to anchor the chain
   */
  public JournalVerification {
    Objects.requireNonNull(firstBrokenSequence, "firstBrokenSequence");
    Objects.requireNonNull(headHash, "headHash");
  }

  /**
   * Tells whether the whole chain is intact.
   *
   * @return true if no entry is broken
   */
  public boolean intact() {
    return firstBrokenSequence.isEmpty();
  }
}
