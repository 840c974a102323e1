package fr.socle.refdata.geocoding;

/** The outcome of one row of a batch geocoding. */
public enum BatchStatus {
  /** Geocoded. */
  OK,
  /** The geocoder found nothing for the row. */
  NOT_FOUND,
  /** The geocoder skipped the row (empty address columns). */
  SKIPPED,
  /** The geocoder reported an error for the row, or returned an unreadable result. */
  ERROR,
  /**
   * The geocoder never returned the row, even after it was resubmitted: the peer truncated its
   * answers. Resubmit it later.
   */
  MISSING
}
