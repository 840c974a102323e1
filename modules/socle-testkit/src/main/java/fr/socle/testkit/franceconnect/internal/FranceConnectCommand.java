package fr.socle.testkit.franceconnect.internal;

import fr.socle.core.Secret;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.internal.SimulatorCommand;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar socle-testkit-<version>-standalone.jar franceconnect [options]}: runs the
 * FranceConnect / ProConnect simulator until the process is stopped.
 */
public final class FranceConnectCommand implements SimulatorCommand {
  static final String USAGE =
      "usage: franceconnect [--port N] [--flavour fc|fcplus|proconnect] [--client-id ID]\n"
          + "         [--client-secret SECRET] [--redirect-uri URI]... [--post-logout-redirect-uri URI]...\n"
          + "         [--client-jwks-uri URL | --client-jwks-file FILE]   (fcplus: the application's"
          + " public encryption keys)\n"
          + "         [--client-signing-jwks-file FILE]   (private_key_jwt: the application's public"
          + " signing keys)\n"
          + "         [--sector-identifier-uri URL]   (pairwise sub per sector)\n"
          + "         [--strict-logout true|false]   (require state and post_logout_redirect_uri)\n";

  @Override
  public String name() {
    return "franceconnect";
  }

  @Override
  public String description() {
    return "FranceConnect v2 / FranceConnect+ / ProConnect simulator (--port N --flavour"
        + " fc|fcplus|proconnect)";
  }

  @Override
  public String usage() {
    return USAGE;
  }

  @Override
  public void run(String[] args) throws Exception {
    FranceConnectSimulator simulator;
    try {
      simulator = parse(args).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    simulator.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "franceconnect-simulator-shutdown"));
    printBanner(simulator, System.out);
    stopped.await();
  }

  static FranceConnectSimulator.Builder parse(String[] args) throws java.io.IOException {
    FranceConnectSimulator.Builder b = FranceConnectSimulator.builder().port(9080);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        throw new IllegalArgumentException("FranceConnect / ProConnect simulator");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + option);
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> b.port(Integer.parseInt(value));
        case "--flavour" -> b.flavour(Flavour.fromCliName(value));
        case "--client-id" -> b.clientId(value);
        case "--client-secret" -> b.clientSecret(Secret.of(value));
        case "--redirect-uri" -> b.redirectUri(URI.create(value));
        case "--post-logout-redirect-uri" -> b.postLogoutRedirectUri(URI.create(value));
        case "--client-jwks-uri" -> b.clientJwksUri(URI.create(value));
        case "--client-jwks-file" ->
            b.clientJwks(Files.readString(Path.of(value), StandardCharsets.UTF_8));
        case "--client-signing-jwks-file" ->
            b.clientSigningJwks(Files.readString(Path.of(value), StandardCharsets.UTF_8));
        case "--sector-identifier-uri" -> b.sectorIdentifierUri(URI.create(value));
        case "--strict-logout" -> b.strictLogout(parseBoolean(option, value));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return b;
  }

  private static boolean parseBoolean(String option, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(option + " takes true or false");
    };
  }

  static void printBanner(FranceConnectSimulator s, PrintStream out) {
    // The client secret is a simulator credential the developer must paste into the application
    // under test; printing it is the point. It is never valid on a real platform.
    out.println("FranceConnect simulator (" + s.flavour().cliName() + ") listening");
    out.println("  issuer                    " + s.issuer());
    out.println("  discovery                 " + s.discoveryUri());
    out.println("  client id                 " + s.clientId());
    out.println("  client secret             " + s.clientSecret().reveal());
    out.println("  redirect URIs             " + s.redirectUris());
    out.println("  post-logout redirect URIs " + s.postLogoutRedirectUris());
    out.println("Stop with Ctrl+C.");
    out.flush();
  }
}
