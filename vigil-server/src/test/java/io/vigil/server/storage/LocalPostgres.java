package io.vigil.server.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL (Debian's {@code postgresql} package) for the tests: initialised in a temporary folder and
 * started on a free loopback port once per test JVM, as the {@code postgres} user when the tests run as root
 * (PostgreSQL refuses to run as root). Each test asks for a database of its own.
 *
 * <pre>{@code
 * String url = LocalPostgres.shared().newDatabase();   // postgresql://postgres@127.0.0.1:PORT/vigil_3
 * }</pre>
 *
 * <p>When PostgreSQL is not installed the calling test is skipped with a message saying so, except under CI
 * ({@code CI=true}), where {@code .ci/run} installs it and a skip would hide a broken setup.
 */
public final class LocalPostgres {

  private static LocalPostgres shared;

  private final Path bin;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;
  private final AtomicInteger databases = new AtomicInteger();

  private LocalPostgres(Path bin, Path data, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.data = data;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The JVM's server, started on first use; stopped and deleted when the JVM exits. */
  public static synchronized LocalPostgres shared() {
    if (shared == null) {
      Optional<Path> bin = binaries();
      if (bin.isEmpty()) {
        if ("true".equals(System.getenv("CI"))) {
          fail("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) although CI=true: .ci/run must"
              + " install it");
        }
        Assumptions.abort("PostgreSQL is not installed (apt-get install postgresql); skipping the PostgreSQL tests");
      }
      try {
        shared = start(bin.get());
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("cannot start a test PostgreSQL: " + e.getMessage(), e);
      }
      LocalPostgres started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "local-postgres-stop"));
    }
    return shared;
  }

  /** The newest installed version's bin folder. */
  private static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(Path folder) {
    try {
      return Integer.parseInt(folder.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static LocalPostgres start(Path bin) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path data = Files.createTempDirectory("vigil-postgres-");
    if (root) {
      UserPrincipal postgres = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(data, postgres);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LocalPostgres pg = new LocalPostgres(bin, data, port, root);
    pg.run(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-A", "trust",
        "-U", "postgres", "--no-sync"));
    pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-l",
        data.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", "-p " + port + " -k " + data
        + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=400", "start"));
    return pg;
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path log = data.resolve("command.log");
    Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
    }
  }

  /** A fresh, empty database; returns its URL in the form {@code vigil serve --store} takes. */
  public String newDatabase() {
    String name = "vigil_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", null);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
  }

  /** A JDBC connection to a database made by {@link #newDatabase}, for tests that look at the tables. */
  public Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(url.substring(url.lastIndexOf('/') + 1)), "postgres", null);
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private void stop() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate", "-w",
          "stop"));
    } catch (IOException | InterruptedException e) {
      System.err.println("could not stop the test PostgreSQL in " + data + ": " + e.getMessage());
      return;
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + data + ": " + e.getMessage());
    }
  }
}
