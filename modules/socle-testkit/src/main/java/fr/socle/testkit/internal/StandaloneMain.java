package fr.socle.testkit.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Entry point of {@code socle-testkit-<version>-standalone.jar}: {@code java -jar ... <simulator>
 * [options]}.
 */
public final class StandaloneMain {
  private StandaloneMain() {}

  /**
   * Starts the simulator named by the first argument.
   *
   * @param args the simulator name, then its options
   * @throws Exception if the simulator cannot start
   */
  public static void main(String[] args) throws Exception {
    List<SimulatorCommand> commands = new ArrayList<>();
    ServiceLoader.load(SimulatorCommand.class).forEach(commands::add);
    if (args.length > 0) {
      for (SimulatorCommand command : commands) {
        if (command.name().equals(args[0])) {
          command.run(Arrays.copyOfRange(args, 1, args.length));
          return;
        }
      }
    }
    StringBuilder usage =
        new StringBuilder("usage: java -jar socle-testkit-standalone.jar <simulator> [options]\n");
    for (SimulatorCommand command : commands) {
      usage
          .append("  ")
          .append(command.name())
          .append("  ")
          .append(command.description())
          .append('\n');
    }
    System.err.print(usage);
    System.exit(2);
  }
}
