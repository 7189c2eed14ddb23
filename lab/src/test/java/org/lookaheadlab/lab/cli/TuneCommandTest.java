package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;

class TuneCommandTest {

    private static final Pattern BEST = Pattern.compile("best value=(\\S+) params=\\{lr=(\\S+)}");

    private static String[] args(Path db, int trials, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("tune", "--study", "s", "--storage", "sqlite:" + db,
                "--trials", String.valueOf(trials), "--epochs", "1", "--data", "mnist1d:num-samples=500",
                "--model", "mlp:8", "--search", "lr=1e-4:1e-1:log", "--pruner", "none"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static List<FrozenTrial> trials(Path db) {
        try (Storage s = Storages.open("sqlite:" + db)) {
            return Study.load("s", null, null, s).trials();
        }
    }

    @Test
    void tunesWithoutLrFlagAndPrintsTheBestTrialLast(@TempDir Path dir) {
        Path db = dir.resolve("t.db");
        CliRun o = CliRun.run(args(db, 3));
        assertEquals(0, o.code(), o.errText());
        List<String> lines = o.outText().lines().toList();
        Matcher m = BEST.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), lines.get(lines.size() - 1));
        List<FrozenTrial> trials = trials(db);
        assertEquals(3, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
        double min = trials.stream().mapToDouble(FrozenTrial::value).min().orElseThrow();
        assertEquals(min, Double.parseDouble(m.group(1)), 0.0);

        // restart with a higher target: exactly the missing trial runs, earlier ones untouched
        CliRun again = CliRun.run(args(db, 4));
        assertEquals(0, again.code(), again.errText());
        List<FrozenTrial> after = trials(db);
        assertEquals(4, after.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(trials.get(i).value(), after.get(i).value());
            assertEquals(trials.get(i).params(), after.get(i).params());
        }
    }

    @Test
    void aStudyRefusesTrialsOfOtherTrainFlags(@TempDir Path dir) {
        Path db = dir.resolve("p.db");
        assertEquals(0, CliRun.run(args(db, 2)).code());
        CliRun other = CliRun.run(args(db, 3, "--batch-size", "50"));
        assertEquals(2, other.code(), other.outText());
        assertEquals(1, other.errText().strip().lines().count(), other.errText());
        assertTrue(other.errText().contains("study 's' holds trials run with other settings")
                && other.errText().contains("batch=50"), other.errText());
        assertEquals(2, trials(db).size(), "no trial was added");
    }

    @Test
    void workerThreadsShareTheStudy(@TempDir Path dir) {
        Path db = dir.resolve("threads.db");
        CliRun o = CliRun.run(args(db, 4, "--jobs", "2"));
        assertEquals(0, o.code(), o.errText());
        List<FrozenTrial> trials = trials(db);
        assertEquals(4, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), trials.toString());
        assertEquals(List.of(0, 1, 2, 3), trials.stream().map(FrozenTrial::number).sorted().toList());
        assertEquals(4, o.out().stream().filter(l -> l.startsWith("trial ")).count(), o.outText());
        List<String> lines = o.out();
        assertTrue(BEST.matcher(lines.get(lines.size() - 1)).matches(), o.outText());
    }

    @Test
    void workerProcessesShareTheStudy(@TempDir Path dir) {
        Path db = dir.resolve("jobs.db");
        CliRun o = CliRun.run(args(db, 4, "--jobs", "2", "--processes"));
        assertEquals(0, o.code(), o.errText());
        List<FrozenTrial> trials = trials(db);
        assertEquals(4, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), trials.toString());
        assertEquals(List.of(0, 1, 2, 3), trials.stream().map(FrozenTrial::number).sorted().toList());
        List<String> lines = o.outText().lines().toList();
        assertTrue(BEST.matcher(lines.get(lines.size() - 1)).matches(), o.outText());
    }

    @Test
    void badFlagsAreOneClearLine(@TempDir Path dir) {
        Path db = dir.resolve("bad.db");
        CliRun o = CliRun.run("tune", "--study", "s", "--storage", "sqlite:" + db, "--trials", "2",
                "--search", "lr=abc:1");
        assertEquals(2, o.code());
        assertEquals(List.of("lookahead tune: error: search entry 'lr=abc:1' has a bound that is not a number, "
                + "accepted form: name=low:high or name=low:high:log"), o.err());
        CliRun sampler = CliRun.run(args(db, 2, "--sampler", "grid"));
        assertEquals(2, sampler.code());
        assertEquals(List.of("lookahead tune: error: sampler is 'grid', accepted: tpe, random"), sampler.err());
        CliRun noLr = CliRun.run("tune", "--study", "s", "--storage", "sqlite:" + db, "--trials", "2",
                "--search", "beta=0:1");
        assertEquals(2, noLr.code());
        assertTrue(noLr.errText().contains("--lr is missing and the search space has no lr"), noLr.errText());
    }
}
