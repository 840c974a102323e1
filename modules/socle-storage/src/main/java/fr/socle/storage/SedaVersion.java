package fr.socle.storage;

/**
 * Versions of SEDA (Standard d'échange de données pour l'archivage) that {@link ArchiveTransfers}
 * writes and reads. 2.3 (June 2024) is the current version; 2.2 (January 2022) is still what many
 * archiving services ingest.
 */
public enum SedaVersion {
  /** SEDA 2.2. */
  V2_2("fr:gouv:culture:archivesdefrance:seda:v2.2"),
  /** SEDA 2.3, the default. */
  V2_3("fr:gouv:culture:archivesdefrance:seda:v2.3");

  private final String namespace;

  SedaVersion(String namespace) {
    this.namespace = namespace;
  }

  /**
   * Returns the XML namespace of the version's messages.
   *
   * @return for example {@code fr:gouv:culture:archivesdefrance:seda:v2.3}
   */
  public String namespace() {
    return namespace;
  }
}
