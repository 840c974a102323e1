package fr.socle.refdata;

import fr.socle.refdata.internal.CogHistoryResource;
import fr.socle.refdata.internal.NameFolding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers {@link Territories#communeIn}: the commune entries of the earlier millésimes, looked up
 * by code or by name. Built on the first historical lookup from the history resource and the
 * embedded millésime.
 *
 * <p>The history resource holds only the entries that differ from "present, identical, in every
 * covered millésime"; an embedded entry with no history entry of the same code and kind ending in
 * the newest millésime has been there, unchanged, since the oldest one.
 */
final class CommuneHistory {
  private static final CommuneType[] TYPES = CommuneType.values();

  private final Territories territories;
  private final CogHistoryResource.Data data;
  private final List<Millesime> millesimes;
  private final int newest;
  private final Map<String, List<Integer>> byCode = new HashMap<>();
  private final Map<String, List<Integer>> byName = new HashMap<>();
  // "type:code" of the embedded entries that changed since the oldest millésime: the others have
  // been there, identical, in every one. Embedded entries are looked up through Territories (by
  // code) and its search index (by name): no second copy of them here.
  private final Set<String> changedNow = new HashSet<>();
  private final Function<String, List<Commune>> embeddedByName;

  CommuneHistory(
      Territories territories,
      CogHistoryResource.Data data,
      Function<String, List<Commune>> embeddedByName) {
    this.embeddedByName = embeddedByName;
    this.territories = territories;
    this.data = data;
    this.millesimes = List.of(data.millesimes());
    this.newest = millesimes.size() - 1;
    if (millesimes.get(newest).year() != territories.millesime().year()) {
      throw new fr.socle.core.SocleClientException(
          "COG history resource does not end with the embedded millésime");
    }
    for (int i = 0; i < data.codes().length; i++) {
      byCode.computeIfAbsent(data.codes()[i], k -> new ArrayList<>(2)).add(i);
      byName.computeIfAbsent(NameFolding.fold(data.noms()[i]), k -> new ArrayList<>(2)).add(i);
      if (data.last()[i] == newest) {
        changedNow.add(data.types()[i] + ":" + data.codes()[i]);
      }
    }
  }

  private List<Commune> stable(String key, boolean isCode) {
    List<Commune> candidates;
    if (isCode) {
      candidates = new ArrayList<>(2);
      for (CommuneType t : TYPES) {
        territories.commune(key, t).ifPresent(candidates::add);
      }
    } else {
      candidates = embeddedByName.apply(key);
    }
    List<Commune> out = new ArrayList<>(candidates.size());
    for (Commune c : candidates) {
      if (!changedNow.contains(c.type().ordinal() + ":" + c.code())) {
        out.add(c);
      }
    }
    return out;
  }

  List<Millesime> millesimes() {
    return millesimes;
  }

  /**
   * Looks up a code or a name as the COG of a year had it.
   *
   * @param key a normalised code, or a folded name
   * @param isCode whether the key is a code
   * @param year the year
   */
  List<CommuneInYear> lookup(String key, boolean isCode, int year) {
    int oldest = millesimes.get(0).year();
    if (year >= millesimes.get(newest).year()) {
      return at(key, isCode, newest);
    }
    int before = 0; // the newest covered millésime at or before the year
    for (int i = 0; i <= newest; i++) {
      if (millesimes.get(i).year() <= year) {
        before = i;
      }
    }
    if (year < oldest) {
      // Before the oldest millésime: its state, then the codes known only as former codes.
      List<CommuneInYear> hits = at(key, isCode, 0);
      return hits.isEmpty() ? formerOnly(key, isCode) : hits;
    }
    List<CommuneInYear> hits = at(key, isCode, before);
    if (hits.isEmpty() && millesimes.get(before).year() != year) {
      // A year no package version covers (2020): the next millésime after it.
      hits = at(key, isCode, before + 1);
    }
    return hits;
  }

  private List<CommuneInYear> at(String key, boolean isCode, int index) {
    List<CommuneInYear> out = new ArrayList<>(2);
    for (int i : (isCode ? byCode : byName).getOrDefault(key, List.of())) {
      if (data.first()[i] <= index && index <= data.last()[i]) {
        historical(i, Optional.of(millesimes.get(index))).ifPresent(out::add);
      }
    }
    for (Commune c : stable(key, isCode)) {
      Optional<Commune> current =
          c.type() == CommuneType.DELEGUEE || c.type() == CommuneType.ASSOCIEE
              ? c.parentCode().flatMap(territories::commune)
              : Optional.of(c);
      current.ifPresent(
          cur ->
              out.add(
                  new CommuneInYear(
                      c.code(),
                      c.nom(),
                      c.type(),
                      c.departementCode(),
                      c.parentCode(),
                      Optional.of(millesimes.get(index)),
                      cur)));
    }
    return sorted(out);
  }

  private List<CommuneInYear> formerOnly(String key, boolean isCode) {
    List<CommuneInYear> out = new ArrayList<>(1);
    for (int i : (isCode ? byCode : byName).getOrDefault(key, List.of())) {
      if (data.first()[i] == CogHistoryResource.BEFORE_OLDEST) {
        historical(i, Optional.empty()).ifPresent(out::add);
      }
    }
    return sorted(out);
  }

  private Optional<CommuneInYear> historical(int i, Optional<Millesime> millesime) {
    String code = data.codes()[i];
    String dep = data.departements()[i];
    if (dep.isEmpty()) {
      dep =
          code.startsWith("97") || code.startsWith("98")
              ? code.substring(0, 3)
              : code.substring(0, 2);
    }
    String parent = data.parents()[i];
    String dept = dep;
    return currentOf(data.currents()[i])
        .map(
            cur ->
                new CommuneInYear(
                    code,
                    data.noms()[i],
                    TYPES[data.types()[i]],
                    dept,
                    parent.isEmpty() ? Optional.empty() : Optional.of(parent),
                    millesime,
                    cur));
  }

  private Optional<Commune> currentOf(String code) {
    Optional<Commune> c = territories.commune(code, CommuneType.ACTUELLE);
    return c.isPresent() ? c : territories.commune(code, CommuneType.ARRONDISSEMENT_MUNICIPAL);
  }

  // Communes (and arrondissements) before délégués and associés, then by code: the entry people
  // most likely mean comes first.
  private static List<CommuneInYear> sorted(List<CommuneInYear> out) {
    if (out.size() > 1) {
      out.sort(
          Comparator.comparingInt((CommuneInYear c) -> rank(c.type()))
              .thenComparing(CommuneInYear::code));
    }
    return Collections.unmodifiableList(out);
  }

  private static int rank(CommuneType t) {
    return t == CommuneType.ACTUELLE || t == CommuneType.ARRONDISSEMENT_MUNICIPAL ? 0 : 1;
  }
}
