package org.lookaheadlab.lab.suite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Performance profiles in the sense of Dolan &amp; Moré (2002) as AlgoPerf scores optimizers: with t_{w,c} the time
 * to target of contender c on workload w (+∞ when it missed the target), the ratio r_{w,c} = t_{w,c} / min_{c'} t_{w,c'} and
 * the profile ρ_c(τ) = |{w : r_{w,c} ≤ τ}| / |W| for τ ≥ 1: the fraction of workloads on which c was within a factor τ
 * of the fastest contender. ρ_c(1) is the fraction of workloads c wins (ties count for all); a workload on which
 * no contender reached the target counts against every contender.
 *
 * @param contenders contender names (columns of times)
 * @param workloads workload names (rows of times)
 * @param times t_{w,c}: times[w][c], +∞ for a missed target
 */
public record PerformanceProfile(List<String> contenders, List<String> workloads, double[][] times) {

    public PerformanceProfile {
        contenders = List.copyOf(contenders);
        workloads = List.copyOf(workloads);
        if (times.length != workloads.size()) {
            throw new IllegalArgumentException("times has " + times.length + " rows for " + workloads.size()
                    + " workloads");
        }
        double[][] copy = new double[times.length][];
        for (int w = 0; w < times.length; w++) {
            if (times[w].length != contenders.size()) {
                throw new IllegalArgumentException("times row " + w + " has " + times[w].length + " values for "
                        + contenders.size() + " contenders");
            }
            for (double t : times[w]) {
                if (Double.isNaN(t) || t < 0) {
                    throw new IllegalArgumentException("a time to target is " + t + ", accepted: [0, +∞]");
                }
            }
            copy[w] = times[w].clone();
        }
        times = copy;
    }

    /** r_{w,c} = t_{w,c} / min_{c'} t_{w,c'} (+∞ when c missed the target or no contender reached it; 1 when the best took 0). */
    public double ratio(int workload, int contender) {
        double best = Arrays.stream(times[workload]).min().orElse(Double.POSITIVE_INFINITY);
        double t = times[workload][contender];
        if (Double.isInfinite(best) || Double.isInfinite(t)) {
            return Double.POSITIVE_INFINITY;
        }
        return best == 0 ? (t == 0 ? 1 : Double.POSITIVE_INFINITY) : t / best;
    }

    /** ρ_c(τ). */
    public double rho(int contender, double tau) {
        if (workloads.isEmpty()) {
            return Double.NaN;
        }
        int within = 0;
        for (int w = 0; w < workloads.size(); w++) {
            if (ratio(w, contender) <= tau) {
                within++;
            }
        }
        return (double) within / workloads.size();
    }

    /** The τ at which some ρ_c steps up: 1 and every finite ratio, ascending. */
    public List<Double> breakpoints() {
        TreeSet<Double> taus = new TreeSet<>();
        taus.add(1.0);
        for (int w = 0; w < workloads.size(); w++) {
            for (int c = 0; c < contenders.size(); c++) {
                double r = ratio(w, c);
                if (Double.isFinite(r)) {
                    taus.add(r);
                }
            }
        }
        return new ArrayList<>(taus);
    }

    @Override
    public double[][] times() {
        double[][] copy = new double[times.length][];
        for (int w = 0; w < times.length; w++) {
            copy[w] = times[w].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerformanceProfile p && p.contenders.equals(contenders) && p.workloads.equals(workloads)
                && Arrays.deepEquals(p.times, times);
    }

    @Override
    public int hashCode() {
        return contenders.hashCode() * 31 + Arrays.deepHashCode(times);
    }
}
