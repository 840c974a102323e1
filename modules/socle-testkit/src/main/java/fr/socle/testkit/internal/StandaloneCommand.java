package fr.socle.testkit.internal;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * What the standalone simulator commands share: {@code --option value} parsing, the usage message
 * and exit status 2 on a bad command line, and running the simulator until the process is stopped
 * (a shutdown hook closes it).
 *
 * @param <S> the simulator the command runs
 */
public abstract class StandaloneCommand<S extends AutoCloseable> implements SimulatorCommand {
  /** Creates the command. */
  protected StandaloneCommand() {}

  /**
   * One {@code --option value} pair of the command line.
   *
   * @param option the option, for example {@code --port}
   * @param value the value that follows it
   */
  public record Option(String option, String value) {}

  /**
   * Receives the options one by one.
   *
   * @param <E> what reading an option may throw besides the error rule's exceptions
   */
  @FunctionalInterface
  public interface OptionHandler<E extends Exception> {
    /**
     * Applies one option.
     *
     * @param option the option and its value
     * @throws E if the option cannot be read (a file, for example)
     */
    void accept(Option option) throws E;
  }

  /**
   * Parses the options, starts the simulator and prints how to reach it.
   *
   * @param args the arguments after the command name
   * @param out where to print the simulator's URLs
   * @return the running simulator
   * @throws SocleClientException (an {@link InvalidInputException} for a bad option) if the
   *     simulator cannot be configured or started
   * @throws IOException if a file named by an option cannot be read
   */
  protected abstract S startFrom(String[] args, PrintStream out) throws IOException;

  @Override
  public final void run(String[] args) throws Exception {
    S simulator;
    try {
      simulator = startFrom(args, System.out);
    } catch (SocleClientException e) {
      System.err.println(e.getMessage());
      System.err.print(usage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    simulator.close();
                  } catch (Exception e) {
                    // the process is ending: nothing left to tell
                  }
                  stopped.countDown();
                },
                name() + "-simulator-shutdown"));
    stopped.await();
  }

  /**
   * Walks {@code --option value} pairs.
   *
   * @param <E> what the handler may throw
   * @param args the arguments after the command name
   * @param handler receives each pair
   * @throws InvalidInputException if an option has no value
   * @throws E if the handler fails
   */
  public static <E extends Exception> void forEachOption(String[] args, OptionHandler<E> handler)
      throws E {
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new InvalidInputException("missing value after " + option);
      }
      handler.accept(new Option(option, args[++i]));
    }
  }

  /**
   * Reads a port number.
   *
   * @param option the option and its value
   * @return the number; the builder checks its range
   * @throws InvalidInputException if the value is not a number
   */
  public static int port(Option option) {
    try {
      return Integer.parseInt(option.value());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(option.option() + " takes a number, not " + option.value());
    }
  }

  /**
   * The error for an option the command does not know.
   *
   * @param option the option
   * @return the exception to throw
   */
  public static InvalidInputException unknown(Option option) {
    return new InvalidInputException("unknown option " + option.option());
  }
}
