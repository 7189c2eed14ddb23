package org.lookaheadlab.lab.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Injects the faults while the soak's active period lasts: on one thread, SIGKILLs of a random tune worker every
 * {@code killMinMillis}..{@code killMaxMillis}; on another, the other kinds in turn every {@code slotMillis} (a
 * shuffled round of: PostgreSQL restart — a crash or a fast shutdown, down 0.5–4 s —, proxy drop, proxy delay
 * window, proxy half-open window, disk full for 8–20 s). {@link #stop()} ends both and undoes what is still on.
 */
final class FaultInjector {

    private final FaultLog log;
    private final Random random;
    private final List<TuneLane> lanes;
    private final PgCluster pg;
    private final FaultProxy proxy;
    private final SmallDisk disk;
    private final long killMinMillis;
    private final long killMaxMillis;
    private final long slotMillis;
    private volatile boolean stopped;
    private final List<Thread> threads = new ArrayList<>();
    private volatile Throwable crash;

    FaultInjector(FaultLog log, Random random, List<TuneLane> lanes, PgCluster pg, FaultProxy proxy, SmallDisk disk,
                  long killMinMillis, long killMaxMillis, long slotMillis) {
        this.log = log;
        this.random = random;
        this.lanes = lanes;
        this.pg = pg;
        this.proxy = proxy;
        this.disk = disk;
        this.killMinMillis = killMinMillis;
        this.killMaxMillis = killMaxMillis;
        this.slotMillis = slotMillis;
    }

    void start() {
        threads.add(thread("soak-kills", this::killLoop));
        threads.add(thread("soak-faults", this::faultLoop));
    }

    Throwable crash() {
        return crash;
    }

    /** Ends the active period: no more faults; the proxy passes everything, the disk has room, the server runs. */
    void stop() throws Exception {
        stopped = true;
        for (Thread t : threads) {
            t.interrupt();
            t.join(120_000);
        }
        proxy.delay(0);
        proxy.halfOpen(false);
        disk.free();
        if (!pg.isUp()) {
            pg.start();
        }
    }

    private interface Loop {
        void run() throws Exception;
    }

    private Thread thread(String name, Loop loop) {
        Thread t = new Thread(() -> {
            try {
                loop.run();
            } catch (InterruptedException e) {
                // stopped
            } catch (Throwable e) {
                crash = e;
                e.printStackTrace();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void killLoop() throws Exception {
        while (!stopped) {
            Thread.sleep(killMinMillis + (long) (random.nextDouble() * (killMaxMillis - killMinMillis)));
            TuneLane lane = lanes.get(random.nextInt(lanes.size()));
            Proc victim = lane.randomWorker();
            if (victim == null || stopped) {
                continue;
            }
            victim.kill();
            log.add(FaultLog.Kind.WORKER_SIGKILL, victim.pid(), lane.current() + " worker " + victim.name + " after "
                    + (System.currentTimeMillis() - victim.started.toEpochMilli()) / 100 / 10.0 + " s");
        }
    }

    private void faultLoop() throws Exception {
        List<FaultLog.Kind> round = new ArrayList<>();
        while (!stopped) {
            Thread.sleep(slotMillis / 2 + random.nextInt((int) slotMillis / 2));
            if (round.isEmpty()) {
                round.addAll(List.of(FaultLog.Kind.PG_RESTART, FaultLog.Kind.PROXY_DROP, FaultLog.Kind.PROXY_DELAY,
                        FaultLog.Kind.PROXY_HALF_OPEN, FaultLog.Kind.DISK_FULL));
                Collections.shuffle(round, random);
            }
            inject(round.remove(0));
        }
    }

    private void inject(FaultLog.Kind kind) throws Exception {
        switch (kind) {
            case PG_RESTART -> {
                boolean crashIt = random.nextBoolean();
                long down = 500 + random.nextInt(3500);
                log.add(kind, 0, (crashIt ? "crash (immediate shutdown)" : "fast shutdown") + ", down " + down
                        + " ms");
                pg.restart(crashIt, down);
            }
            case PROXY_DROP -> log.add(kind, 0, proxy.dropAll() + " connections reset");
            case PROXY_DELAY -> {
                long each = 200 + random.nextInt(1300);
                long window = 4000 + random.nextInt(6000);
                log.add(kind, 0, each + " ms per chunk for " + window + " ms");
                proxy.delay(each);
                sleepUninterrupted(window);
                proxy.delay(0);
            }
            case PROXY_HALF_OPEN -> {
                long window = 2000 + random.nextInt(4000);
                int hit = proxy.halfOpen(true);
                log.add(kind, 0, hit + " open connections and all new ones for " + window + " ms go silent for good");
                sleepUninterrupted(window);
                proxy.halfOpen(false);
            }
            case DISK_FULL -> {
                long hold = 8000 + random.nextInt(12000);
                long bytes = disk.fill();
                log.add(kind, 0, disk.kind() + " filled (" + bytes / 1024 + " KB of filler) for " + hold + " ms");
                sleepUninterrupted(hold);
                disk.free();
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    /** Sleeps even when stopped meanwhile, so that a window always closes itself. */
    private static void sleepUninterrupted(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.max(1, end - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                return; // stop() undoes the fault
            }
        }
    }
}
