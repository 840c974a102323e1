package fr.socle.storage.internal;

import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.SafeListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a safe's events to its {@link SafeListener}, if any. A listener that throws is logged at
 * WARN (the exception's class only: its message might carry anything) and ignored, so it never
 * changes the outcome of an operation. Without a listener nothing is wrapped or called.
 *
 * <p>Thread-safe if the listener is.
 */
public final class SafeEvents {
  private static final Logger LOG = LoggerFactory.getLogger(SafeEvents.class);

  private final Optional<SafeListener> listener;

  /**
   * Creates the dispatcher.
   *
   * @param listener the listener, if any
   */
  public SafeEvents(Optional<SafeListener> listener) {
    this.listener = listener;
  }

  /**
   * A deposit was journaled.
   *
   * @param bytes the plaintext size
   */
  public void deposited(long bytes) {
    listener.ifPresent(l -> deliver("onDeposit", () -> l.onDeposit(bytes)));
  }

  /**
   * A read completed and was verified.
   *
   * @param bytes the plaintext size
   */
  public void readCompleted(long bytes) {
    listener.ifPresent(l -> deliver("onRead", () -> l.onRead(bytes)));
  }

  /** A destruction was journaled. */
  public void destroyed() {
    listener.ifPresent(l -> deliver("onDestroy", l::onDestroy));
  }

  /**
   * An integrity violation is about to leave a public method.
   *
   * @param operation one of the operations {@link SafeListener#onIntegrityFailure} names
   */
  public void integrityFailure(String operation) {
    listener.ifPresent(l -> deliver("onIntegrityFailure", () -> l.onIntegrityFailure(operation)));
  }

  /**
   * Runs an operation and reports an {@link IntegrityViolationException} that leaves it.
   *
   * @param operation the operation's name for {@link SafeListener#onIntegrityFailure}
   * @param action the operation
   * @param <T> its result
   * @return its result
   */
  public <T> T observe(String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (IntegrityViolationException e) {
      integrityFailure(operation);
      throw e;
    }
  }

  /**
   * Wraps a plaintext stream so that reaching its verified end reports {@code onRead(size)} and an
   * integrity violation while reading reports {@code onIntegrityFailure("read")}, each at most
   * once. Returns the stream itself when there is no listener.
   *
   * @param in the verifying stream
   * @param size the plaintext size
   * @return the stream to hand out
   */
  public InputStream observeRead(InputStream in, long size) {
    return listener.isPresent() ? new ObservedRead(in, size) : in;
  }

  private void deliver(String event, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("a SafeListener threw {} from {}; ignored", e.getClass().getName(), event);
    }
  }

  /**
   * Reports the end of a read. The verifying stream checks size and digest before it returns its
   * end of stream, so end of stream means verified.
   */
  private final class ObservedRead extends FilterInputStream {
    private final long size;
    private boolean reported;

    ObservedRead(InputStream in, long size) {
      super(in);
      this.size = size;
    }

    @Override
    public int read() throws IOException {
      try {
        return ended(in.read());
      } catch (IntegrityViolationException e) {
        throw failed(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return ended(in.read(b, off, len));
      } catch (IntegrityViolationException e) {
        throw failed(e);
      }
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
      try {
        long n = in.transferTo(out);
        ended(-1);
        return n;
      } catch (IntegrityViolationException e) {
        throw failed(e);
      }
    }

    private int ended(int n) {
      if (n == -1 && !reported) {
        reported = true;
        readCompleted(size);
      }
      return n;
    }

    private IntegrityViolationException failed(IntegrityViolationException e) {
      if (!reported) {
        reported = true;
        integrityFailure("read");
      }
      return e;
    }
  }
}
