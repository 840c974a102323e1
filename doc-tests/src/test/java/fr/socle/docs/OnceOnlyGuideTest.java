package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.Secret;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.LoginStart;
import fr.socle.identity.ProviderTokens;
import fr.socle.identity.Scope;
import fr.socle.onceonly.ApiEntrepriseClient;
import fr.socle.onceonly.ApiParticulierClient;
import fr.socle.onceonly.AttestationFiscale;
import fr.socle.onceonly.AttestationVigilance;
import fr.socle.onceonly.AuditEvent;
import fr.socle.onceonly.AuditListener;
import fr.socle.onceonly.Identite;
import fr.socle.onceonly.OnceOnlyRateLimiter;
import fr.socle.onceonly.QuotientFamilial;
import fr.socle.onceonly.Sexe;
import fr.socle.onceonly.Traceability;
import fr.socle.onceonly.Usager;
import fr.socle.onceonly.jdbc.JdbcRateLimitStore;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.TestIdentity;
import fr.socle.testkit.onceonly.FranceConnectTokenResolver;
import fr.socle.testkit.onceonly.OnceOnlySimulator;
import fr.socle.testkit.onceonly.OnceOnlySimulatorExtension;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples of docs/once-only.md, run against the test kit's API Particulier / API Entreprise
 * and FranceConnect simulators. The clients are configured as shown (the build sets
 * API_PARTICULIER_TOKEN and API_ENTREPRISE_TOKEN to the simulator's tokens), then pointed at the
 * simulator.
 */
class OnceOnlyGuideTest {

  /** The limiter of several nodes: needs PostgreSQL (see socle-once-only-jdbc's tests). */
  static OnceOnlyRateLimiter sharedLimiter(DataSource dataSource) {
    // snippet: once-only-limiter
    // Once per JVM: the limits, shared by every client (and by every node, with a shared store).
    OnceOnlyRateLimiter limiter =
        OnceOnlyRateLimiter.builder()
            .store(JdbcRateLimitStore.create(dataSource)) // omit on a single node: in memory
            .egress("nat-1") // nodes behind the same public IP share a name
            .build();
    // end snippet
    return limiter;
  }

  /** Stands for the commune's canteen tariff. */
  static final class TariffGrid {
    record Tranche(long priceCents) {}

    Tranche tranche(int quotientFamilial) {
      return new Tranche(quotientFamilial < 600 ? 150 : 320);
    }

    long fullPriceCents() {
      return 480;
    }
  }

  /** Stands for the application's audit log: what it was asked to write. */
  static final class AuditLog {
    final List<String> lines = new ArrayList<>();

    void info(String pattern, Object... arguments) {
      String line = pattern;
      for (Object argument : arguments) {
        line = line.replaceFirst("\\{}", String.valueOf(argument));
      }
      lines.add(line);
    }
  }

  final AuditLog auditLog = new AuditLog();

  String currentAgent() {
    return "agent:jdupont";
  }

  /** A FranceConnect login on the simulator asking for the family's data scope. */
  static Identity franceConnectLogin(FranceConnectSimulator fc) {
    try (IdentityClient client =
        IdentityClient.builder()
            .provider(IdentityProvider.franceConnect(URI.create(fc.issuer())))
            .clientId(fc.clientId())
            .clientSecret(fc.clientSecret())
            .redirectUri(fc.redirectUris().get(0))
            .postLogoutRedirectUri(fc.postLogoutRedirectUris().get(0))
            .scopes(Scope.IDENTITE_PIVOT, Scope.of("cnaf_quotient_familial"))
            .transactionKey(Secret.of(System.getenv("LOGIN_TRANSACTION_KEY")))
            .keepProviderTokens(true)
            .build()) {
      LoginStart start = client.begin();
      return client.complete(
          fc.login(start.authorizationUri(), TestIdentity.ANGELA_DUBOIS),
          start.sealedTransaction());
    }
  }

  @Test
  void fromZeroToAPricedCanteenInvoice() {
    OnceOnlyRateLimiter limiter = OnceOnlyRateLimiter.builder().egress("nat-1").build();
    List<AuditEvent> events = new ArrayList<>();
    AuditListener audit = events::add;
    TariffGrid grid = new TariffGrid();
    try (FranceConnectSimulator fc = FranceConnectSimulator.builder().build().start();
        OnceOnlySimulator api =
            OnceOnlySimulator.builder().franceConnect(FranceConnectTokenResolver.of(fc)).start()) {
      // snippet: once-only-particulier
      // Once per collectivité.
      ApiParticulierClient particulier =
          ApiParticulierClient.builder()
              .token(Secret.of(System.getenv("API_PARTICULIER_TOKEN")))
              .recipient("21350238800019") // the commune's SIRET, never the vendor's
              .rateLimiter(limiter)
              .auditListener(audit) // section 6
              .build();
      // end snippet
      particulier.close();
      particulier =
          ApiParticulierClient.builder()
              .baseUrl(api.baseUrl().toString())
              .token(Secret.of(System.getenv("API_PARTICULIER_TOKEN")))
              .recipient("21350238800019")
              .rateLimiter(limiter)
              .auditListener(audit)
              .build();
      Identity identity = franceConnectLogin(fc);

      // snippet: once-only-quotient-familial
      // After the FranceConnect login (socle-identity, client built with keepProviderTokens(true)
      // and the data scopes), with the user's access token, valid 60 seconds:
      ProviderTokens tokens = identity.providerTokens().orElseThrow();
      Optional<QuotientFamilial> qf =
          particulier.quotientFamilial(Usager.parFranceConnect(tokens.accessToken()));

      long priceCents =
          qf.map(q -> grid.tranche(q.valeur()).priceCents()) // the commune's tariff grid
              .orElse(grid.fullPriceCents()); // no CAF/MSA file: full price, or ask
      // end snippet
      assertThat(qf.orElseThrow().valeur()).isEqualTo(680);
      assertThat(priceCents).isEqualTo(320);

      // snippet: once-only-identite
      Identite identite =
          Identite.builder()
              .nomNaissance("DUPONT")
              .prenoms("CLAIRE", "MARIE")
              .sexe(Sexe.F)
              .dateNaissance(LocalDate.of(1985, 3, 12))
              .codePaysNaissance(Identite.FRANCE)
              .codeCommuneNaissance("35238") // COG code of the birth commune *at the birth date*
              .build();
      particulier.quotientFamilial(Usager.parIdentite(identite));
      // end snippet
      assertThat(particulier.quotientFamilial(Usager.parIdentite(identite)).orElseThrow().valeur())
          .isEqualTo(520);
      assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
      particulier.close();
    }
  }

  @Test
  void apiEntreprise_attestationsOfACandidate() {
    OnceOnlyRateLimiter limiter = OnceOnlyRateLimiter.builder().build();
    // snippet: once-only-audit
    AuditListener audit =
        e ->
            auditLog.info(
                "once-only api={} route={} recipient={} context={} object={} subject={} status={}"
                    + " by={}",
                e.api(),
                e.route(),
                e.recipient(),
                e.context().orElse("-"),
                e.object().orElse("-"),
                e.subject().orElse("-"),
                e.status(),
                currentAgent());
    // end snippet
    try (OnceOnlySimulator api = OnceOnlySimulator.builder().start()) {
      // snippet: once-only-entreprise-client
      ApiEntrepriseClient entreprise =
          ApiEntrepriseClient.builder()
              .token(Secret.of(System.getenv("API_ENTREPRISE_TOKEN")))
              .rateLimiter(limiter)
              .auditListener(audit)
              .build();
      // end snippet
      entreprise.close();
      entreprise =
          ApiEntrepriseClient.builder()
              .baseUrl(api.baseUrl().toString())
              .token(Secret.of(System.getenv("API_ENTREPRISE_TOKEN")))
              .rateLimiter(limiter)
              .auditListener(audit)
              .build();
      // snippet: once-only-entreprise-calls
      Traceability why =
          new Traceability(
              "21350238800019", // recipient: the commune's SIRET
              "Marché 2026-014 restauration scolaire", // context: the procedure
              "Vérification attributaire lot 2"); // object: this call, under 50 characters

      Optional<AttestationVigilance> urssaf = entreprise.attestationVigilance("123456782", why);
      boolean socialOk = urssaf.map(a -> a.valideLe(LocalDate.now())).orElse(false);
      Optional<AttestationFiscale> dgfip = entreprise.attestationFiscale("123456782", why);
      // end snippet
      assertThat(socialOk).isTrue();
      assertThat(dgfip).isPresent();
      assertThat(auditLog.lines)
          .hasSize(2)
          .allSatisfy(
              line ->
                  assertThat(line)
                      .contains("context=Marché 2026-014 restauration scolaire")
                      .contains("subject=123456782")
                      .endsWith("status=200 by=agent:jdupont"));
      entreprise.close();
    }
  }

  // snippet: once-only-testing
  @RegisterExtension static final OnceOnlySimulatorExtension API = new OnceOnlySimulatorExtension();

  @Test
  void pricesTheCanteen(OnceOnlySimulator sim) {
    ApiParticulierClient client =
        ApiParticulierClient.builder()
            .baseUrl(sim.baseUrl().toString())
            .token(Secret.of(OnceOnlySimulator.PARTICULIER_TOKEN))
            .recipient(OnceOnlySimulator.RECIPIENT)
            .build();
    QuotientFamilial qf =
        client
            .quotientFamilial(Usager.parFranceConnect(Secret.of(OnceOnlySimulator.FC_TOKEN_DUPONT)))
            .orElseThrow();
    assertThat(qf.valeur()).isEqualTo(520);
  }

  // end snippet

  @Test
  void franceConnectMode_endToEnd() {
    // snippet: once-only-testing-franceconnect
    FranceConnectSimulator fc = FranceConnectSimulator.builder().build().start();
    OnceOnlySimulator api =
        OnceOnlySimulator.builder()
            .franceConnect(FranceConnectTokenResolver.of(fc)) // fc.introspect(token), in process
            .start();
    // Log in through fc asking for "openid identite_pivot cnaf_quotient_familial", then:
    // end snippet
    try (fc;
        api;
        ApiParticulierClient particulier =
            ApiParticulierClient.builder()
                .baseUrl(api.baseUrl().toString())
                .token(Secret.of(OnceOnlySimulator.PARTICULIER_TOKEN))
                .recipient(OnceOnlySimulator.RECIPIENT)
                .build()) {
      Identity identity = franceConnectLogin(fc);
      // snippet: once-only-testing-franceconnect-call
      particulier.quotientFamilial(
          Usager.parFranceConnect(identity.providerTokens().orElseThrow().accessToken()));
      // end snippet
      Optional<QuotientFamilial> qf =
          particulier.quotientFamilial(
              Usager.parFranceConnect(identity.providerTokens().orElseThrow().accessToken()));
      assertThat(qf.orElseThrow().valeur()).isEqualTo(680);
    }
  }
}
