package fr.socle.refdata;

import fr.socle.core.SocleClientException;
import fr.socle.refdata.internal.NameFolding;
import fr.socle.refdata.internal.SearchIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Answers {@link Territories#search(CommuneSearch)}: codes through the maps of {@link Territories},
 * names through a {@link SearchIndex} built on a background thread at load.
 */
final class SearchBox {
  private static final Comparator<Commune> BY_POPULATION =
      Comparator.comparingInt((Commune c) -> -c.population().orElse(-1));

  private final Commune[] searchable;
  private final Map<String, Commune> byCode;
  private final Map<String, Commune> byFormerCode;
  private final Map<CommuneType, Map<String, Commune>> byTypeAndCode;
  private final Map<String, List<Commune>> byPostalCode;
  private final CompletableFuture<SearchIndex> index = new CompletableFuture<>();

  SearchBox(
      Commune[] searchable,
      Map<String, Commune> byCode,
      Map<String, Commune> byFormerCode,
      Map<CommuneType, Map<String, Commune>> byTypeAndCode,
      Map<String, List<Commune>> byPostalCode) {
    this.searchable = searchable;
    this.byCode = byCode;
    this.byFormerCode = byFormerCode;
    this.byTypeAndCode = byTypeAndCode;
    this.byPostalCode = byPostalCode;
    new IndexBuilder(index, searchable).start();
  }

  /**
   * Builds the search index off the loading thread. A named class rather than a lambda: the first
   * lambda of a JVM bootstraps {@code java.lang.invoke}, which would cost the cold load.
   */
  private static final class IndexBuilder extends Thread {
    private final CompletableFuture<SearchIndex> index;
    private final Commune[] communes;

    IndexBuilder(CompletableFuture<SearchIndex> index, Commune[] communes) {
      super("socle-refdata-search-index");
      setDaemon(true);
      this.index = index;
      this.communes = communes;
    }

    @Override
    public void run() {
      try {
        index.complete(new SearchIndex(communes));
      } catch (Throwable t) {
        index.completeExceptionally(t);
      }
    }
  }

  SearchIndex index() {
    try {
      return index.join();
    } catch (CompletionException e) {
      throw new SocleClientException("cannot build the commune search index", e.getCause());
    }
  }

  List<Commune> search(CommuneSearch query) {
    String dep = query.departementCode().orElse(null);
    Set<CommuneType> types = query.types();
    boolean allTypes = types.size() == CommuneType.values().length;
    String code = codeShape(query.text());
    if (code != null) {
      return searchCode(code, query.limit(), dep, types);
    }
    List<String> prefixes = NameFolding.foldQuery(query.text());
    if (prefixes.get(0).isEmpty()) {
      return List.of();
    }
    return index()
        .search(
            prefixes,
            query.limit(),
            i -> {
              Commune c = searchable[i];
              return (dep == null || dep.equals(c.departementCode()))
                  && (allTypes || types.contains(c.type()));
            });
  }

  /** The text as an INSEE or postal code (folded, spaces removed), or null if it is not one. */
  private static String codeShape(String text) {
    String folded = NameFolding.fold(text).toUpperCase(Locale.ROOT);
    if (folded.length() != 5) {
      return null;
    }
    for (int i = 0; i < 5; i++) {
      char ch = folded.charAt(i);
      boolean digit = ch >= '0' && ch <= '9';
      boolean corsica = i == 1 && (ch == 'A' || ch == 'B') && folded.charAt(0) == '2';
      if (!digit && !corsica) {
        return null;
      }
    }
    return folded;
  }

  private List<Commune> searchCode(String code, int limit, String dep, Set<CommuneType> types) {
    List<Commune> hits = new ArrayList<>();
    Commune exact = byCode.get(code);
    if (exact != null) {
      hits.add(exact);
    }
    // Postal codes before former codes: 75015 is Paris 15e for anyone typing it today, and the
    // code Bry-sur-Marne had in the Seine before 1968.
    List<Commune> postal = new ArrayList<>(byPostalCode.getOrDefault(code, List.of()));
    postal.sort(BY_POPULATION);
    hits.addAll(postal);
    Commune resolved = byFormerCode.get(code);
    if (resolved != null) {
      hits.add(resolved);
    }
    for (CommuneType t : new CommuneType[] {CommuneType.DELEGUEE, CommuneType.ASSOCIEE}) {
      Commune c = byTypeAndCode.get(t).get(code);
      if (c != null) {
        hits.add(c);
      }
    }
    List<Commune> out = new ArrayList<>(Math.min(limit, hits.size()));
    for (Commune c : hits) {
      if (out.size() < limit
          && (dep == null || dep.equals(c.departementCode()))
          && types.contains(c.type())
          && !out.contains(c)) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
