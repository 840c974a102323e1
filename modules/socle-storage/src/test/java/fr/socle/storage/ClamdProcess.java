package fr.socle.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real clamd (Debian's {@code clamav-daemon}, installed by {@code .ci/install-clamav}) run by the
 * tests: offline, on a free loopback port, with a one-line signature database that detects the
 * EICAR test string and nothing else (no freshclam, no download). Tests using it are skipped with a
 * message when clamd is not installed.
 */
final class ClamdProcess implements AutoCloseable {
  static final String THREAT = "Socle.Test.EICAR.UNOFFICIAL";

  private final Process process;
  private final Path dir;
  private final int port;

  private ClamdProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /**
   * The EICAR anti-malware test file, assembled at run time so that the repository itself does not
   * hold the string (some scanners flag source trees that do).
   */
  static byte[] eicar() {
    String reversed = "*H+H$!ELIF-TSET-SURIVITNA-DRADNATS-RACIE$}7)CC7)^P(45XZP\\4[PA@%P!O5X";
    return new StringBuilder(reversed).reverse().toString().getBytes(StandardCharsets.US_ASCII);
  }

  static Optional<Path> binary() {
    for (String candidate : List.of("/usr/sbin/clamd", "/usr/bin/clamd", "/usr/local/sbin/clamd")) {
      Path p = Path.of(candidate);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts clamd, or skips the calling test when it is not installed.
   *
   * @param dir a temporary directory for its configuration, database and log
   * @param extraConfig clamd.conf lines (limits)
   */
  static ClamdProcess start(Path dir, String... extraConfig) throws Exception {
    Optional<Path> clamd = binary();
    Assumptions.assumeTrue(
        clamd.isPresent(),
        "clamd is not installed (Debian: apt-get install clamav-daemon, see .ci/install-clamav);"
            + " the real-clamd tests are skipped");
    Path db = Files.createDirectories(dir.resolve("db"));
    // An .ndb body signature matches EICAR anywhere in a stream, so that a large document holding
    // it shows clamd's MaxFileSize behaviour (clamd.conf(5)).
    Files.writeString(
        db.resolve("socle-test.ndb"),
        "Socle.Test.EICAR:0:*:" + HexFormat.of().formatHex(eicar()) + "\n");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    StringBuilder conf = new StringBuilder();
    conf.append("Foreground yes\n")
        .append("TCPSocket ")
        .append(port)
        .append('\n')
        .append("TCPAddr 127.0.0.1\n")
        .append("DatabaseDirectory ")
        .append(db)
        .append('\n')
        .append("PidFile ")
        .append(dir.resolve("clamd.pid"))
        .append('\n')
        .append("LogFile ")
        .append(dir.resolve("clamd.log"))
        .append('\n')
        .append("SelfCheck 0\n");
    for (String line : extraConfig) {
      conf.append(line).append('\n');
    }
    Path confFile = dir.resolve("clamd.conf");
    Files.writeString(confFile, conf);
    Process p =
        new ProcessBuilder(clamd.get().toString(), "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("clamd.out").toFile())
            .start();
    ClamdProcess running = new ClamdProcess(p, dir, port);
    running.awaitReady();
    return running;
  }

  int port() {
    return port;
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("clamd exited: " + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        if (new String(in.readAllBytes(), StandardCharsets.US_ASCII).equals("PONG\0")) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    close();
    throw new IllegalStateException("clamd did not start: " + log());
  }

  private String log() throws IOException {
    Path out = dir.resolve("clamd.out");
    return Files.exists(out) ? Files.readString(out) : "";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
