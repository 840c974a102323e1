package fr.socle.onceonly;

/** Which family-benefits fund computed a quotient familial. */
public enum Fournisseur {
  /** Caisse nationale des allocations familiales. */
  CNAF,
  /** Mutualité sociale agricole. */
  MSA
}
