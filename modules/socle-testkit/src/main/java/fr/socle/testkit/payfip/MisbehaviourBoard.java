package fr.socle.testkit.payfip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The misbehaviours currently active, with their remaining counts. Thread-safe. */
final class MisbehaviourBoard {
  private static final int UNLIMITED = -1;

  private record Active(Misbehaviour misbehaviour, AtomicInteger remaining) {}

  private final List<Active> active = new CopyOnWriteArrayList<>();

  void add(Misbehaviour m) {
    active.add(new Active(m, new AtomicInteger(m.rawTimes() == 0 ? UNLIMITED : m.rawTimes())));
  }

  void clear() {
    active.clear();
  }

  List<Misbehaviour> active() {
    List<Misbehaviour> list = new ArrayList<>();
    for (Active a : active) {
      if (a.remaining().get() != 0) {
        list.add(a.misbehaviour());
      }
    }
    return list;
  }

  /** Takes one use of the first active misbehaviour of this kind. */
  Optional<Misbehaviour> take(Misbehaviour.Kind kind) {
    for (Active a : active) {
      if (a.misbehaviour().kind() != kind) {
        continue;
      }
      if (a.remaining().get() == UNLIMITED) {
        return Optional.of(a.misbehaviour());
      }
      int left = a.remaining().getAndUpdate(n -> n > 0 ? n - 1 : n);
      if (left > 0) {
        if (left == 1) {
          active.remove(a);
        }
        return Optional.of(a.misbehaviour());
      }
    }
    return Optional.empty();
  }
}
