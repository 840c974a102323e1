package fr.socle.storage;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ArchiveTransfers#eliminate} did with each document of an accepted transfer.
 *
 * @param messageIdentifier the transfer
 * @param outcomes one per document of the transfer, in the receipt's order
 */
public record EliminationReport(String messageIdentifier, List<Outcome> outcomes) {

  /**
   * Validates the fields.
   *
   * @param messageIdentifier the transfer
   * @param outcomes one per document of the transfer, in the receipt's order
   */
  public EliminationReport {
    Objects.requireNonNull(messageIdentifier, "messageIdentifier");
    outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
  }

  /**
   * Returns the documents destroyed.
   *
   * @return their references, possibly empty
   */
  public List<DocumentRef> destroyed() {
    return outcomes.stream().filter(o -> o.status() == Status.DESTROYED).map(Outcome::ref).toList();
  }

  /** What happened to one document. */
  public enum Status {
    /** Destroyed (every version, data keys included). */
    DESTROYED,
    /** Kept: its retention date has not passed or it is under legal hold. */
    RETAINED,
    /** Kept: a new version was deposited after the transfer, the service does not hold it. */
    CHANGED_SINCE_TRANSFER,
    /** Nothing to do: the document no longer exists. */
    ALREADY_GONE
  }

  /**
   * One document's outcome.
   *
   * @param ref the document
   * @param status what happened
   */
  public record Outcome(DocumentRef ref, Status status) {
    /**
     * Validates the fields.
     *
     * @param ref the document
     * @param status what happened
     */
    public Outcome {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(status, "status");
    }
  }
}
