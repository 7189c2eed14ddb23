package org.lookaheadlab.tune.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The process that holds a trial's lease, as a worker elsewhere can check it: the machine (host name, boot id
 * and PID namespace, so two containers or two boots never look like one), the process id, and the process's
 * start time in clock ticks since boot (so a recycled process id is not mistaken for the original process).
 *
 * <p>{@link #livenessHere()} answers from {@code /proc} without any timing: a process on this machine that exists
 * and is not a zombie is {@link Liveness#ALIVE} however slow or paused it is; one that is gone is
 * {@link Liveness#DEAD}; a process on another machine, or where {@code /proc} is unreadable, is
 * {@link Liveness#UNKNOWN} and only its heartbeat's age can tell.
 *
 * @param machine    host name + boot id + PID namespace; empty when this platform cannot identify it
 * @param pid        the process id
 * @param startTicks the process's start time, clock ticks after boot (field 22 of {@code /proc/PID/stat})
 */
public record TrialOwner(String machine, long pid, long startTicks) {

    /** The system attribute key under which a lease stores its owner. */
    public static final String ATTR = "lease_owner";

    /** What {@link #livenessHere()} can say about an owner. */
    public enum Liveness {
        /** The owner process runs (or is paused) on this machine: its trial must not be failed. */
        ALIVE,
        /** The owner process no longer exists on this machine. */
        DEAD,
        /** Another machine's process, or no way to tell here: fall back on the heartbeat's age. */
        UNKNOWN
    }

    private static final Path PROC = Path.of("/proc");
    private static final TrialOwner CURRENT = detect();

    /** This process. */
    public static TrialOwner current() {
        return CURRENT;
    }

    /** Whether the owner process is alive, dead, or beyond what this machine can see. */
    public Liveness livenessHere() {
        if (machine.isEmpty() || !machine.equals(CURRENT.machine)) {
            return Liveness.UNKNOWN;
        }
        if (pid == CURRENT.pid && startTicks == CURRENT.startTicks) {
            return Liveness.ALIVE;
        }
        Optional<Stat> stat = Stat.read(PROC.resolve(Long.toString(pid)).resolve("stat"));
        if (stat.isEmpty()) {
            return Liveness.DEAD; // no such process on this machine (we can read /proc: CURRENT has a machine)
        }
        Stat s = stat.get();
        boolean same = s.startTicks == startTicks;
        boolean running = s.state != 'Z' && s.state != 'X';
        return same && running ? Liveness.ALIVE : Liveness.DEAD;
    }

    /** The JSON text stored under {@link #ATTR}. */
    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machine", machine);
        m.put("pid", pid);
        m.put("start_ticks", startTicks);
        return UserAttrJson.write(m);
    }

    /** Parses what {@link #toJson()} wrote; empty for anything else (then the owner is unknown). */
    static Optional<TrialOwner> fromJson(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return fromValue(UserAttrJson.parse(json));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The owner in a parsed system-attribute value; empty when it is not one. */
    static Optional<TrialOwner> fromValue(Object value) {
        if (value instanceof Map<?, ?> m && m.get("machine") instanceof String machine
                && m.get("pid") instanceof Number pid && m.get("start_ticks") instanceof Number start) {
            return Optional.of(new TrialOwner(machine, pid.longValue(), start.longValue()));
        }
        return Optional.empty();
    }

    private static TrialOwner detect() {
        long pid = ProcessHandle.current().pid();
        Optional<Stat> self = Stat.read(PROC.resolve(Long.toString(pid)).resolve("stat"));
        String boot = readTrimmed(PROC.resolve("sys/kernel/random/boot_id"));
        String host = readTrimmed(PROC.resolve("sys/kernel/hostname"));
        String pidNamespace;
        try {
            pidNamespace = Files.readSymbolicLink(PROC.resolve("self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            pidNamespace = "";
        }
        if (self.isEmpty() || boot.isEmpty() || pidNamespace.isEmpty()) {
            return new TrialOwner("", pid, 0); // no /proc: liveness of others can never be proven here
        }
        return new TrialOwner(host + "/" + boot + "/" + pidNamespace, pid, self.get().startTicks);
    }

    private static String readTrimmed(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The two fields of {@code /proc/PID/stat} that matter here. */
    private record Stat(char state, long startTicks) {
        static Optional<Stat> read(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'
            int close = text.lastIndexOf(')');
            if (close < 0) {
                return Optional.empty();
            }
            String[] f = text.substring(close + 1).trim().split(" +");
            // f[0] is field 3 (state); starttime is field 22, i.e. f[19]
            if (f.length < 20 || f[0].isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Stat(f[0].charAt(0), Long.parseLong(f[19])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
