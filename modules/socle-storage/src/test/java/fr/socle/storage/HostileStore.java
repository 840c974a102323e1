package fr.socle.storage;

import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.StoreCapabilities;
import fr.socle.storage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Wraps a store to simulate what tests need: a process that dies just before writing a given key
 * (the {@link Crash} error is not caught by the safe, so no clean-up runs, as with a real crash), a
 * store whose conditional create is not atomic, or another writer acting just before or after a
 * put.
 */
public final class HostileStore implements ObjectStore {
  /** Thrown to simulate the death of the process. */
  public static final class Crash extends Error {
    Crash(String key) {
      super("simulated crash before writing " + key);
    }
  }

  private final ObjectStore delegate;
  private final AtomicInteger closes = new AtomicInteger();
  private volatile Predicate<String> crashBeforePut = k -> false;
  private volatile boolean nonAtomicCreate;
  private volatile BiConsumer<ObjectStore, String> beforePut = (s, k) -> {};
  private volatile BiConsumer<ObjectStore, String> afterPut = (s, k) -> {};

  public HostileStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  public ObjectStore delegate() {
    return delegate;
  }

  /** Dies before writing the first key that matches. */
  public HostileStore crashBeforePut(Predicate<String> when) {
    this.crashBeforePut = when;
    return this;
  }

  /** Turns create-only writes into check-then-write, as S3Proxy does. */
  public HostileStore nonAtomicCreate(boolean on) {
    this.nonAtomicCreate = on;
    return this;
  }

  /** Runs something (another writer) just before each put. */
  public HostileStore beforePut(BiConsumer<ObjectStore, String> action) {
    this.beforePut = action;
    return this;
  }

  /** Runs something (another writer) just after each successful put. */
  public HostileStore afterPut(BiConsumer<ObjectStore, String> action) {
    this.afterPut = action;
    return this;
  }

  @Override
  public StoreCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public ObjectWriter openWriter(String key, WriteOptions options) {
    if (crashBeforePut.test(key)) {
      throw new Crash(key);
    }
    beforePut.accept(delegate, key);
    WriteOptions effective = options;
    if (nonAtomicCreate && options.createOnly()) {
      List<String> existing = delegate.list(key);
      if (existing.contains(key)) {
        throw new fr.socle.storage.spi.ObjectExistsException("exists: " + key);
      }
      // The window between the check and the write, where another writer gets in.
      Thread.yield();
      effective =
          new WriteOptions(
              false, options.retainUntil(), options.retentionMode(), options.legalHold());
    }
    ObjectWriter w = delegate.openWriter(key, effective);
    return new ObjectWriter() {
      @Override
      public void write(int b) throws IOException {
        w.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        w.write(b, off, len);
      }

      @Override
      public void commit() throws IOException {
        w.commit();
        afterPut.accept(delegate, key);
      }

      @Override
      public void close() {
        w.close();
      }
    };
  }

  @Override
  public InputStream get(String key) {
    return delegate.get(key);
  }

  @Override
  public List<String> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  /** How many times {@link #close()} was called. */
  public int closeCount() {
    return closes.get();
  }

  @Override
  public void close() {
    closes.incrementAndGet();
    delegate.close();
  }
}
