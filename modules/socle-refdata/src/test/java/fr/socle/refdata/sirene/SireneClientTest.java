package fr.socle.refdata.sirene;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.SocleServiceException;
import fr.socle.core.http.RateLimitPolicy;
import fr.socle.refdata.validation.InvalidIdentifierException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SireneClientTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String KEY = "0f1e2d3c-secret-key";

  // Shapes of the Sirene 3.11 JSON answers (header + uniteLegale / etablissement(s)).
  static final String UNITE =
      """
      {"header":{"statut":200,"message":"OK"},
       "uniteLegale":{"siren":"217500016","statutDiffusionUniteLegale":"O",
        "dateCreationUniteLegale":"1900-01-01","categorieEntreprise":"GE","sigleUniteLegale":null,
        "periodesUniteLegale":[
          {"dateFin":null,"dateDebut":"2019-01-01","etatAdministratifUniteLegale":"A",
           "denominationUniteLegale":"VILLE DE PARIS","categorieJuridiqueUniteLegale":"7210",
           "activitePrincipaleUniteLegale":"84.11Z","nicSiegeUniteLegale":"00019"},
          {"dateFin":"2018-12-31","denominationUniteLegale":"COMMUNE DE PARIS"}]}}
      """;
  static final String ETAB =
      """
      {"siren":"217500016","nic":"00019","siret":"21750001600019","statutDiffusionEtablissement":"O",
       "dateCreationEtablissement":"1983-03-01","etablissementSiege":true,
       "uniteLegale":{"denominationUniteLegale":"VILLE DE PARIS"},
       "adresseEtablissement":{"numeroVoieEtablissement":"4","typeVoieEtablissement":"PL",
        "libelleVoieEtablissement":"DE L HOTEL DE VILLE","codePostalEtablissement":"75004",
        "libelleCommuneEtablissement":"PARIS 4","codeCommuneEtablissement":"75104"},
       "periodesEtablissement":[{"dateFin":null,"etatAdministratifEtablissement":"A",
        "activitePrincipaleEtablissement":"84.11Z","enseigne1Etablissement":null}]}
      """;

  private SireneClient.Builder builder() {
    return SireneClient.builder().baseUrl(wm.baseUrl()).apiKey(Secret.of(KEY));
  }

  @Test
  void uniteLegale_sendsTheIntegrationKeyAndReadsTheCurrentPeriod() {
    wm.stubFor(get(urlPathEqualTo("/siren/217500016")).willReturn(okJson(UNITE)));
    try (SireneClient c = builder().build()) {
      UniteLegale ul = c.uniteLegale("217 500 016").orElseThrow();
      assertThat(ul.denomination()).contains("VILLE DE PARIS");
      assertThat(ul.categorieJuridique()).contains("7210");
      assertThat(ul.nicSiege()).contains("00019");
      assertThat(ul.sigle()).isEmpty();
      assertThat(c.toString()).doesNotContain(KEY);
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/siren/217500016"))
            .withHeader("X-INSEE-Api-Key-Integration", equalTo(KEY)));
  }

  @Test
  void etablissement_mapsAddress_and404IsEmpty() {
    wm.stubFor(
        get(urlPathEqualTo("/siret/21750001600019"))
            .willReturn(okJson("{\"header\":{\"statut\":200},\"etablissement\":" + ETAB + "}")));
    wm.stubFor(
        get(urlPathEqualTo("/siret/73282932000074"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"header\":{\"statut\":404,\"message\":\"Aucun élément trouvé\"}}")));
    try (SireneClient c = builder().build()) {
      EtablissementSirene e = c.etablissement("21750001600019").orElseThrow();
      assertThat(e.siege()).isTrue();
      assertThat(e.codeCommune()).contains("75104");
      assertThat(e.denominationUniteLegale()).contains("VILLE DE PARIS");
      assertThat(c.etablissement("73282932000074")).isEmpty();
      assertThatThrownBy(() -> c.etablissement("73282932000079"))
          .isInstanceOf(InvalidIdentifierException.class);
    }
  }

  @Test
  void uniteLegale_whenKeyRejected_isServiceErrorWithoutTheKey() {
    wm.stubFor(get(urlPathEqualTo("/siren/217500016")).willReturn(aResponse().withStatus(401)));
    try (SireneClient c = builder().build()) {
      assertThatThrownBy(() -> c.uniteLegale("217500016"))
          .isInstanceOfSatisfying(
              SocleServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(401))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }
  }

  @Test
  void searchEtablissements_followsTheCursorUntilItRepeats() {
    wm.stubFor(
        get(urlPathEqualTo("/siret"))
            .withQueryParam("curseur", equalTo("*"))
            .willReturn(
                okJson(
                    "{\"header\":{\"statut\":200,\"total\":2,\"curseur\":\"*\","
                        + "\"curseurSuivant\":\"AoE1\"},\"etablissements\":["
                        + ETAB
                        + "]}")));
    wm.stubFor(
        get(urlPathEqualTo("/siret"))
            .withQueryParam("curseur", equalTo("AoE1"))
            .willReturn(
                okJson(
                    "{\"header\":{\"statut\":200,\"total\":2,\"curseur\":\"AoE1\","
                        + "\"curseurSuivant\":\"AoE1\"},\"etablissements\":["
                        + ETAB
                        + "]}")));
    try (SireneClient c = builder().build()) {
      SirenePage first = c.searchEtablissements("codeCommuneEtablissement:75104", 1, "*");
      assertThat(first.total()).isEqualTo(2);
      assertThat(first.nextCursor()).contains("AoE1");
      SirenePage last = c.searchEtablissements("codeCommuneEtablissement:75104", 1, "AoE1");
      assertThat(last.etablissements()).hasSize(1);
      assertThat(last.nextCursor()).isEmpty();
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/siret"))
            .withQueryParam("q", equalTo("codeCommuneEtablissement:75104"))
            .withQueryParam("nombre", equalTo("1")));
  }

  @Test
  void searchEtablissements_when404_isEmptyPage() {
    wm.stubFor(get(urlPathEqualTo("/siret")).willReturn(aResponse().withStatus(404)));
    try (SireneClient c = builder().build()) {
      assertThat(c.searchEtablissements("x:1", 20, "*").etablissements()).isEmpty();
    }
  }

  @Test
  void clientSideQuota_whenExhausted_failsWithoutCallingThePeer() {
    wm.stubFor(get(urlPathEqualTo("/siren/217500016")).willReturn(okJson(UNITE)));
    try (SireneClient c =
        builder()
            .httpTransport(
                http ->
                    http.rateLimit(new RateLimitPolicy(2, Duration.ofMinutes(1), Duration.ZERO)))
            .build()) {
      c.uniteLegale("217500016");
      c.uniteLegale("217500016");
      assertThatThrownBy(() -> c.uniteLegale("217500016"))
          .isInstanceOf(ClientRateLimitedException.class);
    }
    wm.verify(2, getRequestedFor(urlPathEqualTo("/siren/217500016")));
  }

  @Test
  void builder_withoutKey_refuses() {
    assertThatThrownBy(() -> SireneClient.builder().build())
        .isInstanceOf(InvalidInputException.class);
    assertThat(SireneClient.DEFAULT_RATE_LIMIT.permits()).isEqualTo(30);
    assertThat(SireneClient.DEFAULT_RATE_LIMIT.period()).isEqualTo(Duration.ofMinutes(1));
  }
}
