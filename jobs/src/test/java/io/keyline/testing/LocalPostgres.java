package io.keyline.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the machine's own installation (the Debian package's binaries under {@code
 * /usr/lib/postgresql/<version>/bin}), in a data folder of the test's, on a free port of loopback.
 * PostgreSQL refuses to run as root, so as root it runs as the user {@code postgres}.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The superuser the server is created with; it needs no password on loopback. */
    public static final String USER = "keyline";

    private final Path bin;
    private final Path data;
    private final boolean root;
    private final int port;

    private LocalPostgres(Path bin, Path data, boolean root, int port) {
        this.bin = bin;
        this.data = data;
        this.root = root;
        this.port = port;
    }

    /** Creates and starts a server under {@code dir}. */
    public static LocalPostgres start(Path dir) throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = dir.resolve("pgdata");
        Path sockets = Files.createDirectories(dir.resolve("pgsockets"));
        if (root) {
            // The folder and its parents must be the server's to use.
            run(List.of("chown", "-R", "postgres", dir.toString()));
            run(List.of("chmod", "755", dir.toString()));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LocalPostgres server = new LocalPostgres(bin, data, root, port);
        server.as(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8");
        server.as(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("postgres.log").toString(),
                "-o",
                "-p " + port + " -k " + sockets + " -c listen_addresses=localhost",
                "-w",
                "start");
        return server;
    }

    /** A JDBC URL of a new database {@code name}. */
    public String createDatabase(String name) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:postgresql://localhost:" + port + "/postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://localhost:" + port + "/" + name;
    }

    @Override
    public void close() throws Exception {
        as(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    private void as(String... command) throws Exception {
        List<String> line = new ArrayList<>();
        if (root) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    /** The newest PostgreSQL installed under /usr/lib/postgresql. */
    private static Path binaries() throws IOException {
        Path installs = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(installs)) {
            throw new AssertionError(
                    "PostgreSQL is not installed: install Debian's postgresql package.");
        }
        try (Stream<Path> versions = Files.list(installs)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(
                            Comparator.comparing(
                                    b ->
                                            Integer.parseInt(
                                                    b.getParent()
                                                            .getFileName()
                                                            .toString()
                                                            .replaceAll("\\D", "0"))))
                    .orElseThrow(
                            () -> new AssertionError("No PostgreSQL binaries under " + installs));
        }
    }
}
