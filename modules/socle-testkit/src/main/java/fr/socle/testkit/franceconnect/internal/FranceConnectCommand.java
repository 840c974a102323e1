package fr.socle.testkit.franceconnect.internal;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.internal.StandaloneCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar socle-testkit-<version>-standalone.jar franceconnect [options]}: runs the
 * FranceConnect / ProConnect simulator until the process is stopped.
 */
public final class FranceConnectCommand extends StandaloneCommand<FranceConnectSimulator> {
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
  protected FranceConnectSimulator startFrom(String[] args, PrintStream out) throws IOException {
    FranceConnectSimulator simulator = parse(args).build().start();
    printBanner(simulator, out);
    return simulator;
  }

  static FranceConnectSimulator.Builder parse(String[] args) throws IOException {
    FranceConnectSimulator.Builder b = FranceConnectSimulator.builder().port(9080);
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new InvalidInputException("FranceConnect / ProConnect simulator");
      }
    }
    forEachOption(
        args,
        o -> {
          String value = o.value();
          switch (o.option()) {
            case "--port" -> b.port(port(o));
            case "--flavour" -> b.flavour(Flavour.fromCliName(value));
            case "--client-id" -> b.clientId(value);
            case "--client-secret" -> b.clientSecret(Secret.of(value));
            case "--redirect-uri" -> b.redirectUri(uri(o));
            case "--post-logout-redirect-uri" -> b.postLogoutRedirectUri(uri(o));
            case "--client-jwks-uri" -> b.clientJwksUri(uri(o));
            case "--client-jwks-file" ->
                b.clientJwks(Files.readString(Path.of(value), StandardCharsets.UTF_8));
            case "--client-signing-jwks-file" ->
                b.clientSigningJwks(Files.readString(Path.of(value), StandardCharsets.UTF_8));
            case "--sector-identifier-uri" -> b.sectorIdentifierUri(uri(o));
            case "--strict-logout" -> b.strictLogout(parseBoolean(o));
            default -> throw unknown(o);
          }
        });
    return b;
  }

  private static URI uri(Option o) {
    try {
      return URI.create(o.value());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(o.option() + " takes a URI");
    }
  }

  private static boolean parseBoolean(Option o) {
    return switch (o.value()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidInputException(o.option() + " takes true or false");
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
