package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 3: two commands on one run folder raced (one died writing a verdict-run file, both printed the
 * same trial numbers). A folder in use is now refused at once, naming the process that holds it, and released
 * when that process dies, however it dies.
 */
class RunFolderLockTest {

    /** Holds a folder's lock until killed: {@code HoldRunFolder DIR}. */
    public static final class HoldRunFolder {
        public static void main(String[] args) throws Exception {
            RunFolderLock lock = RunFolderLock.acquire(Path.of(args[0]));
            System.out.println("LOCKED");
            System.out.flush();
            Thread.sleep(600_000);
            lock.close();
        }
    }

    @TempDir
    Path dir;

    private Process holder;

    @AfterEach
    void killHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    private void holdInAnotherProcess(Path folder) throws Exception {
        holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldRunFolder.class.getName(), folder.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"LOCKED".equals(line)) {
            fail("the holder did not take the lock: " + line);
        }
    }

    @Test
    void aSecondCommandOnAFolderInUseIsRefusedNamingTheHolder() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        holdInAnotherProcess(run);
        String expected = "run folder " + run + " is in use by process " + holder.pid()
                + ": wait for it to finish, or use another folder";

        CliRun compare = CliRun.run("compare", "--preset", "trajectory-lookahead", "--data",
                "mnist1d:num-samples=500", "--trials", "2", "--epochs", "1", "--seeds", "2", "--out", run.toString(),
                "--quiet");
        assertEquals(1, compare.code(), compare.errText());
        assertEquals(List.of("lookahead compare: error: " + expected), compare.err());
        try (var files = Files.list(run)) {
            assertEquals(List.of(run.resolve(RunFolderLock.FILE)), files.toList(), "nothing written");
        }

        CliRun train = CliRun.run("train", "--data", "mnist1d:num-samples=500", "--model", "mlp:8",
                "--optimizer", "adam", "--lr", "1e-3", "--epochs", "1", "--quiet", "--out", run.toString());
        assertEquals(1, train.code(), train.errText());
        assertEquals(List.of("lookahead train: error: " + expected), train.err());

        CliRun report = CliRun.run("report", run.toString());
        assertEquals(1, report.code(), report.errText());
        assertEquals(List.of("lookahead report: error: " + expected), report.err());

        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: the OS drops the lock
        try (RunFolderLock lock = RunFolderLock.acquire(run)) {
            assertTrue(Files.readString(run.resolve(RunFolderLock.FILE)).startsWith(
                    Long.toString(ProcessHandle.current().pid())));
        }
    }

    @Test
    void withinOneProcessTheFolderIsExclusiveToo() throws Exception {
        Path run = Files.createDirectories(dir.resolve("same"));
        try (RunFolderLock first = RunFolderLock.acquire(run)) {
            RunFolderLock.InUse e = org.junit.jupiter.api.Assertions.assertThrows(RunFolderLock.InUse.class,
                    () -> RunFolderLock.acquire(run));
            assertTrue(e.getMessage().contains("in use by this process"), e.getMessage());
        }
        RunFolderLock.acquire(run).close(); // released: free again
    }
}
