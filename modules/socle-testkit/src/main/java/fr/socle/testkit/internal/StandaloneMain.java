package fr.socle.testkit.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Entry point of {@code socle-testkit-<version>-standalone.jar}: {@code java -jar ... <simulator>
 * [options]}, {@code --help} for the list of simulators and {@code <simulator> --help} for its
 * options. The standalone jar bundles an SLF4J provider (slf4j-simple, to standard error), so the
 * simulators' libraries log instead of warning that no provider was found.
 */
public final class StandaloneMain {
  private static final Set<String> HELP = Set.of("--help", "-h", "help");

  private StandaloneMain() {}

  /**
   * Starts the simulator named by the first argument, or prints the usage.
   *
   * @param args the simulator name, then its options
   * @throws Exception if the simulator cannot start
   */
  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command line: prints the usage for {@code --help} (status 0) or for a missing or
   * unknown simulator (status 2, on {@code err}), otherwise runs the simulator until the process is
   * stopped.
   *
   * @param args the command line
   * @param out where help goes when it was asked for
   * @param err where usage goes when the command line is wrong
   * @return the exit status
   * @throws Exception if the simulator cannot start
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    List<SimulatorCommand> commands = new ArrayList<>();
    ServiceLoader.load(SimulatorCommand.class).forEach(commands::add);
    if (args.length == 0) {
      err.print(usage(commands));
      return 2;
    }
    if (HELP.contains(args[0])) {
      out.print(usage(commands));
      return 0;
    }
    for (SimulatorCommand command : commands) {
      if (command.name().equals(args[0])) {
        if (args.length > 1 && HELP.contains(args[1])) {
          out.print(command.usage());
          return 0;
        }
        command.run(Arrays.copyOfRange(args, 1, args.length));
        return 0;
      }
    }
    err.println("unknown simulator: " + printable(args[0]));
    err.print(usage(commands));
    return 2;
  }

  private static String usage(List<SimulatorCommand> commands) {
    StringBuilder usage =
        new StringBuilder(
            "usage: java -jar socle-testkit-<version>-standalone.jar <simulator> [options]\n"
                + "       java -jar socle-testkit-<version>-standalone.jar <simulator> --help\n"
                + "\nsimulators:\n");
    for (SimulatorCommand command : commands) {
      usage
          .append("  ")
          .append(command.name())
          .append("  ")
          .append(command.description())
          .append('\n');
    }
    return usage.toString();
  }

  /** The argument as typed, without control characters that could rewrite the terminal. */
  private static String printable(String argument) {
    String cut = argument.length() > 40 ? argument.substring(0, 40) + "..." : argument;
    return cut.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
