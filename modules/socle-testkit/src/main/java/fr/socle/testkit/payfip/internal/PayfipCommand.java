package fr.socle.testkit.payfip.internal;

import fr.socle.testkit.internal.SimulatorCommand;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar socle-testkit-<version>-standalone.jar payfip [--port N] [--numcli NNNNNN]...}:
 * runs the PayFiP simulator until the process is stopped and prints its URLs.
 */
public final class PayfipCommand implements SimulatorCommand {
  private static final String USAGE =
      "usage: payfip [--port N] [--numcli NNNNNN]...  (defaults: port 8088, numcli "
          + PayfipSimulator.DEFAULT_NUMCLI
          + ")";

  @Override
  public String name() {
    return "payfip";
  }

  @Override
  public String description() {
    return "PayFiP (DGFiP) web-service simulator: SOAP endpoint and payment page";
  }

  @Override
  public String usage() {
    return USAGE + "\n";
  }

  @Override
  public void run(String[] args) throws Exception {
    PayfipSimulator simulator;
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
                "payfip-sim-shutdown"));
    stopped.await();
  }

  /**
   * Parses the options, starts the simulator and prints its URLs.
   *
   * @param args the options after the command name
   * @param out where to print the URLs
   * @return the running simulator
   * @throws IllegalArgumentException on a bad option
   */
  public static PayfipSimulator start(String[] args, PrintStream out) {
    PayfipSimulator.Builder builder = PayfipSimulator.builder().port(8088);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + option);
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> {
          try {
            builder.port(Integer.parseInt(value));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port takes a number, not " + value);
          }
        }
        case "--numcli" -> builder.numcli(value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    PayfipSimulator simulator = builder.start();
    out.println("PayFiP simulator running (no real payment is ever made)");
    out.println("  SOAP endpoint: " + simulator.soapEndpoint());
    out.println("  Payment page:  " + simulator.paymentPageUrl() + "?idop=<idOp>");
    out.println("  numcli:        " + String.join(", ", simulator.numclis()));
    out.flush();
    return simulator;
  }
}
