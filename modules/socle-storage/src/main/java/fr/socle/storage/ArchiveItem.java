package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.storage.internal.SedaValues;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One document of the safe in an {@link ArchiveTransferRequest}, with the description the archiving
 * service needs (SEDA {@code ArchiveUnit/Content}). The technical metadata (size, media type,
 * filename, digest) comes from the safe's authenticated record.
 *
 * <p>The title and description are sent to the archiving service: they may hold personal data (that
 * is their purpose), so {@link #toString()} leaves them out.
 *
 * @param ref the document (its latest version is transferred)
 * @param title the title of the archive unit, 1 to 1024 characters
 * @param level the level of description, usually {@link DescriptionLevel#ITEM}
 * @param description a longer description, if any (up to 8192 characters)
 * @param startDate the date of the oldest record described, if known
 * @param endDate the date of the most recent record described, if known
 */
public record ArchiveItem(
    DocumentRef ref,
    String title,
    DescriptionLevel level,
    Optional<String> description,
    Optional<LocalDate> startDate,
    Optional<LocalDate> endDate) {

  /**
   * Validates the fields.
   *
   * @param ref the document (its latest version is transferred)
   * @param title the title of the archive unit, 1 to 1024 characters
   * @param level the level of description, usually {@link DescriptionLevel#ITEM}
   * @param description a longer description, if any (up to 8192 characters)
   * @param startDate the date of the oldest record described, if known
   * @param endDate the date of the most recent record described, if known
   */
  public ArchiveItem {
    Objects.requireNonNull(ref, "ref");
    SedaValues.requireText("title", title, 1024);
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(description, "description");
    description.ifPresent(d -> SedaValues.requireText("description", d, 8192));
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(endDate, "endDate");
    if (startDate.isPresent() && endDate.isPresent() && endDate.get().isBefore(startDate.get())) {
      throw new InvalidInputException("endDate must not be before startDate");
    }
  }

  /**
   * Describes a document as an {@link DescriptionLevel#ITEM} with a title and nothing else.
   *
   * @param ref the document
   * @param title its title
   * @return the item
   */
  public static ArchiveItem of(DocumentRef ref, String title) {
    return new ArchiveItem(
        ref, title, DescriptionLevel.ITEM, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a copy with a description.
   *
   * @param text the description
   * @return the new item
   */
  public ArchiveItem withDescription(String text) {
    return new ArchiveItem(ref, title, level, Optional.of(text), startDate, endDate);
  }

  /**
   * Returns a copy with the dates of the records described.
   *
   * @param start the oldest date
   * @param end the most recent date
   * @return the new item
   */
  public ArchiveItem withDates(LocalDate start, LocalDate end) {
    return new ArchiveItem(ref, title, level, description, Optional.of(start), Optional.of(end));
  }

  /**
   * Returns a copy at another level of description.
   *
   * @param newLevel the level
   * @return the new item
   */
  public ArchiveItem withLevel(DescriptionLevel newLevel) {
    return new ArchiveItem(ref, title, newLevel, description, startDate, endDate);
  }

  @Override
  public String toString() {
    return "ArchiveItem[" + ref + ", " + level + "]";
  }
}
