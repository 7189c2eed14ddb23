package org.lookaheadlab.lab.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Dolan–Moré / AlgoPerf performance profiles on a table worked out by hand. */
class PerformanceProfileTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /*
     * times (steps to target)     a     b     c
     *   w1                        100   150   400     ratios 1, 1.5, 4
     *   w2                        300   200   INF     ratios 1.5, 1, inf
     *   w3                        INF   INF   INF     nobody: inf, inf, inf
     *   w4                        50    50    60      ratios 1, 1, 1.2
     */
    private static final PerformanceProfile P = new PerformanceProfile(List.of("a", "b", "c"),
            List.of("w1", "w2", "w3", "w4"), new double[][] {{100, 150, 400}, {300, 200, INF}, {INF, INF, INF},
                {50, 50, 60}});

    @Test
    void ratiosAreTimesOverTheFastestContender() {
        assertEquals(1.5, P.ratio(0, 1), 1e-15);
        assertEquals(4.0, P.ratio(0, 2), 1e-15);
        assertEquals(1.5, P.ratio(1, 0), 1e-15);
        assertEquals(INF, P.ratio(1, 2));
        assertEquals(INF, P.ratio(2, 0));
        assertEquals(1.0, P.ratio(3, 1), 1e-15);
        assertEquals(1.2, P.ratio(3, 2), 1e-15);
    }

    @Test
    void rhoCountsTheWorkloadsWithinTau() {
        // a: ratios 1, 1.5, inf, 1
        assertEquals(0.5, P.rho(0, 1), 1e-15);
        assertEquals(0.5, P.rho(0, 1.49), 1e-15);
        assertEquals(0.75, P.rho(0, 1.5), 1e-15);
        assertEquals(0.75, P.rho(0, 1e9), 1e-15);
        // b: ratios 1.5, 1, inf, 1
        assertEquals(0.5, P.rho(1, 1), 1e-15);
        assertEquals(0.75, P.rho(1, 2), 1e-15);
        // c: ratios 4, inf, inf, 1.2
        assertEquals(0.0, P.rho(2, 1), 1e-15);
        assertEquals(0.25, P.rho(2, 1.2), 1e-15);
        assertEquals(0.5, P.rho(2, 4), 1e-15);
        assertEquals(List.of(1.0, 1.2, 1.5, 4.0), P.breakpoints());
    }

    @Test
    void aTieAtZeroIsOneAndBadTimesAreRefused() {
        PerformanceProfile zero = new PerformanceProfile(List.of("a", "b"), List.of("w"), new double[][] {{0, 0}});
        assertEquals(1.0, zero.ratio(0, 1));
        assertEquals("a time to target is NaN, accepted: [0, +∞]", assertThrows(IllegalArgumentException.class,
                () -> new PerformanceProfile(List.of("a"), List.of("w"), new double[][] {{Double.NaN}})).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new PerformanceProfile(List.of("a", "b"), List.of("w"), new double[][] {{1}}));
    }

    @Test
    void suitesAndWorkloadNamesResolveOrAreOneClearError() {
        assertEquals(List.of("mlp", "cnn", "gru", "nqm"), Suites.resolve("small").stream().map(Workload::name).toList());
        assertEquals(List.of("gru", "mlp"), Suites.resolve("gru, mlp").stream().map(Workload::name).toList());
        assertEquals("--suite names 'vit', accepted: a suite (small) or workloads NAME,NAME... of mlp, cnn, gru, nqm",
                assertThrows(IllegalArgumentException.class, () -> Suites.resolve("mlp,vit")).getMessage());
        assertEquals("--suite names workload 'mlp' twice",
                assertThrows(IllegalArgumentException.class, () -> Suites.resolve("mlp,mlp")).getMessage());
    }
}
