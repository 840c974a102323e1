package fr.socle.testkit.payfip.internal;

import fr.socle.core.InvalidInputException;
import fr.socle.testkit.internal.StandaloneCommand;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.io.PrintStream;

/**
 * {@code java -jar socle-testkit-<version>-standalone.jar payfip [--port N] [--numcli NNNNNN]...}:
 * runs the PayFiP simulator until the process is stopped and prints its URLs.
 */
public final class PayfipCommand extends StandaloneCommand<PayfipSimulator> {
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
  protected PayfipSimulator startFrom(String[] args, PrintStream out) {
    return start(args, out);
  }

  /**
   * Parses the options, starts the simulator and prints its URLs.
   *
   * @param args the options after the command name
   * @param out where to print the URLs
   * @return the running simulator
   * @throws InvalidInputException on a bad option
   */
  public static PayfipSimulator start(String[] args, PrintStream out) {
    PayfipSimulator.Builder builder = PayfipSimulator.builder().port(8088);
    forEachOption(
        args,
        o -> {
          switch (o.option()) {
            case "--port" -> builder.port(port(o));
            case "--numcli" -> builder.numcli(o.value());
            default -> throw unknown(o);
          }
        });
    PayfipSimulator simulator = builder.start();
    out.println("PayFiP simulator running (no real payment is ever made)");
    out.println("  SOAP endpoint: " + simulator.soapEndpoint());
    out.println("  Payment page:  " + simulator.paymentPageUrl() + "?idop=<idOp>");
    out.println("  numcli:        " + String.join(", ", simulator.numclis()));
    out.flush();
    return simulator;
  }
}
