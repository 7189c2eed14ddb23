package org.lookaheadlab.lab.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The fault-injection soak ({@code scripts/soak}): 4 {@code ./lookahead tune} workers on PostgreSQL (through a
 * {@link FaultProxy}) and 4 on SQLite (on a {@link SmallDisk}), studies one after another, while random workers are
 * SIGKILLed and restarted, PostgreSQL is restarted, the proxy drops, delays and half-opens connections and the disk
 * fills up; meanwhile two {@code ./lookahead compare} lanes are killed at random points and resumed
 * ({@link CompareLane}).
 * After the active period (default 10 min) the faults stop, what runs is left to finish, and the audit checks every
 * study and file. The last lines are the verdict table; exit code 0 only when every check passed.
 *
 * <p>Flags: {@code --minutes M} (active period, default 10), {@code --seed S}, {@code --pg-port P} (default 55511),
 * {@code --pg-dir DIR} (default /tmp/lookahead-pg-soak-run; the soak restarts this cluster: give it one of its own),
 * {@code --disk DIR} (mount point, default /tmp/lookahead-soak-disk), {@code --disk-mb N} (default 48),
 * {@code --out DIR} (logs and the reference run, default /tmp/lookahead-soak), {@code --target N} (COMPLETE trials
 * per study, default 8).
 */
public final class SoakMain {

    private static final List<String> TUNE_FLAGS = List.of("--search", "lr=1e-4:1e-1:log", "--data",
            "mnist1d:num-samples=1000", "--epochs", "2", "--model", "mlp", "--seed", "0");
    private static final List<String> COMPARE_FLAGS = List.of("--preset", "trajectory-lookahead", "--data",
            "mnist1d:num-samples=1000", "--trials", "6", "--epochs", "2", "--seeds", "3");
    private static final Duration DRAIN = Duration.ofMinutes(5);

    private SoakMain() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = Flags.parse(argv);
        double minutes = Flags.number(a, "--minutes", 10, 0.5, 1440);
        long seed = (long) Flags.number(a, "--seed", System.currentTimeMillis() % 100000, 0, Long.MAX_VALUE);
        int pgPort = (int) Flags.number(a, "--pg-port", 55511, 1024, 65535);
        Path pgDir = Path.of(a.getOrDefault("--pg-dir", "/tmp/lookahead-pg-soak-run"));
        Path diskDir = Path.of(a.getOrDefault("--disk", "/tmp/lookahead-soak-disk"));
        int diskMb = (int) Flags.number(a, "--disk-mb", 48, 8, 4096);
        Path out = Path.of(a.getOrDefault("--out", "/tmp/lookahead-soak"));
        int target = (int) Flags.number(a, "--target", 8, 1, 1000);
        Path root = Path.of("").toAbsolutePath();
        System.exit(new SoakMain().run(root, minutes, seed, pgPort, pgDir, diskDir, diskMb, out, target) ? 0 : 1);
    }

    private boolean run(Path root, double minutes, long seed, int pgPort, Path pgDir, Path diskDir, int diskMb,
                        Path out, int target) throws Exception {
        Instant t0 = Instant.now();
        Random random = new Random(seed);
        Path logs = out.resolve("logs");
        deleteTree(out);
        Files.createDirectories(logs);
        System.out.printf(Locale.ROOT, "[soak] seed %d, %.1f min of faults, PostgreSQL %s port %d, logs %s%n", seed,
                minutes, pgDir, pgPort, logs);
        FaultLog faults = new FaultLog();
        Findings findings = new Findings();
        StudyAudit.declareChecks(findings);
        PgCluster pg = new PgCluster(root, pgDir, pgPort);
        pg.setUp();
        try (FaultProxy proxy = new FaultProxy(pgPort); SmallDisk disk = new SmallDisk(diskDir, diskMb)) {
            System.out.println("[soak] small disk: " + disk.kind() + " at " + disk.path() + "; proxy on port "
                    + proxy.port());
            Files.createDirectories(disk.path().resolve("sqlite"));
            String pgUrl = "postgresql://lookahead:lookahead@127.0.0.1:" + proxy.port() + "/" + PgCluster.DATABASE;
            Path sqliteFile = disk.path().resolve("sqlite/studies.db");
            List<TuneLane> lanes = List.of(
                    new TuneLane("pg", root, logs, pgUrl, TUNE_FLAGS, 4, target, findings, random),
                    new TuneLane("sqlite", root, logs, "sqlite:" + sqliteFile, TUNE_FLAGS, 4, target, findings,
                            random));
            long activeEnd = System.currentTimeMillis() + (long) (minutes * 60_000);
            // two compare lanes side by side: a restarted compare spends seconds starting on a loaded machine,
            // and one lane alone gets fewer than 20 kills into 10 minutes
            List<CompareLane> compares = new ArrayList<>();
            List<Thread> compareThreads = new ArrayList<>();
            for (String name : List.of("compare-a", "compare-b")) {
                CompareLane c = new CompareLane(name, root, logs, out.resolve(name + "-reference"), disk.path(),
                        COMPARE_FLAGS, faults, findings, new Random(seed + compares.size() + 1),
                        () -> System.currentTimeMillis() < activeEnd, 10);
                compares.add(c);
                Thread t = new Thread(c, "soak-" + name);
                t.start();
                compareThreads.add(t);
            }
            FaultInjector injector = new FaultInjector(faults, random, lanes, pg, proxy, disk, 4000, 10000, 20000);
            injector.start();
            long nextStatus = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < activeEnd) {
                for (TuneLane lane : lanes) {
                    lane.tick(true);
                }
                if (System.currentTimeMillis() >= nextStatus) {
                    status(faults, lanes, compares);
                    nextStatus += 30_000;
                }
                Thread.sleep(200);
            }
            System.out.println("[soak " + faults.sinceStart(Instant.now()) + "] faults stop; draining");
            compares.forEach(CompareLane::stopKilling);
            injector.stop();
            long drainEnd = System.currentTimeMillis() + DRAIN.toMillis();
            while (System.currentTimeMillis() < drainEnd
                    && (compareThreads.stream().anyMatch(Thread::isAlive) || lanes.stream().anyMatch(l -> !l.idle()))) {
                for (TuneLane lane : lanes) {
                    lane.tick(false);
                }
                Thread.sleep(200);
            }
            boolean comparing = compareThreads.stream().anyMatch(Thread::isAlive);
            boolean drained = lanes.stream().allMatch(TuneLane::idle) && !comparing;
            if (!drained) {
                findings.violation(StudyAudit.TARGET, "still running " + DRAIN.toMinutes() + " min after the faults"
                        + " stopped: " + lanes.stream().filter(l -> !l.idle()).map(TuneLane::current).toList()
                        + (comparing ? " and compare" : "") + "; silent proxy connections: "
                        + proxy.silentConnections());
                for (TuneLane lane : lanes) {
                    lane.killAll();
                }
                for (CompareLane c : compares) {
                    Proc p = c.current();
                    if (p != null) {
                        p.kill();
                    }
                }
                for (Thread t : compareThreads) {
                    t.join(30_000);
                }
            }
            status(faults, lanes, compares);
            findings.check("the soak itself ran");
            if (injector.crash() != null) {
                findings.violation("the soak itself ran", "the fault injector crashed: " + injector.crash());
            }
            for (CompareLane c : compares) {
                if (c.crash() != null) {
                    findings.violation("the soak itself ran", "a compare lane crashed: " + c.crash());
                }
            }
            StudyAudit.Totals totals = new StudyAudit.Totals();
            try (Connection c = pg.connect()) {
                for (String study : lanes.get(0).studies()) {
                    StudyAudit.audit(c, study, target, faults, findings, totals);
                }
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile)) {
                for (String study : lanes.get(1).studies()) {
                    StudyAudit.audit(c, study, target, faults, findings, totals);
                }
            }
            int files = FileAudit.audit(disk.path(), findings);
            for (String name : List.of("compare-a", "compare-b")) {
                files += FileAudit.audit(out.resolve(name + "-reference"), findings);
            }
            checkFaultCounts(faults, compares, minutes, findings);
            report(faults, lanes, compares, totals, files, findings, Duration.between(t0, Instant.now()),
                    disk.kind());
        } finally {
            pg.stop();
        }
        return findings.passed();
    }

    /** The least of each kind a run of this length must have injected (the default 10 min: 50 kills, ...). */
    private static void checkFaultCounts(FaultLog faults, List<CompareLane> compares, double minutes,
                                         Findings findings) {
        String check = "faults injected of every kind";
        findings.check(check);
        double scale = minutes / 10;
        Map<FaultLog.Kind, Integer> counts = faults.counts();
        for (var e : counts.entrySet()) {
            int least = switch (e.getKey()) {
                case WORKER_SIGKILL -> (int) Math.ceil(50 * scale);
                case COMPARE_SIGKILL -> (int) Math.ceil(20 * scale);
                case PG_RESTART -> Math.max(1, (int) Math.floor(3 * scale));
                default -> Math.max(1, (int) Math.floor(2 * scale));
            };
            if (e.getValue() < least) {
                findings.violation(check, e.getKey().label + ": " + e.getValue() + ", at least " + least);
            }
        }
        if (minutes >= 5) {
            for (CompareLane.Phase p : List.of(CompareLane.Phase.TUNING, CompareLane.Phase.VERDICT_RUNS,
                    CompareLane.Phase.REPORT)) {
                if (compares.stream().mapToInt(c -> c.killsByPhase().getOrDefault(p, 0)).sum() == 0) {
                    findings.violation(check, "no compare kill during " + p.name().toLowerCase());
                }
            }
        }
    }

    private static void status(FaultLog faults, List<TuneLane> lanes, List<CompareLane> compares) {
        List<String> parts = new ArrayList<>();
        faults.counts().forEach((k, v) -> parts.add(k.label + " " + v));
        for (TuneLane l : lanes) {
            parts.add(l.name() + " studies " + l.studies().size() + " workers started " + l.workersStarted());
        }
        parts.add("compare cycles done " + compares.stream().mapToInt(CompareLane::cyclesDone).sum());
        System.out.println("[soak " + faults.sinceStart(Instant.now()) + "] " + String.join(", ", parts));
    }

    private static void report(FaultLog faults, List<TuneLane> lanes, List<CompareLane> compares, StudyAudit.Totals t,
                               int files, Findings findings, Duration wall, String diskKind) {
        System.out.println();
        System.out.println("== soak: fail reasons: " + t.failReasons);
        for (TuneLane l : lanes) {
            System.out.println("== soak: " + l.name() + " worker error lines (numbers as N): " + l.errorLines());
        }
        System.out.println("== soak: small disk: " + diskKind);
        List<String> kinds = new ArrayList<>();
        faults.counts().forEach((k, v) -> kinds.add(k.label + " " + v));
        Map<CompareLane.Phase, Integer> phases = new java.util.TreeMap<>();
        compares.forEach(c -> c.killsByPhase().forEach((k, v) -> phases.merge(k, v, Integer::sum)));
        System.out.println("faults injected: " + String.join(", ", kinds) + " (compare kills by phase: " + phases
                + ")");
        System.out.printf(Locale.ROOT, "studies %d (%s), COMPLETE %d of target %d, trials lost %d, duplicated %d, "
                        + "FAIL %d, PRUNED %d; compare cycles %d, compare runs that failed on their own %d; files "
                        + "checked %d; wall %dm%02ds%n", t.studies, lanes.stream().map(l -> l.name() + " "
                        + l.studies().size()).toList(), t.complete, t.target, t.lost, t.duplicated, t.failed,
                t.pruned, compares.stream().mapToInt(CompareLane::cyclesDone).sum(),
                compares.stream().mapToInt(CompareLane::errorExits).sum(), files, wall.toMinutes(),
                wall.toSecondsPart());
        for (var e : findings.all().entrySet()) {
            System.out.printf(Locale.ROOT, "%-58s %s%n", e.getKey(), e.getValue().isEmpty() ? "ok"
                    : "FAILED (" + e.getValue().size() + "): " + e.getValue().get(0));
        }
        System.out.println("soak: " + (findings.passed() ? "PASS" : "FAIL"));
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
