package fr.socle.refdata;

/**
 * How high a commune ranks as a chef-lieu: the seat of a région, a département or an arrondissement
 * départemental, the highest one it holds.
 *
 * <p>The COG carried this rank ({@code RANG_CHEFLIEU}) until 2020; since then INSEE publishes the
 * chef-lieu of each région, département and arrondissement instead, and Socle derives the rank from
 * them. The canton rank of the old field (chef-lieu de canton) cannot be derived and is not
 * offered: such communes are {@link #NONE}.
 */
public enum ChefLieuRank {
  /** Not the chef-lieu of an arrondissement, département or région. */
  NONE,
  /** Chef-lieu (sous-préfecture) of an arrondissement départemental. */
  ARRONDISSEMENT,
  /** Chef-lieu (préfecture) of a département. */
  DEPARTEMENT,
  /** Chef-lieu of a région. */
  REGION
}
