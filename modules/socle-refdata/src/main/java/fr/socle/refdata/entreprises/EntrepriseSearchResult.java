package fr.socle.refdata.entreprises;

import java.util.List;

/**
 * A page of results.
 *
 * @param results the legal units of this page
 * @param totalResults how many match in all
 * @param page the page number, from 1
 * @param perPage the page size
 * @param totalPages how many pages
 */
public record EntrepriseSearchResult(
    List<Entreprise> results, long totalResults, int page, int perPage, int totalPages) {

  /**
   * Copies the list.
   *
   * @param results the legal units of this page
   * @param totalResults how many match in all
   * @param page the page number, from 1
   * @param perPage the page size
   * @param totalPages how many pages
   */
  public EntrepriseSearchResult {
    results = List.copyOf(results);
  }
}
