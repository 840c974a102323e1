package fr.socle.onceonly;

/** Sex as written on civil-status records ({@code sexeEtatCivil}): the API accepts M or F only. */
public enum Sexe {
  /** Masculin. */
  M,
  /** Féminin. */
  F
}
