package fr.socle.refdata;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpTransport;
import fr.socle.refdata.client.GeoPoint;
import fr.socle.refdata.entreprises.EntrepriseQuery;
import fr.socle.refdata.entreprises.RechercheEntreprisesClient;
import fr.socle.refdata.geo.CommuneQuery;
import fr.socle.refdata.geocoding.AddressQuery;
import fr.socle.refdata.geocoding.BatchGeocodingRequest;
import fr.socle.refdata.sirene.SireneClient;
import fr.socle.refdata.spi.ResponseCache;
import fr.socle.refdata.validation.InvalidIdentifierException;
import fr.socle.refdata.validation.Validators;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error rule of docs/core.md across socle-refdata: bad values raise {@link
 * InvalidInputException} (a {@link SocleClientException}), nulls a {@link NullPointerException}
 * naming the parameter, builder misses {@link InvalidInputException}.
 */
class InputErrorsTest {

  @Test
  @DisplayName("bad values in value types are InvalidInputException naming what to fix")
  void valueTypes_whenBadValue_throwInvalidInput() {
    assertThatThrownBy(() -> new Millesime(1800, "COG"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("year");
    assertThatThrownBy(() -> new GeoPoint(91, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("latitude");
    assertThatThrownBy(
            () ->
                new CommuneQuery(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> CommuneQuery.byName("Paris").limit(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> AddressQuery.of("ab")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> BatchGeocodingRequest.of(List.of("a", "a"), List.of(), List.of("a")).chunkSize(1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> BatchGeocodingRequest.of(List.of("a"), List.of(), List.of("a")).chunkSize(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("chunk");
    assertThatThrownBy(
            () -> BatchGeocodingRequest.of(List.of("a"), List.of(), List.of("a")).maxAttempts(11))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  @DisplayName("bad query settings are InvalidInputException")
  void queries_whenBadSetting_throwInvalidInput() {
    assertThatThrownBy(() -> EntrepriseQuery.filters().etatAdministratif("X"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> EntrepriseQuery.filters().page(0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> EntrepriseQuery.filters().perPage(26))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> CommuneSearch.of("a".repeat(201), 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("text");
    assertThatThrownBy(() -> CommuneSearch.of("Lyon", 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> new CommuneSearch("Lyon", 10, Optional.empty(), java.util.Set.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("types");
    assertThatThrownBy(() -> ResponseCache.inMemory(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxEntries");
  }

  @Test
  @DisplayName("bad builder settings are InvalidInputException at the setter")
  void builders_whenBadSetting_throwInvalidInput() {
    assertThatThrownBy(() -> RechercheEntreprisesClient.builder().baseUrl("ftp://example.org"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("baseUrl");
    // URI.create's own IllegalArgumentException must not escape.
    assertThatThrownBy(() -> RechercheEntreprisesClient.builder().baseUrl("http://exa mple.org"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("baseUrl");
    // Transport settings go through the customiser, checked by HttpTransport.Builder at build().
    assertThatThrownBy(
            () ->
                RechercheEntreprisesClient.builder()
                    .httpTransport(http -> http.connectTimeout(Duration.ZERO))
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(
            () ->
                RechercheEntreprisesClient.builder()
                    .httpTransport(http -> http.maxResponseBytes(0))
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxResponseBytes");
    assertThatThrownBy(
            () -> RechercheEntreprisesClient.builder().httpTransport((HttpTransport) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("shared");
  }

  @Test
  @DisplayName("a missing required builder setting is InvalidInputException naming the setter")
  void builder_whenRequiredSettingMissing_throwsInvalidInput() {
    assertThatThrownBy(() -> SireneClient.builder().build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("apiKey(");
  }

  @Test
  @DisplayName("nulls are NullPointerException whose message is the parameter name")
  void nulls_throwNpeNamingTheParameter() {
    assertThatThrownBy(() -> new Millesime(2025, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("source");
    assertThatThrownBy(() -> RechercheEntreprisesClient.builder().baseUrl(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("baseUrl");
    assertThatThrownBy(() -> AddressQuery.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("text");
    assertThatThrownBy(() -> EntrepriseQuery.filters().etatAdministratif(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("etat");
    assertThatThrownBy(() -> EntrepriseQuery.filters().activitePrincipale(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("naf");
    assertThatThrownBy(() -> EntrepriseQuery.filters().departement(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("code");
    assertThatThrownBy(() -> AddressQuery.of("rue de la Paix").postcode(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("p");
    assertThatThrownBy(() -> CommuneQuery.byName("Lyon").inDepartement(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("code");
    try (RechercheEntreprisesClient client = RechercheEntreprisesClient.builder().build()) {
      assertThatThrownBy(() -> client.bySiren(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("siren");
      assertThatThrownBy(() -> client.search(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("query");
      assertThatThrownBy(() -> client.nearPoint(null, 1, 1, 10))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("point");
    }
    assertThatThrownBy(() -> Validators.siren(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("input");
  }

  @Test
  @DisplayName("an invalid identifier is an InvalidInputException callers can branch on")
  void invalidIdentifier_isAnInvalidInput() {
    assertThatThrownBy(() -> Validators.siren("732829321").orElseThrow())
        .isInstanceOf(InvalidIdentifierException.class)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("732829321");
  }
}
