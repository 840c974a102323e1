package fr.socle.onceonly;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The pivot identity API Particulier looks a person up with ({@code /identite} routes), validated
 * as the API validates it, so that a bad query fails here instead of costing a call:
 *
 * <ul>
 *   <li>{@code nomNaissance} required; 1 to 3 {@code prenoms}; {@code sexeEtatCivil} M or F;
 *   <li>{@code codeCogInseePaysNaissance}: five digits ({@code 99100} for France);
 *   <li>born in France: the birth commune by its COG code (five characters, {@code 2A}/{@code 2B}
 *       for Corsica) <em>or</em> by its name plus the département code, and then the birth year is
 *       required; not both;
 *   <li>a birth month needs a year and a day needs a month (the API would silently ignore them); a
 *       full date must exist.
 * </ul>
 *
 * <p>The commune code is the one in force <em>at the birth date</em>; communes merged since then
 * keep their old code in the COG history ({@code socle-refdata}'s {@code Territories} resolves it
 * offline). A wrong birth-place code is the first cause of "not found".
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints the person's data.
 *
 * <pre>{@code
 * Identite axelle = Identite.builder()
 *     .nomNaissance("MARTIN").prenoms("AXELLE").sexe(Sexe.F)
 *     .dateNaissance(LocalDate.of(1989, 12, 3))
 *     .codePaysNaissance(Identite.FRANCE).codeCommuneNaissance("35238")
 *     .build();
 * }</pre>
 *
 * @param nomNaissance the birth (family) name
 * @param nomUsage the usage name, if any
 * @param prenoms one to three first names, in civil-status order
 * @param sexe the civil-status sex
 * @param anneeNaissance the birth year, if known
 * @param moisNaissance the birth month (1-12), if known
 * @param jourNaissance the birth day (1-31), if known
 * @param codePaysNaissance the COG code of the birth country
 * @param codeCommuneNaissance the COG code of the birth commune, for people born in France
 * @param nomCommuneNaissance the birth commune's name, instead of its code
 * @param codeDepartementNaissance the birth département's code, with the commune's name
 */
public record Identite(
    String nomNaissance,
    Optional<String> nomUsage,
    List<String> prenoms,
    Sexe sexe,
    OptionalInt anneeNaissance,
    OptionalInt moisNaissance,
    OptionalInt jourNaissance,
    String codePaysNaissance,
    Optional<String> codeCommuneNaissance,
    Optional<String> nomCommuneNaissance,
    Optional<String> codeDepartementNaissance) {

  /** The COG code of France as a birth country. */
  public static final String FRANCE = "99100";

  private static final Pattern PAYS = Pattern.compile("99\\d{3}");
  private static final Pattern COMMUNE = Pattern.compile("(\\d{2}|2A|2B)\\d{3}");
  private static final Pattern DEPARTEMENT = Pattern.compile("\\d{2,3}|2A|2B");
  private static final int MAX_NAME = 100;

  /**
   * Validates the identity.
   *
   * @param nomNaissance the birth (family) name
   * @param nomUsage the usage name, if any
   * @param prenoms one to three first names, in civil-status order
   * @param sexe the civil-status sex
   * @param anneeNaissance the birth year, if known
   * @param moisNaissance the birth month (1-12), if known
   * @param jourNaissance the birth day (1-31), if known
   * @param codePaysNaissance the COG code of the birth country
   * @param codeCommuneNaissance the COG code of the birth commune, for people born in France
   * @param nomCommuneNaissance the birth commune's name, instead of its code
   * @param codeDepartementNaissance the birth département's code, with the commune's name
   */
  public Identite {
    Objects.requireNonNull(nomNaissance, "nomNaissance");
    Objects.requireNonNull(nomUsage, "nomUsage");
    Objects.requireNonNull(prenoms, "prenoms");
    Objects.requireNonNull(sexe, "sexe");
    Objects.requireNonNull(anneeNaissance, "anneeNaissance");
    Objects.requireNonNull(moisNaissance, "moisNaissance");
    Objects.requireNonNull(jourNaissance, "jourNaissance");
    Objects.requireNonNull(codePaysNaissance, "codePaysNaissance");
    Objects.requireNonNull(codeCommuneNaissance, "codeCommuneNaissance");
    Objects.requireNonNull(nomCommuneNaissance, "nomCommuneNaissance");
    Objects.requireNonNull(codeDepartementNaissance, "codeDepartementNaissance");
    name(nomNaissance, "nomNaissance");
    nomUsage.ifPresent(n -> name(n, "nomUsage"));
    prenoms = List.copyOf(prenoms);
    if (prenoms.isEmpty() || prenoms.size() > 3) {
      throw new InvalidQueryException("prenoms must hold 1 to 3 first names");
    }
    prenoms.forEach(p -> name(p, "prenoms"));
    checkDate(anneeNaissance, moisNaissance, jourNaissance);
    if (!PAYS.matcher(codePaysNaissance).matches()) {
      throw new InvalidQueryException(
          "codePaysNaissance must be a five-digit COG country code (99100 for France)");
    }
    codeCommuneNaissance.ifPresent(
        c -> {
          if (!COMMUNE.matcher(c).matches()) {
            throw new InvalidQueryException(
                "codeCommuneNaissance must be a five-character COG commune code");
          }
        });
    nomCommuneNaissance.ifPresent(n -> name(n, "nomCommuneNaissance"));
    codeDepartementNaissance.ifPresent(
        d -> {
          if (!DEPARTEMENT.matcher(d).matches()) {
            throw new InvalidQueryException(
                "codeDepartementNaissance must be a département code (2 or 3 characters)");
          }
        });
    checkBirthPlace(
        codePaysNaissance,
        codeCommuneNaissance,
        nomCommuneNaissance,
        codeDepartementNaissance,
        anneeNaissance);
  }

  private static void name(String value, String parameter) {
    if (value.isBlank() || value.length() > MAX_NAME) {
      throw new InvalidQueryException(parameter + " must have 1 to " + MAX_NAME + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidQueryException(parameter + " contains a control character");
      }
    }
  }

  private static void checkDate(OptionalInt year, OptionalInt month, OptionalInt day) {
    if (month.isPresent() && year.isEmpty()) {
      throw new InvalidQueryException("moisNaissance needs anneeNaissance (the API ignores it)");
    }
    if (day.isPresent() && month.isEmpty()) {
      throw new InvalidQueryException("jourNaissance needs moisNaissance (the API ignores it)");
    }
    if (year.isPresent() && (year.getAsInt() < 1850 || year.getAsInt() > 2200)) {
      throw new InvalidQueryException("anneeNaissance is out of range");
    }
    if (month.isPresent() && (month.getAsInt() < 1 || month.getAsInt() > 12)) {
      throw new InvalidQueryException("moisNaissance must be 1 to 12");
    }
    if (day.isPresent()) {
      try {
        LocalDate.of(year.getAsInt(), month.getAsInt(), day.getAsInt());
      } catch (DateTimeException e) {
        throw new InvalidQueryException("the birth date does not exist");
      }
    }
  }

  private static void checkBirthPlace(
      String pays,
      Optional<String> code,
      Optional<String> nom,
      Optional<String> departement,
      OptionalInt year) {
    if (code.isPresent() && (nom.isPresent() || departement.isPresent())) {
      throw new InvalidQueryException(
          "give the birth commune by codeCommuneNaissance or by nomCommuneNaissance and"
              + " codeDepartementNaissance, not both");
    }
    if (nom.isPresent() != departement.isPresent()) {
      throw new InvalidQueryException(
          "nomCommuneNaissance and codeDepartementNaissance go together");
    }
    if (nom.isPresent() && year.isEmpty()) {
      throw new InvalidQueryException("a birth commune given by name needs anneeNaissance");
    }
    if (FRANCE.equals(pays) && code.isEmpty() && nom.isEmpty()) {
      throw new InvalidQueryException(
          "a person born in France needs codeCommuneNaissance, or nomCommuneNaissance and"
              + " codeDepartementNaissance");
    }
    if (!FRANCE.equals(pays) && (code.isPresent() || nom.isPresent())) {
      throw new InvalidQueryException("a birth commune is only given for people born in France");
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the full birth date, when year, month and day are known.
   *
   * @return the date, if complete
   */
  public Optional<LocalDate> dateNaissance() {
    if (jourNaissance.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        LocalDate.of(
            anneeNaissance.getAsInt(), moisNaissance.getAsInt(), jourNaissance.getAsInt()));
  }

  /** Returns {@code Identite[redacted]}: every field is personal data. */
  @Override
  public String toString() {
    return "Identite[redacted]";
  }

  /** Builds an {@link Identite}. Not thread-safe. */
  public static final class Builder {
    private String nomNaissance;
    private String nomUsage;
    private List<String> prenoms = List.of();
    private Sexe sexe;
    private Integer annee;
    private Integer mois;
    private Integer jour;
    private String codePays;
    private String codeCommune;
    private String nomCommune;
    private String codeDepartement;

    private Builder() {}

    /**
     * Sets the birth name. Required.
     *
     * @param nomNaissance the name
     * @return this builder
     */
    public Builder nomNaissance(String nomNaissance) {
      this.nomNaissance = Objects.requireNonNull(nomNaissance, "nomNaissance");
      return this;
    }

    /**
     * Sets the usage name.
     *
     * @param nomUsage the name
     * @return this builder
     */
    public Builder nomUsage(String nomUsage) {
      this.nomUsage = Objects.requireNonNull(nomUsage, "nomUsage");
      return this;
    }

    /**
     * Sets the first names. Required: 1 to 3.
     *
     * @param prenoms the first names, in civil-status order
     * @return this builder
     */
    public Builder prenoms(String... prenoms) {
      this.prenoms = List.of(Objects.requireNonNull(prenoms, "prenoms"));
      return this;
    }

    /**
     * Sets the first names. Required: 1 to 3.
     *
     * @param prenoms the first names, in civil-status order
     * @return this builder
     */
    public Builder prenoms(List<String> prenoms) {
      this.prenoms = List.copyOf(Objects.requireNonNull(prenoms, "prenoms"));
      return this;
    }

    /**
     * Sets the civil-status sex. Required.
     *
     * @param sexe M or F
     * @return this builder
     */
    public Builder sexe(Sexe sexe) {
      this.sexe = Objects.requireNonNull(sexe, "sexe");
      return this;
    }

    /**
     * Sets the full birth date.
     *
     * @param date the date
     * @return this builder
     */
    public Builder dateNaissance(LocalDate date) {
      Objects.requireNonNull(date, "date");
      this.annee = date.getYear();
      this.mois = date.getMonthValue();
      this.jour = date.getDayOfMonth();
      return this;
    }

    /**
     * Sets a partial birth date: the year, and the month if known.
     *
     * @param annee the year
     * @param mois the month, or {@code null}
     * @return this builder
     */
    public Builder dateNaissancePartielle(int annee, Integer mois) {
      this.annee = annee;
      this.mois = mois;
      this.jour = null;
      return this;
    }

    /**
     * Sets the birth country's COG code. Required.
     *
     * @param codePays five digits, {@link Identite#FRANCE} for France
     * @return this builder
     */
    public Builder codePaysNaissance(String codePays) {
      this.codePays = Objects.requireNonNull(codePays, "codePays");
      return this;
    }

    /**
     * Sets the birth commune's COG code (at the birth date).
     *
     * @param codeCommune five characters
     * @return this builder
     */
    public Builder codeCommuneNaissance(String codeCommune) {
      this.codeCommune = Objects.requireNonNull(codeCommune, "codeCommune");
      return this;
    }

    /**
     * Sets the birth commune by name and département, instead of its code.
     *
     * @param nomCommune the commune's name
     * @param codeDepartement the département code
     * @return this builder
     */
    public Builder communeNaissance(String nomCommune, String codeDepartement) {
      this.nomCommune = Objects.requireNonNull(nomCommune, "nomCommune");
      this.codeDepartement = Objects.requireNonNull(codeDepartement, "codeDepartement");
      return this;
    }

    /**
     * Builds the identity.
     *
     * @return the validated identity
     * @throws NullPointerException if the birth name, sex or birth country is missing
     * @throws InvalidQueryException if a rule of the API is broken
     */
    public Identite build() {
      return new Identite(
          Objects.requireNonNull(nomNaissance, "nomNaissance"),
          Optional.ofNullable(nomUsage),
          prenoms,
          Objects.requireNonNull(sexe, "sexe"),
          annee == null ? OptionalInt.empty() : OptionalInt.of(annee),
          mois == null ? OptionalInt.empty() : OptionalInt.of(mois),
          jour == null ? OptionalInt.empty() : OptionalInt.of(jour),
          Objects.requireNonNull(codePays, "codePaysNaissance"),
          Optional.ofNullable(codeCommune),
          Optional.ofNullable(nomCommune),
          Optional.ofNullable(codeDepartement));
    }
  }
}
