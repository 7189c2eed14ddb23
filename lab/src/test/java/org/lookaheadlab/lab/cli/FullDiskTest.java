package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.io.AtomicFiles;

/**
 * Issue 16 item 4: {@code compare} on a disk that fills up while the report is rendered, and {@code train --out} on
 * a full disk. The verdict is printed
 * and {@code results.json} written before anything is rendered; the failure is one line; no truncated file and no
 * temporary file is left; {@code report DIR} renders the folder once there is space again. The full disk is
 * simulated ({@link AtomicFiles#limitFreeSpace}): every file the lab writes goes through that helper.
 */
class FullDiskTest {

    private static CliRun compare(Path out) {
        return CliRun.run("compare", "--preset", "trajectory-lookahead", "--data",
                "mnist1d:num-samples=300", "--trials", "1", "--epochs", "1", "--seeds", "2", "--out", out.toString(),
                "--quiet");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    /** What a run writes through the helper before rendering: verdict runs and results.json. */
    private static long bytesBeforeRendering(Path dir) throws IOException {
        long n = Files.size(dir.resolve(ResultsJson.FILE_NAME));
        for (Path f : files(dir.resolve("verdict-runs"))) {
            n += Files.size(f);
        }
        return n;
    }

    private static void assertNothingTruncatedOrTemporary(Path dir) throws IOException {
        for (Path f : files(dir)) {
            String name = f.getFileName().toString();
            assertFalse(name.endsWith(".tmp"), "temporary file left behind: " + f);
            if (name.endsWith(".svg")) {
                assertTrue(Files.readString(f).strip().endsWith("</svg>"), "truncated " + f);
            }
        }
    }

    private static List<String> verdictLines(CliRun o) {
        return o.outText().lines().filter(l -> !l.startsWith("report: ") && !l.startsWith("wall_seconds=")).toList();
    }

    @Test
    void aFullDiskDuringRenderingKeepsTheVerdictAndResultsAndLeavesNoDamagedFiles(@TempDir Path dir)
            throws IOException {
        CliRun whole = compare(dir.resolve("whole"));
        assertEquals(0, whole.code(), whole.errText());
        long needed = bytesBeforeRendering(dir.resolve("whole"));

        Path full = dir.resolve("full");
        CliRun o;
        try (AtomicFiles.FreeSpace disk = AtomicFiles.limitFreeSpace(needed + 2_000)) {
            o = compare(full);
        }
        assertEquals(1, o.code(), o.errText());
        assertEquals(1, o.err().size(), o.errText());
        String line = o.err().get(0);
        assertTrue(line.startsWith("lookahead compare: error: cannot write " + full), line);
        assertEquals(line.indexOf("No space left on device"), line.lastIndexOf("No space left on device"),
                "the reason once: " + line);
        assertTrue(line.endsWith("render the report again with ./lookahead report " + full), line);
        assertFalse(verdictLines(whole).isEmpty());
        assertEquals(verdictLines(whole), verdictLines(o), "the verdict is printed before anything is rendered");
        assertEquals(ResultsJson.read(dir.resolve("whole")).contenders().size(),
                ResultsJson.read(full).contenders().size(), "results.json is complete");
        assertFalse(Files.exists(full.resolve("report.html")));
        assertNothingTruncatedOrTemporary(full);

        CliRun stillFull;
        try (AtomicFiles.FreeSpace disk = AtomicFiles.limitFreeSpace(1_000)) {
            stillFull = CliRun.run("report", full.toString());
        }
        assertEquals(1, stillFull.code(), stillFull.errText());
        assertEquals(1, stillFull.err().size(), stillFull.errText());
        assertTrue(stillFull.errText().startsWith("lookahead report: error: cannot write " + full), stillFull.errText());
        assertTrue(stillFull.errText().strip().endsWith(": No space left on device"), stillFull.errText());
        assertEquals(verdictLines(whole), verdictLines(stillFull));
        assertNothingTruncatedOrTemporary(full);

        CliRun again = CliRun.run("report", full.toString());
        assertEquals(0, again.code(), again.errText());
        assertTrue(Files.readString(full.resolve("report.html")).strip().endsWith("</html>"));
        assertNothingTruncatedOrTemporary(full);
    }

    @Test
    void trainOnAFullDiskFailsWithOneLineAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliRun r;
        try (AtomicFiles.FreeSpace disk = AtomicFiles.limitFreeSpace(2_000)) {
            r = CliRun.run("train", "--data", "mnist1d:num-samples=200", "--lr", "0.01", "--epochs", "2", "--quiet",
                    "--out", out.toString());
        }
        assertEquals(1, r.code(), r.err().toString());
        assertEquals(1, r.err().size(), r.err().toString());
        assertTrue(r.err().get(0).matches("lookahead train: error: cannot write " + java.util.regex.Pattern.quote(
                out.toString()) + "/[a-z._]+: No space left on device"), r.err().get(0));
        assertNothingTruncatedOrTemporary(out);
    }
}
