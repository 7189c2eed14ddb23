package org.lookaheadlab.lab.soak;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One storage's share of the soak: studies run one after another, each by {@code workers} separate
 * {@code ./lookahead tune --study S --storage URL --trials TARGET ...} processes. A worker the soak killed is
 * restarted after a random pause unless the study is done (a worker exited 0: the study holds its target); a
 * worker that failed on its own (database away, disk full) must have said why in one line, and is restarted after
 * a short pause. When a study is done and all its workers have ended, the next one starts (until told to stop).
 */
final class TuneLane {

    static final String ERROR_LINE_CHECK = "every failed run said why in one line";

    private final String name;
    private final Path root;
    private final Path logs;
    private final String storageUrl;
    private final List<String> flags;
    private final int workers;
    private final int target;
    private final Findings findings;
    private final Random random;

    private final List<String> studies = new ArrayList<>();
    private final List<Proc> running = new ArrayList<>();
    private final List<Long> restartsDue = new ArrayList<>();
    private final Map<String, Integer> errorLines = new LinkedHashMap<>();
    private boolean studyDone = true;
    private int workerSeq;
    private int started;

    TuneLane(String name, Path root, Path logs, String storageUrl, List<String> flags, int workers, int target,
             Findings findings, Random random) {
        this.name = name;
        this.root = root;
        this.logs = logs;
        this.storageUrl = storageUrl;
        this.flags = flags;
        this.workers = workers;
        this.target = target;
        this.findings = findings;
        this.random = random;
        findings.check(ERROR_LINE_CHECK);
    }

    String name() {
        return name;
    }

    int target() {
        return target;
    }

    synchronized List<String> studies() {
        return List.copyOf(studies);
    }

    synchronized int workersStarted() {
        return started;
    }

    /** Error lines of the workers that failed on their own, with how often each was seen (numbers masked). */
    synchronized Map<String, Integer> errorLines() {
        return new LinkedHashMap<>(errorLines);
    }

    /** Reaps ended workers, restarts what is due, starts the next study when allowed. */
    synchronized void tick(boolean startNewStudies) throws IOException {
        long now = System.currentTimeMillis();
        for (Iterator<Proc> it = running.iterator(); it.hasNext(); ) {
            Proc p = it.next();
            if (p.alive()) {
                continue;
            }
            it.remove();
            int code = p.exitCode();
            if (code == 0) {
                studyDone = true;
            } else if (p.killedBySoak()) {
                restartsDue.add(now + random.nextInt(2000));
            } else {
                String problem = p.errorProblem();
                if (problem != null) {
                    findings.violation(ERROR_LINE_CHECK, "study " + current() + ", worker " + p.name + " (pid "
                            + p.pid() + ", exit " + code + "): " + problem);
                }
                errorLines.merge(p.errorLine().replaceAll("[0-9]+", "N"), 1, Integer::sum);
                restartsDue.add(now + 2000 + random.nextInt(2000));
            }
        }
        if (studyDone) {
            restartsDue.clear();
        }
        for (Iterator<Long> it = restartsDue.iterator(); it.hasNext(); ) {
            if (it.next() <= now) {
                it.remove();
                startWorker();
            }
        }
        if (running.isEmpty() && restartsDue.isEmpty() && studyDone && startNewStudies) {
            studies.add(name + "-" + (studies.size() + 1));
            studyDone = false;
            for (int i = 0; i < workers; i++) {
                startWorker();
            }
        }
    }

    /** True when no worker runs and none is due to restart: the last study is done (or none began). */
    synchronized boolean idle() {
        return running.isEmpty() && restartsDue.isEmpty() && studyDone;
    }

    /** A random live worker, or null. */
    synchronized Proc randomWorker() {
        List<Proc> alive = running.stream().filter(Proc::alive).toList();
        return alive.isEmpty() ? null : alive.get(random.nextInt(alive.size()));
    }

    synchronized String current() {
        return studies.isEmpty() ? "-" : studies.get(studies.size() - 1);
    }

    /** Kills every worker still running (the end of a run that timed out). */
    synchronized void killAll() throws InterruptedException {
        for (Proc p : running) {
            p.kill();
        }
    }

    private void startWorker() throws IOException {
        List<String> args = new ArrayList<>(List.of("tune", "--study", current(), "--storage", storageUrl,
                "--trials", Integer.toString(target)));
        args.addAll(flags);
        running.add(Proc.start(root, logs, current() + "-w" + (++workerSeq), args));
        started++;
    }
}
