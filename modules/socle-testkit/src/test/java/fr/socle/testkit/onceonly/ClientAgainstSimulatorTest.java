package fr.socle.testkit.onceonly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.RateLimitedException;
import fr.socle.core.Secret;
import fr.socle.core.SocleServiceException;
import fr.socle.onceonly.ApiEntrepriseClient;
import fr.socle.onceonly.ApiParticulierClient;
import fr.socle.onceonly.AttestationVigilance;
import fr.socle.onceonly.Fournisseur;
import fr.socle.onceonly.Identite;
import fr.socle.onceonly.NonDiffusibleException;
import fr.socle.onceonly.Prestation;
import fr.socle.onceonly.ProviderUnavailableException;
import fr.socle.onceonly.QuotientFamilial;
import fr.socle.onceonly.Sexe;
import fr.socle.onceonly.Traceability;
import fr.socle.onceonly.Usager;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Socle's clients against the simulator: the whole path a vendor's code takes. */
class ClientAgainstSimulatorTest {
  @RegisterExtension static final OnceOnlySimulatorExtension SIM = new OnceOnlySimulatorExtension();

  static final Traceability WHY =
      new Traceability(OnceOnlySimulator.RECIPIENT, "Marché 2026-014", "Candidature lot 2");

  ApiParticulierClient particulier;
  ApiEntrepriseClient entreprise;

  @BeforeEach
  void clients() {
    String base = SIM.simulator().baseUrl().toString();
    particulier =
        ApiParticulierClient.builder()
            .baseUrl(base)
            .token(Secret.of(OnceOnlySimulator.PARTICULIER_TOKEN))
            .recipient(OnceOnlySimulator.RECIPIENT)
            .build();
    entreprise =
        ApiEntrepriseClient.builder()
            .baseUrl(base)
            .token(Secret.of(OnceOnlySimulator.ENTREPRISE_TOKEN))
            .build();
  }

  @AfterEach
  void close() {
    particulier.close();
    entreprise.close();
  }

  static Identite.Builder claire() {
    return Identite.builder()
        .nomNaissance("DUPONT")
        .prenoms("CLAIRE", "MARIE")
        .sexe(Sexe.F)
        .dateNaissance(LocalDate.of(1985, 3, 12))
        .codePaysNaissance(Identite.FRANCE)
        .codeCommuneNaissance("35238");
  }

  @Test
  void quotientFamilial_byFranceConnect() {
    QuotientFamilial qf =
        particulier
            .quotientFamilial(Usager.parFranceConnect(Secret.of(OnceOnlySimulator.FC_TOKEN_LEROY)))
            .orElseThrow();
    assertThat(qf.fournisseur()).isEqualTo(Fournisseur.MSA);
    assertThat(qf.valeur()).isEqualTo(1150);
    assertThat(qf.enfants()).hasSize(3);
    assertThat(
            particulier.quotientFamilial(
                Usager.parFranceConnect(Secret.of(OnceOnlySimulator.FC_TOKEN_SANS_DOSSIER))))
        .isEmpty();
  }

  @Test
  void quotientFamilial_byIdentity_withANearMiss() {
    assertThat(particulier.quotientFamilial(Usager.parIdentite(claire().build())))
        .hasValueSatisfying(qf -> assertThat(qf.valeur()).isEqualTo(520));
    Identite misspelt = claire().nomNaissance("DUPOND").prenoms("CLERE").build();
    assertThat(particulier.quotientFamilial(Usager.parIdentite(misspelt))).isPresent();
    Identite misspeltYearOnly =
        claire().nomNaissance("DUPOND").prenoms("CLERE").dateNaissancePartielle(1985, null).build();
    assertThat(particulier.quotientFamilial(Usager.parIdentite(misspeltYearOnly))).isEmpty();
  }

  @Test
  void providerFailures_andTheSandbox429() {
    assertThatThrownBy(
            () ->
                particulier.quotientFamilial(
                    Usager.parIdentite(claire().nomNaissance(OnceOnlySimulator.NOM_504).build())))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> assertThat(e.retryIn()).contains(Duration.ofSeconds(10)));
    assertThatThrownBy(
            () ->
                particulier.quotientFamilial(
                    Usager.parIdentite(claire().nomNaissance(OnceOnlySimulator.NOM_429).build())))
        .isInstanceOf(RateLimitedException.class);
  }

  @Test
  void benefits_forACcas() {
    Usager sofia = Usager.parFranceConnect(Secret.of(OnceOnlySimulator.FC_TOKEN_BENALI));
    assertThat(
            particulier
                .prestation(Prestation.REVENU_SOLIDARITE_ACTIVE, sofia)
                .orElseThrow()
                .beneficiaire())
        .isTrue();
    assertThat(
            particulier
                .prestation(Prestation.ALLOCATION_ADULTE_HANDICAPE, sofia)
                .orElseThrow()
                .beneficiaire())
        .isFalse();
    assertThat(particulier.participationFamilialeEaje(sofia).orElseThrow().nombreEnfantsACharge())
        .isEqualTo(1);
    assertThat(
            particulier
                .etudiantBoursierParIne(OnceOnlySimulator.INE_ETUDIANT)
                .orElseThrow()
                .echelon())
        .contains("4");
  }

  @Test
  void marchesPublics_attestationsBySiren() {
    AttestationVigilance ok =
        entreprise.attestationVigilance(OnceOnlySimulator.SIREN_EN_REGLE, WHY).orElseThrow();
    assertThat(ok.valideLe(LocalDate.now())).isTrue();
    assertThat(entreprise.attestationFiscale(OnceOnlySimulator.SIREN_EN_REGLE, WHY)).isPresent();
    assertThat(
            entreprise
                .uniteLegale(OnceOnlySimulator.SIREN_EN_REGLE, WHY)
                .orElseThrow()
                .denomination())
        .contains("ATELIER DU BOIS");
    AttestationVigilance refused =
        entreprise.attestationVigilance(OnceOnlySimulator.SIREN_REFUS_URSSAF, WHY).orElseThrow();
    assertThat(refused.delivree()).isFalse();
    assertThatThrownBy(() -> entreprise.uniteLegale(OnceOnlySimulator.SIREN_NON_DIFFUSIBLE, WHY))
        .isInstanceOf(NonDiffusibleException.class);
    assertThat(entreprise.association(OnceOnlySimulator.RNA_ASSOCIATION, WHY)).isPresent();
    assertThat(
            entreprise
                .extraitRne(OnceOnlySimulator.SIREN_EN_REGLE, WHY)
                .orElseThrow()
                .denomination())
        .contains("ATELIER DU BOIS");
    assertThat(entreprise.uniteLegale("552032534", WHY)).isEmpty();
  }

  @Test
  void aPeerThatNeverAnswers_failsAtTheDeadline() {
    SIM.simulator().misbehave(Misbehaviour.silent(Duration.ofSeconds(3)));
    try (ApiEntrepriseClient impatient =
        ApiEntrepriseClient.builder()
            .baseUrl(SIM.simulator().baseUrl().toString())
            .token(Secret.of(OnceOnlySimulator.ENTREPRISE_TOKEN))
            .callTimeout(Duration.ofMillis(800))
            .build()) {
      assertThatThrownBy(() -> impatient.uniteLegale(OnceOnlySimulator.SIREN_EN_REGLE, WHY))
          .isInstanceOf(fr.socle.core.SocleTimeoutException.class);
    }
  }

  @Test
  void garbageFromThePeer_isAnError() {
    SIM.simulator().misbehave(Misbehaviour.garbage());
    assertThatThrownBy(() -> entreprise.attestationVigilance(OnceOnlySimulator.SIREN_EN_REGLE, WHY))
        .isInstanceOf(SocleServiceException.class);
  }
}
