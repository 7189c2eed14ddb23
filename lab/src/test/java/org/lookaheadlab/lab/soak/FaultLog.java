package org.lookaheadlab.lab.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every fault the soak injected: its kind, when, what it hit (a worker's pid, the server, the disk) and a detail.
 * Thread-safe. {@link #explain} names the faults that can have caused a violation of one trial.
 */
final class FaultLog {

    /** The kinds, in the order the verdict table lists them. */
    enum Kind {
        WORKER_SIGKILL("worker SIGKILL"), PG_RESTART("PostgreSQL restart"), PROXY_DROP("proxy drop (RST)"),
        PROXY_DELAY("proxy delay"), PROXY_HALF_OPEN("proxy half-open"), DISK_FULL("disk full"),
        COMPARE_SIGKILL("compare SIGKILL");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One injected fault; {@code pid} is the process it killed, or 0. */
    record Fault(Kind kind, Instant at, long pid, String detail) {
        @Override
        public String toString() {
            return kind.label + " at " + at + (pid != 0 ? " (pid " + pid + ")" : "") + ": " + detail;
        }
    }

    private final List<Fault> faults = new ArrayList<>();
    private final Instant start = Instant.now();

    synchronized Fault add(Kind kind, long pid, String detail) {
        Fault f = new Fault(kind, Instant.now(), pid, detail);
        faults.add(f);
        System.out.printf("[soak %s] %s%n", sinceStart(f.at()), f.kind().label + (pid != 0 ? " pid " + pid : "")
                + ": " + detail);
        return f;
    }

    synchronized Map<Kind, Integer> counts() {
        Map<Kind, Integer> out = new TreeMap<>();
        for (Kind k : Kind.values()) {
            out.put(k, 0);
        }
        faults.forEach(f -> out.merge(f.kind(), 1, Integer::sum));
        return out;
    }

    synchronized List<Fault> all() {
        return List.copyOf(faults);
    }

    /**
     * The faults that can explain a trial's fate: the kill of its owner process, else the other faults between
     * shortly before it started and when it ended (or now); "no fault" when none.
     */
    synchronized String explain(Instant from, Instant to, long ownerPid) {
        for (Fault f : faults) {
            if (ownerPid != 0 && f.pid() == ownerPid) {
                return f.toString();
            }
        }
        Instant lo = from == null ? start : from.minusSeconds(5);
        Instant hi = to == null ? Instant.now() : to.plusSeconds(1);
        List<String> near = new ArrayList<>();
        for (Fault f : faults) {
            if (!f.at().isBefore(lo) && !f.at().isAfter(hi) && f.kind() != Kind.COMPARE_SIGKILL) {
                near.add(f.toString());
            }
        }
        return near.isEmpty() ? "no fault injected then" : String.join("; ", near);
    }

    String sinceStart(Instant t) {
        Duration d = Duration.between(start, t);
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
