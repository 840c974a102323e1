package fr.socle.testkit.onceonly.internal;

import fr.socle.core.InvalidInputException;
import fr.socle.testkit.internal.StandaloneCommand;
import fr.socle.testkit.onceonly.OnceOnlySimulator;
import java.io.PrintStream;

/**
 * {@code java -jar socle-testkit-<version>-standalone.jar once-only [--port N]}: runs the API
 * Particulier and API Entreprise simulator until the process is stopped and prints its URL and test
 * tokens.
 */
public final class OnceOnlyCommand extends StandaloneCommand<OnceOnlySimulator> {
  private static final String USAGE = "usage: once-only [--port N]  (default port 8089)";

  @Override
  public String name() {
    return "once-only";
  }

  @Override
  public String description() {
    return "API Particulier and API Entreprise simulator (quotient familial, attestations...)";
  }

  @Override
  public String usage() {
    return USAGE + "\n";
  }

  @Override
  protected OnceOnlySimulator startFrom(String[] args, PrintStream out) {
    return start(args, out);
  }

  /**
   * Parses the options, starts the simulator and prints how to use it.
   *
   * @param args the options after the command name
   * @param out where to print
   * @return the running simulator
   * @throws InvalidInputException on a bad option
   */
  public static OnceOnlySimulator start(String[] args, PrintStream out) {
    OnceOnlySimulator.Builder builder = OnceOnlySimulator.builder().port(8089);
    forEachOption(
        args,
        o -> {
          if (!o.option().equals("--port")) {
            throw unknown(o);
          }
          builder.port(port(o));
        });
    OnceOnlySimulator simulator = builder.start();
    out.println("API Particulier / API Entreprise simulator running (invented data only)");
    out.println("  Base URL:                 " + simulator.baseUrl());
    out.println("  API Particulier token:    " + OnceOnlySimulator.PARTICULIER_TOKEN);
    out.println("  API Entreprise token:     " + OnceOnlySimulator.ENTREPRISE_TOKEN);
    out.println(
        "  FranceConnect tokens:     "
            + OnceOnlySimulator.FC_TOKEN_DUPONT
            + ", "
            + OnceOnlySimulator.FC_TOKEN_LEROY
            + ", "
            + OnceOnlySimulator.FC_TOKEN_BENALI);
    out.println("  Recipient (SIRET):        " + OnceOnlySimulator.RECIPIENT);
    out.println(
        "  Companies (SIREN):        "
            + OnceOnlySimulator.SIREN_EN_REGLE
            + " (en règle), "
            + OnceOnlySimulator.SIREN_REFUS_URSSAF
            + " (refus URSSAF)");
    out.flush();
    return simulator;
  }
}
