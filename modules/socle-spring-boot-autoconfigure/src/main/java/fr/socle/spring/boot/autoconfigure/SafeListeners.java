package fr.socle.spring.boot.autoconfigure;

import fr.socle.storage.SafeListener;
import java.util.List;
import java.util.function.Consumer;

/**
 * Calls every {@link SafeListener} bean in order. One that throws does not keep the next ones from
 * being called; the first exception is then rethrown, for the safe to log and ignore.
 */
final class SafeListeners implements SafeListener {

  private final List<SafeListener> listeners;

  private SafeListeners(List<SafeListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  static SafeListener of(List<SafeListener> listeners) {
    return listeners.size() == 1 ? listeners.get(0) : new SafeListeners(listeners);
  }

  private void each(Consumer<SafeListener> call) {
    RuntimeException first = null;
    for (SafeListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void onDeposit(long bytes) {
    each(l -> l.onDeposit(bytes));
  }

  @Override
  public void onRead(long bytes) {
    each(l -> l.onRead(bytes));
  }

  @Override
  public void onDestroy() {
    each(SafeListener::onDestroy);
  }

  @Override
  public void onIntegrityFailure(String operation) {
    each(l -> l.onIntegrityFailure(operation));
  }
}
