package org.lookaheadlab.lab.soak;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The soak's own PostgreSQL cluster (its own folder and port, never another one's): created and started by
 * {@code .ci/postgres.sh} with {@code LOOKAHEAD_PG_DIR}/{@code LOOKAHEAD_PG_PORT}, given a fresh database
 * {@code lookahead_soak}, restarted on command (fast shutdown or a crash, {@code -m immediate}), stopped at the end.
 */
final class PgCluster {

    static final String DATABASE = "lookahead_soak";

    private final Path root;
    private final Path dir;
    private final int port;
    private String bin;

    PgCluster(Path root, Path dir, int port) {
        this.root = root;
        this.dir = dir;
        this.port = port;
    }

    int port() {
        return port;
    }

    /** JDBC URL of the soak database, straight to the server (the audit's way, not through the proxy). */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "lookahead", "lookahead");
    }

    void setUp() throws IOException, InterruptedException {
        run(List.of("bash", "-c", "source .ci/postgres.sh >/dev/null"), true);
        bin = run(List.of("bash", "-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1"), true).trim();
        psql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        psql("CREATE DATABASE " + DATABASE + " OWNER lookahead");
    }

    /** Stops the server ({@code immediate}: a crash) and starts it again after {@code downMillis}. */
    void restart(boolean crash, long downMillis) throws IOException, InterruptedException {
        run(asOwner(bin + "/pg_ctl", "-D", dir.resolve("data").toString(), "-m", crash ? "immediate" : "fast",
                "-w", "stop"), true);
        Thread.sleep(downMillis);
        start();
    }

    void start() throws IOException, InterruptedException {
        run(asOwner(bin + "/pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir
                        + " -c max_connections=200 -c fsync=off", "start"), true);
    }

    void stop() throws IOException, InterruptedException {
        run(asOwner(bin + "/pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"), false);
    }

    boolean isUp() throws IOException, InterruptedException {
        return !run(asOwner(bin + "/pg_ctl", "-D", dir.resolve("data").toString(), "status"), false)
                .contains("no server running");
    }

    private void psql(String sql) throws IOException, InterruptedException {
        run(asOwner(bin + "/psql", "-h", dir.toString(), "-p", Integer.toString(port), "-U", "postgres", "-d",
                "postgres", "-v", "ON_ERROR_STOP=1", "-qtA", "-c", sql), true);
    }

    private static List<String> asOwner(String... cmd) {
        List<String> out = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(cmd));
        return out;
    }

    private String run(List<String> cmd, boolean mustSucceed) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("LOOKAHEAD_PG_PORT", Integer.toString(port));
        pb.environment().put("LOOKAHEAD_PG_DIR", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        if (mustSucceed && p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + out.trim());
        }
        return out;
    }
}
