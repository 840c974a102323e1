package fr.socle.refdata.entreprises;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.CircuitOpenException;
import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleException;
import fr.socle.refdata.client.GeoPoint;
import fr.socle.refdata.validation.InvalidIdentifierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RechercheEntreprisesClientTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Shape of GET /search (search-api open-api.yml): lat/long are strings, unknown fields ignored.
  static final String PAGE =
      """
      {"results":[{"siren":"217500016","nom_complet":"VILLE DE PARIS","nom_raison_sociale":"VILLE DE PARIS",
        "nature_juridique":"7210","activite_principale":"84.11Z","categorie_entreprise":"GE",
        "etat_administratif":"A","date_creation":"1900-01-01","nombre_etablissements":1200,
        "siege":{"siret":"21750001600019","adresse":"PLACE DE L'HOTEL DE VILLE 75004 PARIS",
          "code_postal":"75004","commune":"75104","libelle_commune":"PARIS","latitude":"48.856",
          "longitude":"2.352","activite_principale":"84.11Z","etat_administratif":"A","est_siege":true},
        "matching_etablissements":[{"siret":"21750001600019","code_postal":"75004","est_siege":true}],
        "complements":{"collectivite_territoriale":{"code":"75C","code_insee":"75056",
          "niveau":"particulier","elus":[]},"est_association":false},
        "dirigeants":[],"finances":{}}],
       "total_results":1,"page":1,"per_page":10,"total_pages":1}
      """;

  private RechercheEntreprisesClient.Builder builder() {
    return RechercheEntreprisesClient.builder()
        .baseUrl(wm.baseUrl())
        .httpTransport(http -> http.applicationName("test/1.0"));
  }

  @Test
  void search_mapsResultsAndSendsFilters() {
    wm.stubFor(get(urlPathEqualTo("/search")).willReturn(okJson(PAGE)));
    try (RechercheEntreprisesClient c = builder().build()) {
      EntrepriseSearchResult r =
          c.search(
              EntrepriseQuery.text("paris")
                  .communeCode("75056")
                  .collectivitesTerritoriales()
                  .perPage(25));
      assertThat(r.totalResults()).isEqualTo(1);
      Entreprise e = r.results().get(0);
      assertThat(e.nomComplet()).isEqualTo("VILLE DE PARIS");
      assertThat(e.collectivite().orElseThrow().code()).isEqualTo("75C");
      assertThat(e.siege().orElseThrow().position()).contains(new GeoPoint(48.856, 2.352));
      assertThat(e.siege().orElseThrow().siege()).isTrue();
      assertThat(e.matchingEtablissements()).hasSize(1);
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/search"))
            .withQueryParam("q", equalTo("paris"))
            .withQueryParam("code_commune", equalTo("75056"))
            .withQueryParam("est_collectivite_territoriale", equalTo("true"))
            .withQueryParam("per_page", equalTo("25"))
            .withHeader("User-Agent", matching(".*test/1\\.0.*")));
  }

  @Test
  void query_whenPerPageAbove25_isRefusedLocally() {
    assertThatThrownBy(() -> EntrepriseQuery.text("x").perPage(26))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void bySiren_validatesLocallyThenFiltersTheExactUnit() {
    wm.stubFor(get(urlPathEqualTo("/search")).willReturn(okJson(PAGE)));
    try (RechercheEntreprisesClient c = builder().build()) {
      assertThat(c.bySiren("217 500 016")).isPresent();
      assertThat(c.bySiren("732829320")).isEmpty();
      assertThatThrownBy(() -> c.bySiren("217500017"))
          .isInstanceOf(InvalidIdentifierException.class);
    }
    wm.verify(2, getRequestedFor(urlPathEqualTo("/search")));
  }

  @Test
  void nearPoint_sendsLatLongRadius() {
    wm.stubFor(get(urlPathEqualTo("/near_point")).willReturn(okJson(PAGE)));
    try (RechercheEntreprisesClient c = builder().build()) {
      assertThat(c.nearPoint(new GeoPoint(48.85, 2.35), 2, 1, 10).results()).hasSize(1);
      assertThatThrownBy(() -> c.nearPoint(new GeoPoint(48.85, 2.35), 51, 1, 10))
          .isInstanceOf(InvalidInputException.class);
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/near_point"))
            .withQueryParam("lat", equalTo("48.85"))
            .withQueryParam("long", equalTo("2.35"))
            .withQueryParam("radius", equalTo("2.0")));
  }

  @Test
  void search_duringAnOutage_stopsCallingAfterThreeFailuresOfFive() {
    // The peer drops connections as its anti-abuse layer does; the default breaker must stop us.
    wm.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (RechercheEntreprisesClient c =
        builder().httpTransport(http -> http.applicationName("test/1.0").maxRetries(0)).build()) {
      int calls = 0;
      Throwable last = null;
      for (int i = 0; i < 10; i++) {
        try {
          c.search(EntrepriseQuery.text("x"));
        } catch (SocleException e) {
          last = e;
          if (e instanceof CircuitOpenException) {
            break;
          }
          calls++;
        }
      }
      assertThat(last).isInstanceOf(CircuitOpenException.class);
      assertThat(calls).isLessThanOrEqualTo(5);
    }
    assertThat(wm.getAllServeEvents()).hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void search_whenServiceUnavailableThenOk_retriesOnceOnly() {
    wm.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
    try (RechercheEntreprisesClient c = builder().build()) {
      assertThatThrownBy(() -> c.search(EntrepriseQuery.text("x")))
          .isInstanceOf(SocleException.class);
    }
    wm.verify(2, getRequestedFor(urlPathEqualTo("/search")));
  }
}
