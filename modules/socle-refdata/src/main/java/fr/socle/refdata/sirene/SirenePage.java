package fr.socle.refdata.sirene;

import java.util.List;
import java.util.Optional;

/**
 * A page of a multi-criteria search, read with a cursor.
 *
 * @param etablissements the establishments of this page
 * @param total how many match in all
 * @param nextCursor the cursor of the next page; empty on the last page (INSEE then returns the
 *     same cursor again)
 */
public record SirenePage(
    List<EtablissementSirene> etablissements, long total, Optional<String> nextCursor) {

  /**
   * Copies the list.
   *
   * @param etablissements the establishments of this page
   * @param total how many match in all
   * @param nextCursor the cursor of the next page; empty on the last page (INSEE then returns the
   *     same cursor again)
   */
  public SirenePage {
    etablissements = List.copyOf(etablissements);
  }
}
