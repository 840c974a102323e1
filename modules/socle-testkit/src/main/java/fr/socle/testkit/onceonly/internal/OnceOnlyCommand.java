package fr.socle.testkit.onceonly.internal;

import fr.socle.testkit.internal.SimulatorCommand;
import fr.socle.testkit.onceonly.OnceOnlySimulator;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar socle-testkit-<version>-standalone.jar once-only [--port N]}: runs the API
 * Particulier and API Entreprise simulator until the process is stopped and prints its URL and test
 * tokens.
 */
public final class OnceOnlyCommand implements SimulatorCommand {
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
  public void run(String[] args) throws Exception {
    OnceOnlySimulator simulator;
    try {
      simulator = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "once-only-sim-shutdown"));
    stopped.await();
  }

  /**
   * Parses the options, starts the simulator and prints how to use it.
   *
   * @param args the options after the command name
   * @param out where to print
   * @return the running simulator
   * @throws IllegalArgumentException on a bad option
   */
  public static OnceOnlySimulator start(String[] args, PrintStream out) {
    OnceOnlySimulator.Builder builder = OnceOnlySimulator.builder().port(8089);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + option);
      }
      String value = args[++i];
      if (!option.equals("--port")) {
        throw new IllegalArgumentException("unknown option " + option);
      }
      try {
        builder.port(Integer.parseInt(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--port takes a number, not " + value);
      }
    }
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
