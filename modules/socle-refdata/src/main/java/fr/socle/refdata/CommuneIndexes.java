package fr.socle.refdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookup tables of the communes of one COG vintage, built once when {@link Territories} loads:
 * current communes and arrondissements by code, délégués and associés by type and code, former
 * codes to the current commune, communes by postal code and by type. Immutable once built; read
 * concurrently by every lookup of {@link Territories} and by its search box.
 */
record CommuneIndexes(
    Map<String, Commune> byCode,
    Map<CommuneType, Map<String, Commune>> byTypeAndCode,
    Map<String, Commune> byFormerCode,
    Map<String, List<Commune>> byPostalCode,
    Map<CommuneType, List<Commune>> byType) {

  static CommuneIndexes of(List<Commune> all) {
    // Runs once, cold, mostly interpreted: one pass, maps presized so that they never rehash.
    Map<String, Commune> byCode = new HashMap<>(all.size() * 2);
    Map<CommuneType, Map<String, Commune>> byTypeAndCode = new EnumMap<>(CommuneType.class);
    Map<CommuneType, List<Commune>> lists = new EnumMap<>(CommuneType.class);
    for (CommuneType t : CommuneType.values()) {
      lists.put(t, new ArrayList<>(t == CommuneType.ACTUELLE ? all.size() : 4096));
    }
    byTypeAndCode.put(CommuneType.DELEGUEE, new HashMap<>(8192));
    byTypeAndCode.put(CommuneType.ASSOCIEE, new HashMap<>(2048));
    Map<String, List<Commune>> cp = new HashMap<>(16_384);
    for (Commune c : all) {
      CommuneType type = c.type();
      lists.get(type).add(c);
      if (type == CommuneType.DELEGUEE || type == CommuneType.ASSOCIEE) {
        byTypeAndCode.get(type).put(c.code(), c);
      } else {
        byCode.put(c.code(), c);
        for (String p : c.postalCodes()) {
          List<Commune> l = cp.get(p);
          if (l == null) {
            l = new ArrayList<>(2);
            cp.put(p, l);
          }
          l.add(c);
        }
      }
    }
    // A délégué or associé is a former commune: it resolves to the current commune the COG links
    // it to, even when its code is not listed in anciensCodes (mergers older than that field).
    // This link comes first: a code can be the délégué of one commune and an anciensCode of
    // another (60455 is déléguée of 60694 in COG 2026 and listed by 60054, which absorbed it
    // earlier); the current COG link is the one that holds today.
    Map<String, Commune> byFormerCode = new HashMap<>(8192);
    for (CommuneType t : new CommuneType[] {CommuneType.DELEGUEE, CommuneType.ASSOCIEE}) {
      List<Commune> entries = lists.get(t);
      // Backwards, so that for a code listed twice the last entry wins, as in byTypeAndCode.
      for (int i = entries.size() - 1; i >= 0; i--) {
        Commune c = entries.get(i);
        Commune parent = c.parentCode().isPresent() ? byCode.get(c.parentCode().get()) : null;
        if (parent != null && !byCode.containsKey(c.code())) {
          byFormerCode.putIfAbsent(c.code(), parent);
        }
      }
    }
    for (Commune c : lists.get(CommuneType.ACTUELLE)) {
      for (String former : c.formerCodes()) {
        if (!byCode.containsKey(former)) {
          byFormerCode.putIfAbsent(former, c);
        }
      }
    }
    // The postal-code lists become immutable in place: no second map.
    for (Map.Entry<String, List<Commune>> e : cp.entrySet()) {
      e.setValue(List.copyOf(e.getValue()));
    }
    Map<CommuneType, List<Commune>> byType = new EnumMap<>(CommuneType.class);
    for (Map.Entry<CommuneType, List<Commune>> e : lists.entrySet()) {
      byType.put(e.getKey(), Collections.unmodifiableList(e.getValue()));
    }
    return new CommuneIndexes(byCode, byTypeAndCode, byFormerCode, cp, byType);
  }
}
