package fr.socle.testkit.internal;

/**
 * A simulator that the standalone testkit jar can start from the command line. Implementations are
 * listed in {@code META-INF/services/fr.socle.testkit.internal.SimulatorCommand}.
 */
public interface SimulatorCommand {
  /**
   * Returns the command name, for example {@code franceconnect}.
   *
   * @return the name typed after {@code java -jar socle-testkit-standalone.jar}
   */
  String name();

  /**
   * Returns a one-line description for the usage message.
   *
   * @return the description
   */
  String description();

  /**
   * Returns the usage message of the command's options, printed for {@code <name> --help}.
   *
   * @return the usage, ending with a line break
   */
  default String usage() {
    return "usage: " + name() + " [options]\n";
  }

  /**
   * Starts the simulator and blocks until the process is stopped.
   *
   * @param args the arguments after the command name
   * @throws Exception if the simulator cannot start
   */
  void run(String[] args) throws Exception;
}
