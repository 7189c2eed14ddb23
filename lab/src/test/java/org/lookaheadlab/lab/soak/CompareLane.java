package org.lookaheadlab.lab.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * {@code ./lookahead compare} under SIGKILL: one uninterrupted reference run (outside the small disk, beside the
 * first cycle), and cycles, each in a fresh run
 * folder on the small disk: the same command is started again and again, killed at a random point (a random time,
 * or a random moment of a chosen phase: tuning, verdict runs, report writing) up to {@code maxKillsPerCycle}
 * times, until a run ends with exit 0; its {@code results.json} verdict must then equal the reference's (wall-clock
 * fields aside). A run that fails on its own (the disk is full) must say why in one line and is restarted.
 */
final class CompareLane implements Runnable {

    static final String VERDICT_CHECK = "killed-and-resumed compare verdict = uninterrupted verdict";

    /** Where a compare run is, read from its output. */
    enum Phase { STARTUP, TUNING, VERDICT_RUNS, REPORT, DONE }

    private final Path root;
    private final Path logs;
    private final Path referenceDir;
    private final Path diskDir;
    private final List<String> flags;
    private final FaultLog faults;
    private final Findings findings;
    private final Random random;
    private final BooleanSupplier keepCycling;
    private final int maxKillsPerCycle;
    private final List<Path> runFolders = new ArrayList<>();
    private final Map<Phase, Integer> killsByPhase = new TreeMap<>();
    private volatile boolean killsAllowed = true;
    private volatile Proc current;
    private int cyclesDone;
    private int errorExits;
    private Throwable crash;

    private final String name;

    CompareLane(String name, Path root, Path logs, Path referenceDir, Path diskDir, List<String> flags,
                FaultLog faults, Findings findings, Random random, BooleanSupplier keepCycling, int maxKillsPerCycle) {
        this.name = name;
        this.root = root;
        this.logs = logs;
        this.referenceDir = referenceDir;
        this.diskDir = diskDir;
        this.flags = flags;
        this.faults = faults;
        this.findings = findings;
        this.random = random;
        this.keepCycling = keepCycling;
        this.maxKillsPerCycle = maxKillsPerCycle;
        findings.check(VERDICT_CHECK);
        findings.check(TuneLane.ERROR_LINE_CHECK);
    }

    /** No more kills: the current cycle runs to its end. */
    void stopKilling() {
        killsAllowed = false;
    }

    synchronized List<Path> runFolders() {
        return List.copyOf(runFolders);
    }

    synchronized Map<Phase, Integer> killsByPhase() {
        return new TreeMap<>(killsByPhase);
    }

    synchronized int cyclesDone() {
        return cyclesDone;
    }

    synchronized int errorExits() {
        return errorExits;
    }

    synchronized Throwable crash() {
        return crash;
    }

    Proc current() {
        return current;
    }

    @Override
    public void run() {
        try {
            Proc ref = start(name + "-reference", referenceDir); // runs beside the first cycle
            JsonNode expected = null;
            for (int cycle = 1; keepCycling.getAsBoolean(); cycle++) {
                Path dir = diskDir.resolve(name + "-" + cycle);
                synchronized (this) {
                    runFolders.add(dir);
                }
                runCycle(cycle, dir);
                if (expected == null) {
                    ref.process.waitFor();
                    if (ref.exitCode() != 0) {
                        throw new IllegalStateException("the uninterrupted reference compare failed (exit "
                                + ref.exitCode() + "): " + ref.errorLine());
                    }
                    expected = verdict(referenceDir);
                }
                JsonNode actual = verdict(dir);
                if (!expected.equals(actual)) {
                    findings.violation(VERDICT_CHECK, "run folder " + dir + " (cycle " + cycle + "): verdict differs"
                            + " from the uninterrupted run's: " + firstDifference(expected, actual, "verdict"));
                }
                synchronized (this) {
                    cyclesDone++;
                }
            }
        } catch (Throwable t) {
            synchronized (this) {
                crash = t;
            }
            t.printStackTrace();
        }
    }

    private void runCycle(int cycle, Path dir) throws IOException, InterruptedException {
        int kills = 0;
        for (int attempt = 1; ; attempt++) {
            Proc p = start(name + "-" + cycle + "-" + attempt, dir);
            current = p;
            boolean killPlanned = killsAllowed && kills < maxKillsPerCycle;
            // a random moment of a chosen phase, or a random time after the run's first progress line (a JVM that
            // starts on a loaded machine takes seconds before it does anything worth interrupting)
            Phase killPhase = random.nextBoolean() ? Phase.TUNING : Phase.values()[1 + random.nextInt(3)];
            long delay = killPhase == Phase.REPORT ? random.nextInt(800) : random.nextInt(killPhase == Phase.TUNING
                    ? 5000 : 2000);
            long phaseSeenAt = -1;
            while (p.alive()) {
                Thread.sleep(20);
                if (!killPlanned || !killsAllowed) {
                    continue;
                }
                Phase phase = phase(p);
                if (phase == Phase.DONE) {
                    continue;
                }
                long now = System.currentTimeMillis();
                if (phase.compareTo(killPhase) >= 0 && phaseSeenAt < 0) {
                    phaseSeenAt = now;
                }
                if (phaseSeenAt >= 0 && now >= phaseSeenAt + delay) {
                    Phase at = phase(p);
                    p.kill();
                    kills++;
                    synchronized (this) {
                        killsByPhase.merge(at, 1, Integer::sum);
                    }
                    faults.add(FaultLog.Kind.COMPARE_SIGKILL, p.pid(), dir.getFileName() + " during "
                            + at.name().toLowerCase().replace('_', ' ') + " (kill " + kills + " of this cycle)");
                    break;
                }
            }
            p.process.waitFor();
            current = null;
            if (p.killedBySoak()) {
                continue;
            }
            if (p.exitCode() == 0) {
                return;
            }
            synchronized (this) {
                errorExits++;
            }
            String problem = p.errorProblem();
            if (problem != null) {
                findings.violation(TuneLane.ERROR_LINE_CHECK, dir + ", run " + p.name + " (pid " + p.pid() + ", exit "
                        + p.exitCode() + "): " + problem);
            }
            if (attempt > 200) {
                throw new IllegalStateException(dir + ": compare failed 200 times; last: " + p.errorLine());
            }
            Thread.sleep(2000 + random.nextInt(2000));
        }
    }

    /** The phase a run is in, from its progress lines (stderr) and its verdict (stdout). */
    static Phase phase(Proc p) {
        String out = p.stdout();
        if (out.contains("report: ") || out.contains("wall_seconds=")) {
            return Phase.DONE;
        }
        if (!out.isBlank()) {
            return Phase.REPORT; // the verdict is printed (and results.json written) before the report is rendered
        }
        // one "runs" phase for trials and verdict runs ("[runs i/n, Ts] NAME trial N: v", "[runs i/n, Ts] KEY seed
        // S bs B: v"): the last finished unit tells which part is running (with --jobs > 1 they may overlap)
        String last = p.stderr().lines().filter(l -> l.startsWith("[runs ")).reduce((a, b) -> b).orElse("");
        if (last.matches(".* seed \\d+ bs \\d+: .*")) {
            return Phase.VERDICT_RUNS;
        }
        // a resumed run first counts what an earlier run finished ("adam: 3 complete trials from an earlier run"):
        // from then on its studies are tuning again
        return last.matches(".* trial \\d+: .*") || last.contains(" from an earlier run") ? Phase.TUNING
                : Phase.STARTUP;
    }

    private Proc start(String name, Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(flags);
        args.addAll(List.of("--out", dir.toString()));
        return Proc.start(root, logs, name, args);
    }

    /** The verdict of a run folder's results.json without its wall-clock figures (they differ run to run). */
    static JsonNode verdict(Path dir) throws IOException {
        JsonNode v = new ObjectMapper().readTree(Files.readString(dir.resolve("results.json"))).get("verdict");
        if (v == null) {
            throw new IOException(dir.resolve("results.json") + " has no verdict");
        }
        return withoutClockFields(v.deepCopy());
    }

    private static JsonNode withoutClockFields(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.toLowerCase().contains("seconds")) {
                    it.remove();
                }
            }
        }
        n.forEach(CompareLane::withoutClockFields);
        return n;
    }

    /** The path and values of the first place two JSON trees differ. */
    static String firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.equals(b)) {
            return null;
        }
        if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
            if (a.isObject()) {
                for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (b.has(f)) {
                        String d = firstDifference(a.get(f), b.get(f), path + "." + f);
                        if (d != null) {
                            return d;
                        }
                    }
                }
            } else {
                for (int i = 0; i < a.size(); i++) {
                    String d = firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
                    if (d != null) {
                        return d;
                    }
                }
            }
        }
        String sa = a.toString();
        String sb = b.toString();
        return path + ": expected " + (sa.length() > 200 ? sa.substring(0, 200) + "..." : sa) + ", got "
                + (sb.length() > 200 ? sb.substring(0, 200) + "..." : sb);
    }
}
