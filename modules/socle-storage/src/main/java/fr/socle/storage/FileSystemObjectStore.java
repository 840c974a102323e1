package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectKeys;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.StoreCapabilities;
import fr.socle.storage.spi.WriteOptions;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded {@link ObjectStore}: objects are files below a root directory, for a single node.
 *
 * <p>Durability and atomicity: an object is written to a temporary file in the same filesystem,
 * {@code fsync}ed, then published by an atomic rename (or, for write-once objects, a hard link that
 * fails if the name exists), and the directory is {@code fsync}ed. A crash at any point leaves
 * either the previous state or the complete object, never a partial one; leftover temporary files
 * are removed when the store is next opened. A large durable object is flushed behind as it is
 * written (every 32 MiB, on a helper thread), so that the disk writes its beginning while the
 * caller still produces the rest; the final {@code fsync} before publishing is unchanged, and an
 * error from any of these flushes fails the write.
 *
 * <p>Keys follow {@link ObjectKeys}, the grammar every store shares (a malformed key is an {@link
 * InvalidInputException}), and the resolved path must also stay below the root, so no key can reach
 * outside it. The root is locked for the process: a second store on the same directory fails to
 * open. No object lock: retention and legal holds are enforced by the safe only. Thread-safe.
 *
 * <pre>{@code
 * ObjectStore store = FileSystemObjectStore.open(Path.of("/var/lib/mairie/coffre"));
 * }</pre>
 */
public final class FileSystemObjectStore implements ObjectStore {
  private static final Pattern SEGMENT = Pattern.compile("[a-z0-9~][a-z0-9._~-]{0,254}");
  private static final int BUFFER = 1 << 20;

  /**
   * Write-behind step of a durable object: every time this many more bytes have been written, the
   * writer asks a helper thread to flush what it wrote so far ({@code fdatasync}), so the disk
   * writes the start of a large object while the caller still produces the rest (encrypts, hashes)
   * instead of all of it at the final {@code fsync}.
   */
  static final long WRITE_BEHIND = 32L << 20;

  /** How an intermediate flush is done; replaced by tests to simulate a failing disk. */
  interface Flush {
    void flush(FileChannel channel) throws IOException;
  }

  private final Path objects;
  private final Path tmp;
  private final FileChannel lockChannel;
  private final FileLock lock;
  // Package-private so that tests can lower the step and make flushes fail.
  long writeBehind = WRITE_BEHIND;
  Flush intermediateFlush = channel -> channel.force(false);
  private final ExecutorService flusher =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "socle-storage-write-behind");
            t.setDaemon(true);
            return t;
          });

  private FileSystemObjectStore(Path objects, Path tmp, FileChannel lockChannel, FileLock lock) {
    this.objects = objects;
    this.tmp = tmp;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating if needed) a store below a directory and locks it for this process.
   *
   * @param root the directory
   * @return the store
   * @throws SocleClientException if the directory cannot be used or is already open
   */
  public static FileSystemObjectStore open(Path root) {
    Objects.requireNonNull(root, "root");
    try {
      Path base = root.toAbsolutePath().normalize();
      Files.createDirectories(base);
      Path objects = base.resolve("objects");
      Path tmp = base.resolve("tmp");
      Files.createDirectories(objects);
      Files.createDirectories(tmp);
      FileChannel channel =
          FileChannel.open(
              base.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new SocleClientException("document store directory is already in use");
      }
      // Leftovers of writes interrupted by a crash: never visible, now useless.
      try (Stream<Path> leftovers = Files.list(tmp)) {
        for (Path p : (Iterable<Path>) leftovers::iterator) {
          Files.deleteIfExists(p);
        }
      }
      return new FileSystemObjectStore(objects, tmp, channel, lock);
    } catch (IOException e) {
      throw new SocleClientException("cannot open the document store directory", e);
    }
  }

  @Override
  public StoreCapabilities capabilities() {
    return new StoreCapabilities(false, "filesystem");
  }

  @Override
  public ObjectWriter openWriter(String key, WriteOptions options) {
    Objects.requireNonNull(options, "options");
    Path target = resolve(key);
    Path temp = tmp.resolve(UUID.randomUUID() + ".part");
    try {
      FileOutputStream out = new FileOutputStream(temp.toFile());
      return new FileWriter(key, target, temp, out, options.createOnly(), options.durable());
    } catch (IOException e) {
      throw new SocleClientException("cannot create a temporary file in the document store", e);
    }
  }

  @Override
  public InputStream get(String key) {
    try {
      return Files.newInputStream(resolve(key));
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException("no object " + key);
    } catch (IOException e) {
      throw new SocleClientException("cannot read object " + key, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    ObjectKeys.requireValidPrefix(prefix);
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? objects : resolveDirectory(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(start)) {
      walk.filter(Files::isRegularFile)
          .map(p -> objects.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
          .filter(k -> k.startsWith(prefix))
          .forEach(keys::add);
    } catch (IOException | UncheckedIOException e) {
      throw new SocleClientException("cannot list the document store", e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) {
    Path target = resolve(key);
    try {
      if (Files.deleteIfExists(target)) {
        fsyncDirectory(target.getParent());
        removeEmptyParents(target.getParent());
      }
    } catch (IOException e) {
      throw new SocleClientException("cannot delete object " + key, e);
    }
  }

  /** Releases the directory lock. Idempotent: closing an already closed store does nothing. */
  @Override
  public synchronized void close() {
    if (!lockChannel.isOpen()) {
      return;
    }
    flusher.shutdown();
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new SocleClientException("cannot release the document store lock", e);
    }
  }

  @Override
  public String toString() {
    return "FileSystemObjectStore";
  }

  private Path resolve(String key) {
    return resolveDirectory(ObjectKeys.requireValid(key));
  }

  /** The directory of a valid key or of the part of a valid prefix before its last slash. */
  private Path resolveDirectory(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      return objects;
    }
    Path p = objects;
    for (String segment : key.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new InvalidInputException("key is not a valid object key (see ObjectKeys)");
      }
      p = p.resolve(segment);
    }
    Path normalized = p.normalize();
    if (!normalized.startsWith(objects) || !normalized.equals(p)) {
      throw new InvalidInputException("key is not a valid object key (see ObjectKeys)");
    }
    return normalized;
  }

  private void removeEmptyParents(Path dir) {
    Path d = dir;
    while (d != null && !d.equals(objects) && d.startsWith(objects)) {
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      } catch (IOException e) {
        return;
      }
      d = d.getParent();
    }
  }

  private void ensureDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path missingTop = dir;
    while (missingTop.getParent() != null && !Files.isDirectory(missingTop.getParent())) {
      missingTop = missingTop.getParent();
    }
    Files.createDirectories(dir);
    // Make the new directory entries themselves durable, from the deepest up to the existing one.
    for (Path d = dir; d != null && !d.equals(missingTop.getParent()); d = d.getParent()) {
      fsyncDirectory(d.getParent());
    }
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
    }
  }

  private final class FileWriter extends ObjectWriter {
    private final String key;
    private final Path target;
    private final Path temp;
    private final FileOutputStream file;
    private final BufferedOutputStream out;
    private final boolean createOnly;
    private final boolean durable;
    private boolean done;
    private long written;
    private long flushRequestedAt;
    private Future<?> flushing;

    FileWriter(
        String key,
        Path target,
        Path temp,
        FileOutputStream file,
        boolean createOnly,
        boolean durable) {
      this.key = key;
      this.target = target;
      this.temp = temp;
      this.file = file;
      this.out = new BufferedOutputStream(file, BUFFER);
      this.createOnly = createOnly;
      this.durable = durable;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written += len;
      if (durable && written - flushRequestedAt >= writeBehind) {
        writeBehind();
      }
    }

    /**
     * Starts flushing what was written so far on a helper thread, unless the previous flush still
     * runs (then the next write tries again). This changes when bytes reach the disk, never what
     * {@link #commit} promises: commit still flushes everything with {@code fsync} before the
     * object is published, and fails if any earlier flush failed (a write-back error is reported
     * once per open file, so it must not be lost on the helper thread).
     */
    private void writeBehind() throws IOException {
      if (flushing != null) {
        if (!flushing.isDone()) {
          return;
        }
        awaitFlush();
      }
      out.flush();
      flushRequestedAt = written;
      FileChannel channel = file.getChannel();
      Flush flush = intermediateFlush;
      try {
        flushing =
            flusher.submit(
                () -> {
                  flush.flush(channel);
                  return null;
                });
      } catch (RejectedExecutionException closed) {
        // The store is closing: the final fsync in commit() flushes everything anyway.
        flushing = null;
      }
    }

    private void awaitFlush() throws IOException {
      Future<?> f = flushing;
      flushing = null;
      boolean interrupted = false;
      try {
        while (true) {
          try {
            f.get();
            return;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io
            ? io
            : new IOException("flushing an object to disk failed", e.getCause());
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public void commit() throws IOException {
      if (done) {
        throw new IOException("writer already closed");
      }
      try {
        out.flush();
        if (flushing != null) {
          awaitFlush();
        }
        if (durable) {
          file.getChannel().force(true);
        }
        file.close();
        publish();
      } finally {
        done = true;
        quietlyAwaitFlush();
        file.close();
        Files.deleteIfExists(temp);
      }
    }

    private void publish() throws IOException {
      // A concurrent delete may remove an empty parent between ensureDirectories and the rename.
      for (int attempt = 0; ; attempt++) {
        ensureDirectories(target.getParent());
        try {
          if (createOnly) {
            // link(2) fails if the name exists: write-once without a check-then-act race.
            Files.createLink(target, temp);
          } else {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          }
          break;
        } catch (FileAlreadyExistsException e) {
          throw new ObjectExistsException("object already exists: " + key);
        } catch (NoSuchFileException e) {
          if (attempt >= 3) {
            throw e;
          }
        }
      }
      if (durable) {
        fsyncDirectory(target.getParent());
      }
    }

    /** Lets a flush still running finish before the file is closed under it. */
    private void quietlyAwaitFlush() {
      if (flushing != null) {
        try {
          awaitFlush();
        } catch (IOException e) {
          // Abandoned or already failed: the temporary file is being removed.
        }
      }
    }

    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      quietlyAwaitFlush();
      try {
        file.close();
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // The temporary file is removed at the next open at the latest.
      }
    }
  }
}
