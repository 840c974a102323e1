package fr.socle.storage.internal;

import fr.socle.storage.DocumentRef;
import java.util.OptionalLong;

/**
 * Where each object of the safe lives in an object store.
 *
 * <pre>
 * t/{tenant}/c/{container}/d/{id}/v{version:10}/reserved           reservation: attempt, instant
 * t/{tenant}/c/{container}/d/{id}/v{version:10}/content-{attempt}  ciphertext (write-once, lock)
 * t/{tenant}/c/{container}/d/{id}/v{version:10}/key                envelope (commit point)
 * t/{tenant}/journal/{sequence:19}                                 journal entry (write-once)
 * t/{tenant}/journal-head                                          last sequence and hash
 * </pre>
 *
 * <p>Each deposit attempt writes its ciphertext under a key of its own (a random attempt id named
 * by the authenticated envelope), so a deposit that loses a race, or is cleaned up, can never
 * delete another attempt's ciphertext.
 */
public final class Layout {
  /** Suffix of the object that makes a version visible. */
  public static final String KEY_SUFFIX = "/key";

  private Layout() {}

  /**
   * Prefix of every object of a tenant.
   *
   * @param tenant the tenant
   * @return the prefix
   */
  public static String tenantPrefix(String tenant) {
    return "t/" + Names.segment(tenant) + "/";
  }

  /**
   * Prefix of every document of a container.
   *
   * @param tenant the tenant
   * @param container the container
   * @return the prefix
   */
  public static String containerPrefix(String tenant, String container) {
    return tenantPrefix(tenant) + "c/" + Names.segment(container) + "/d/";
  }

  /**
   * Prefix of every version of a document.
   *
   * @param ref the document
   * @return the prefix
   */
  public static String documentPrefix(DocumentRef ref) {
    return containerPrefix(ref.tenant(), ref.container()) + Names.segment(ref.id()) + "/";
  }

  /**
   * Prefix of one version.
   *
   * @param ref the document
   * @param version the version
   * @return the prefix
   */
  public static String versionPrefix(DocumentRef ref, long version) {
    return documentPrefix(ref) + String.format("v%010d/", version);
  }

  /**
   * The reservation marker key.
   *
   * @param ref the document
   * @param version the version
   * @return the key
   */
  public static String reserved(DocumentRef ref, long version) {
    return versionPrefix(ref, version) + "reserved";
  }

  /** Name of a ciphertext object inside a version folder, before the attempt id. */
  public static final String CONTENT_NAME = "content-";

  /**
   * The ciphertext key of one deposit attempt.
   *
   * @param ref the document
   * @param version the version
   * @param attempt the attempt id
   * @return the key
   */
  public static String content(DocumentRef ref, long version, String attempt) {
    return versionPrefix(ref, version) + CONTENT_NAME + attempt;
  }

  /**
   * The envelope key (wrapped data key and metadata).
   *
   * @param ref the document
   * @param version the version
   * @return the key
   */
  public static String envelope(DocumentRef ref, long version) {
    return versionPrefix(ref, version) + "key";
  }

  /**
   * Prefix of a tenant's journal.
   *
   * @param tenant the tenant
   * @return the prefix
   */
  public static String journalPrefix(String tenant) {
    return tenantPrefix(tenant) + "journal/";
  }

  /**
   * Key of a tenant's journal head.
   *
   * @param tenant the tenant
   * @return the key
   */
  public static String journalHead(String tenant) {
    return tenantPrefix(tenant) + "journal-head";
  }

  /**
   * Key of a journal entry.
   *
   * @param tenant the tenant
   * @param sequence the sequence number
   * @return the key
   */
  public static String journalEntry(String tenant, long sequence) {
    return journalPrefix(tenant) + String.format("%019d", sequence);
  }

  /**
   * Parses the version out of a key below a document prefix.
   *
   * @param documentPrefix the document prefix
   * @param key a key starting with it
   * @return the version, or empty if the key is not shaped like a version object
   */
  public static OptionalLong versionOf(String documentPrefix, String key) {
    String rest = key.substring(documentPrefix.length());
    if (rest.length() < 12 || rest.charAt(0) != 'v' || rest.charAt(11) != '/') {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(rest.substring(1, 11)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
