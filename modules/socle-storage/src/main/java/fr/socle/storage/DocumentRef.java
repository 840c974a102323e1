package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.storage.internal.Names;

/**
 * Names a document: the tenant (a collectivité), the container within the tenant, and the
 * document's identifier within the container.
 *
 * <p>Each part is 1 to 100 UTF-8 bytes without control characters; any other character is allowed
 * and safely encoded by the safe before it reaches a backend, so identifiers such as {@code
 * ../../etc} cannot escape their container.
 *
 * @param tenant the tenant, for example a SIREN number
 * @param container the container, for example {@code etat-civil}
 * @param id the document identifier
 */
public record DocumentRef(String tenant, String container, String id) {
  /**
   * Validates the three parts.
   *
   * @param tenant the tenant, for example a SIREN number
   * @param container the container, for example {@code etat-civil}
   * @param id the document identifier
   */
  public DocumentRef {
    Names.requireValidName("tenant", tenant);
    Names.requireValidName("container", container);
    Names.requireValidName("id", id);
  }

  /**
   * Creates a reference.
   *
   * @param tenant the tenant
   * @param container the container
   * @param id the document identifier
   * @return the reference
   * @throws InvalidInputException if a part is empty, too long or holds a control character
   */
  public static DocumentRef of(String tenant, String container, String id) {
    return new DocumentRef(tenant, container, id);
  }
}
