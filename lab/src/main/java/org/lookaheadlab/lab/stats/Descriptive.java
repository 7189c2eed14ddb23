package org.lookaheadlab.lab.stats;

/** Plain descriptive statistics over {@code double[]}, two-pass for accuracy. */
final class Descriptive {

    private Descriptive() {}

    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        double correction = 0; // second pass removes the rounding error of the first
        for (double v : x) {
            correction += v - mean;
        }
        return mean + correction / x.length;
    }

    /** Sample standard deviation with the n − 1 denominator; requires {@code x.length >= 2}. */
    static double sampleSd(double[] x, double mean) {
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }
}
