package fr.socle.onceonly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static fr.socle.onceonly.Fixtures.RECIPIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.Secret;
import fr.socle.core.SocleServiceException;
import fr.socle.core.http.HttpTransport;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiEntrepriseClientTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String SIREN = "418166096";
  static final Traceability WHY =
      new Traceability(RECIPIENT, "Marché 2026-014 restauration", "Candidature lot 2");

  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  ApiEntrepriseClient client;

  @BeforeEach
  void start() {
    client =
        ApiEntrepriseClient.builder()
            .baseUrl(wm.baseUrl())
            .token(Secret.of("entreprise-jwt-secret"))
            .auditListener(audit::add)
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
  }

  @Test
  void attestationVigilance_delivered_carriesTraceabilityAndValidity() {
    wm.stubFor(
        get(urlPathEqualTo("/v4/urssaf/unites_legales/" + SIREN + "/attestation_vigilance"))
            .willReturn(okJson(Fixtures.VIGILANCE_OK)));

    AttestationVigilance a = client.attestationVigilance(SIREN, WHY).orElseThrow();

    assertThat(a.delivree()).isTrue();
    assertThat(a.dateFinValidite()).contains(LocalDate.of(2027, 4, 30));
    assertThat(a.valideLe(LocalDate.of(2026, 12, 5))).isTrue();
    assertThat(a.valideLe(LocalDate.of(2027, 5, 1))).isFalse();
    assertThat(a.documentUrlExpiresIn()).contains(Duration.ofDays(1));
    wm.verify(
        getRequestedFor(urlPathMatching("/v4/urssaf/.*"))
            .withHeader("Authorization", equalTo("Bearer entreprise-jwt-secret"))
            .withQueryParam("recipient", equalTo(RECIPIENT))
            .withQueryParam("context", equalTo("Marché 2026-014 restauration"))
            .withQueryParam("object", equalTo("Candidature lot 2")));
    assertThat(audit)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.subject()).contains(SIREN);
              assertThat(e.context()).contains("Marché 2026-014 restauration");
              assertThat(e.object()).contains("Candidature lot 2");
            });
  }

  @Test
  void attestationVigilance_refused_isNeverValid() {
    wm.stubFor(get(urlPathMatching("/v4/urssaf/.*")).willReturn(okJson(Fixtures.VIGILANCE_REFUS)));

    AttestationVigilance a = client.attestationVigilance(SIREN, WHY).orElseThrow();

    assertThat(a.delivree()).isFalse();
    assertThat(a.valideLe(LocalDate.of(2026, 12, 5))).isFalse();
    assertThat(a.documentUrl()).isEmpty();
  }

  @Test
  void attestationVigilance_deliveredWithoutDates_orWithAnUnknownStatus_failsClosed() {
    wm.stubFor(
        get(urlPathMatching("/v4/urssaf/.*"))
            .willReturn(
                okJson(
                    Fixtures.VIGILANCE_OK.replace(
                        "\"date_fin_validite\":\"2027-04-30\"", "\"date_fin_validite\":null"))));
    assertThatThrownBy(() -> client.attestationVigilance(SIREN, WHY))
        .isInstanceOf(SocleServiceException.class);

    wm.stubFor(
        get(urlPathMatching("/v4/urssaf/.*"))
            .willReturn(
                okJson(Fixtures.VIGILANCE_OK.replace("\"code\":\"ok\"", "\"code\":\"OK?\""))));
    assertThatThrownBy(() -> client.attestationVigilance(SIREN, WHY))
        .isInstanceOf(SocleServiceException.class);
  }

  @Test
  void sharedTransport_staysOpenAfterTheClientCloses() {
    wm.stubFor(get(urlPathMatching("/v4/dgfip/.*")).willReturn(okJson(Fixtures.FISCALE)));
    try (HttpTransport http = HttpTransport.create()) {
      ApiEntrepriseClient.builder()
          .baseUrl(wm.baseUrl())
          .token(Secret.of("entreprise-jwt-secret"))
          .httpTransport(http)
          .build()
          .close();
      try (ApiEntrepriseClient c =
          ApiEntrepriseClient.builder()
              .baseUrl(wm.baseUrl())
              .token(Secret.of("entreprise-jwt-secret"))
              .httpTransport(http)
              .build()) {
        assertThat(c.attestationFiscale(SIREN, WHY)).isPresent();
      }
    }
  }

  @Test
  void attestationFiscale_readsDocumentAndDates() {
    wm.stubFor(get(urlPathMatching("/v4/dgfip/.*")).willReturn(okJson(Fixtures.FISCALE)));

    AttestationFiscale a = client.attestationFiscale(SIREN, WHY).orElseThrow();

    assertThat(a.documentUrl().toString()).endsWith("fiscale.pdf");
    assertThat(a.datePeriodeAnalysee()).isEqualTo(LocalDate.of(2026, 11, 30));
  }

  @Test
  void uniteLegale_readsSirene_and451IsNonDiffusible() {
    wm.stubFor(
        get(urlPathEqualTo("/v4/insee/sirene/unites_legales/" + SIREN))
            .willReturn(okJson(Fixtures.UNITE_LEGALE)));
    UniteLegale ul = client.uniteLegale(SIREN, WHY).orElseThrow();
    assertThat(ul.denomination()).contains("OCTO TECHNOLOGY");
    assertThat(ul.formeJuridiqueCode()).contains("5710");
    assertThat(ul.actif()).isTrue();
    assertThat(ul.dateCreation()).contains(LocalDate.of(1998, 3, 31));

    wm.stubFor(
        get(urlPathEqualTo("/v4/insee/sirene/unites_legales/552032534"))
            .willReturn(
                aResponse()
                    .withStatus(451)
                    .withBody(Fixtures.error("01004", "Indisponible pour raisons légales", ""))));
    assertThatThrownBy(() -> client.uniteLegale("552032534", WHY))
        .isInstanceOf(NonDiffusibleException.class);
  }

  @Test
  void etablissement_extraitRcs_andAssociation_readTheirAnswers() {
    wm.stubFor(
        get(urlPathMatching("/v4/insee/sirene/etablissements/.*"))
            .willReturn(
                okJson(
                    "{\"data\":{\"siret\":\"41816609600069\",\"siege_social\":true,"
                        + "\"etat_administratif\":\"A\",\"status_diffusion\":\"diffusible\","
                        + "\"unite_legale\":{\"siren\":\"418166096\"},\"adresse\":{"
                        + "\"numero_voie\":\"34\",\"type_voie\":\"AV\",\"libelle_voie\":\"DE L'OPERA\","
                        + "\"code_postal\":\"75002\",\"libelle_commune\":\"PARIS 2\","
                        + "\"code_commune\":\"75102\"}},\"links\":{},\"meta\":{}}")));
    wm.stubFor(
        get(urlPathMatching("/v3/infogreffe/.*"))
            .willReturn(
                okJson(
                    "{\"data\":{\"siren\":\"418166096\",\"date_immatriculation\":\"1998-03-31\","
                        + "\"date_radiation\":null,\"date_extrait\":\"2026-12-05\","
                        + "\"personne_morale\":{\"denomination\":\"OCTO TECHNOLOGY\","
                        + "\"forme_juridique\":{\"libelle\":\"SAS\"}},\"capital\":{\"montant\":"
                        + "1234567.5,\"devise\":\"Euros\",\"code_devise\":\"EUR\"},"
                        + "\"greffe\":{\"valeur\":\"PARIS\",\"code\":\"7501\"}},\"links\":{},\"meta\":{}}")));
    wm.stubFor(
        get(urlPathMatching("/v4/djepva/.*"))
            .willReturn(
                okJson(
                    "{\"data\":{\"rna\":\"W751234567\",\"siren\":\"775664113\",\"nom\":"
                        + "\"Les amis du jardin\",\"active\":true,\"reconnue_utilite_publique\":"
                        + "false,\"date_creation\":\"1990-05-04\",\"activites\":{\"objet\":"
                        + "\"Jardins partagés\"},\"adresse_siege\":{\"commune\":\"Rennes\"}},"
                        + "\"links\":{},\"meta\":{}}")));

    Etablissement e = client.etablissement("41816609600069", WHY).orElseThrow();
    assertThat(e.adresse()).contains("34 AV DE L'OPERA");
    assertThat(e.siren()).isEqualTo(SIREN);
    ExtraitRcs k = client.extraitRcs(SIREN, WHY).orElseThrow();
    assertThat(k.radiee()).isFalse();
    assertThat(k.devise()).contains("EUR");
    wm.stubFor(
        get(urlPathMatching("/v3/inpi/rne/.*"))
            .willReturn(
                okJson(
                    "{\"data\":{\"document_url\":\"https://storage.example.test/rne.pdf\","
                        + "\"identite_entreprise\":{\"denomination\":\"OCTO TECHNOLOGY\","
                        + "\"siren\":\"418166096\",\"date_immatriculation_rne\":\"1998-03-31\","
                        + "\"dissolution\":{\"date\":null},\"capital_social\":{\"montant\":"
                        + "1234567.5,\"devise\":\"EUR\"}}},\"links\":{},\"meta\":{}}")));
    ExtraitRne rne = client.extraitRne(SIREN, WHY).orElseThrow();
    assertThat(rne.dissoute()).isFalse();
    assertThat(rne.capital())
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("1234567.5"));
    Association asso = client.association("W751234567", WHY).orElseThrow();
    assertThat(asso.nom()).isEqualTo("Les amis du jardin");
    assertThat(asso.objet()).contains("Jardins partagés");
  }

  @Test
  void recipientEqualToTheCompanyLookedUp_isRefusedBeforeTheCall() {
    Traceability self = new Traceability("41816609600069", "Marché", "Auto-contrôle");
    assertThatThrownBy(() -> client.attestationVigilance(SIREN, self))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> client.etablissement("41816609600069", self))
        .isInstanceOf(InvalidQueryException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void badIdentifiers_andBadTraceability_areRefusedBeforeTheCall() {
    assertThatThrownBy(() -> client.uniteLegale("418166097", WHY))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> client.uniteLegale("41816609/", WHY))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> client.association("X751234567", WHY))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> new Traceability("21350238800013", "c", "o"))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> new Traceability(RECIPIENT, " ", "o"))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> new Traceability(RECIPIENT, "c", "o".repeat(51)))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> new Traceability(RECIPIENT, "c\r\nX-Injected: 1", "o"))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> client.uniteLegale(SIREN, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("why");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void forbidden_isAccessDenied_withoutTheToken() {
    wm.stubFor(
        get(urlPathMatching("/v4/dgfip/.*"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody(Fixtures.error("00100", "Privilèges insuffisants", ""))));
    assertThatThrownBy(() -> client.attestationFiscale(SIREN, WHY))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("00100")
        .hasMessageNotContaining("entreprise-jwt-secret");
  }
}
