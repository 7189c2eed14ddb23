package org.lookaheadlab.lab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The report's whole decision rule ({@link PairedVerdict#decide}: t-test over seeds or study means, Holm across
 * comparisons, claim at adjusted p &lt; 0.05) applied to simulated experiments, no training.
 *
 * <p>Model of one experiment: contender c, tuning study s, verdict seed j, objective
 * y = μ_c + a_{c,s} + b_j + e_{c,s,j}, with a study effect a ~ N(0, σₐ²) (a lucky or unlucky tuning study), a
 * seed effect b shared by all contenders (the same initial weights and data order; it cancels in the pairing)
 * and run noise e ~ N(0, σₑ²). A paired difference is then Δ + (a_{c,s} − a_{0,s}) + (e_{c,s,j} − e_{0,s,j}).
 */
class VerdictCalibrationTest {

    private static final int EXPERIMENTS = 1000;
    /** Bootstrap replicates where only the claim is measured (the first test runs the report's 10,000). */
    private static final int FEW = 1000;
    private static final double STUDY_SD = 0.02;
    private static final double SEED_SD = 0.05;
    private static final double RUN_SD = 0.03;

    /** The paired differences (contender − baseline) of {@code contenders − 1} comparisons, grouped by study. */
    private static List<List<double[]>> experiment(Random random, int contenders, int studies, int seeds,
            double studySd, double[] trueDifference) {
        double[][][] y = new double[contenders][studies][seeds];
        double[] seedEffect = new double[seeds];
        for (int j = 0; j < seeds; j++) {
            seedEffect[j] = SEED_SD * random.nextGaussian();
        }
        for (int c = 0; c < contenders; c++) {
            double mu = 1.0 + (c == 0 ? 0 : trueDifference[c - 1]);
            for (int s = 0; s < studies; s++) {
                double study = studySd * random.nextGaussian();
                for (int j = 0; j < seeds; j++) {
                    y[c][s][j] = mu + study + seedEffect[j] + RUN_SD * random.nextGaussian();
                }
            }
        }
        List<List<double[]>> comparisons = new ArrayList<>();
        for (int c = 1; c < contenders; c++) {
            List<double[]> groups = new ArrayList<>();
            for (int s = 0; s < studies; s++) {
                double[] d = new double[seeds];
                for (int j = 0; j < seeds; j++) {
                    d[j] = y[c][s][j] - y[0][s][j];
                }
                groups.add(d);
            }
            comparisons.add(groups);
        }
        return comparisons;
    }

    /** Claim rate (any claim in the family), bootstrap-excludes-0 rate and mean detectable difference. */
    private record Rates(double claims, double bootstrapExcludesZero, double meanDetectable) {}

    /**
     * {@code EXPERIMENTS} experiments through the rule; the bootstrap (shown, not part of the claim) with
     * {@code resamples} replicates.
     */
    private static Rates simulate(long seed, int resamples, int contenders, int studies, int seeds, double studySd,
            double... trueDifference) {
        Random random = new Random(seed);
        int claims = 0;
        int bootstrap = 0;
        double detectable = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            List<PairedVerdict> verdicts = PairedVerdict.decide(experiment(random, contenders, studies, seeds, studySd,
                    trueDifference), resamples);
            claims += verdicts.stream().anyMatch(PairedVerdict::claimed) ? 1 : 0;
            bootstrap += verdicts.get(0).bootstrap().excludesZero() ? 1 : 0;
            detectable += verdicts.get(0).detectableDifference();
        }
        Rates r = new Rates((double) claims / EXPERIMENTS, (double) bootstrap / EXPERIMENTS, detectable / EXPERIMENTS);
        System.out.printf(Locale.ROOT, "calibration: %d contenders, %d studies x %d seeds, study sd %.3f, Δ %s:"
                + " claims %.3f, bootstrap excludes 0 %.3f, mean detectable %.4f%n", contenders, studies, seeds,
                studySd, java.util.Arrays.toString(trueDifference), r.claims(), r.bootstrapExcludesZero(),
                r.meanDetectable());
        return r;
    }

    /** The true sd of one study's mean paired difference: two study effects and 2·n run noises averaged. */
    private static double studyMeanSd(int seeds) {
        return Math.sqrt(2 * STUDY_SD * STUDY_SD + 2 * RUN_SD * RUN_SD / seeds);
    }

    @Test
    void noDifferenceIsClaimedInFivePercentOfExperimentsWithStudyAndSeedNoise() {
        Rates r = simulate(11, BootstrapInterval.DEFAULT_RESAMPLES, 2, 3, 5, STUDY_SD, 0.0);
        assertEquals(0.05, r.claims(), 0.02);
    }

    @Test
    void theClaimedPowerIsReachedAtTheDetectableDifference() {
        int studies = 3;
        double delta = Power.detectableEffect(studies, PairedVerdict.ALPHA, PairedVerdict.POWER) * studyMeanSd(5);
        Rates r = simulate(12, FEW, 2, studies, 5, STUDY_SD, delta);
        assertEquals(PairedVerdict.POWER, r.claims(), 0.04);
        Rates negative = simulate(13, FEW, 2, studies, 5, STUDY_SD, -delta);
        assertEquals(PairedVerdict.POWER, negative.claims(), 0.04, "two-sided: either direction");
    }

    @Test
    void oneStudyWithSeedNoiseOnlyIsCalibratedAndReachesItsPower() {
        assertEquals(0.05, simulate(21, FEW, 2, 1, 5, 0, 0.0).claims(), 0.02);
        double sd = Math.sqrt(2) * RUN_SD;
        double delta = Power.detectableEffect(5, PairedVerdict.ALPHA, PairedVerdict.POWER) * sd;
        assertEquals(PairedVerdict.POWER, simulate(22, FEW, 2, 1, 5, 0, delta).claims(), 0.04);
    }

    /** Why the verdict needs several studies: one study's luck is invisible to a test over its seeds. */
    @Test
    void oneStudyCannotSeeTheLuckOfItsTuningStudy() {
        double falsePositives = simulate(31, FEW, 2, 1, 5, STUDY_SD, 0.0).claims();
        assertTrue(falsePositives > 0.15, "one study with study-level noise: " + falsePositives);
    }

    @Test
    void holmKeepsTheFamilyWiseErrorOfThreeContendersAtFivePercent() {
        Rates r = simulate(41, FEW, 3, 3, 5, STUDY_SD, 0.0, 0.0);
        assertTrue(r.claims() <= 0.07 && r.claims() >= 0.02, "family-wise error " + r.claims());
        // with two comparisons the detectable difference is computed at 0.05 / 2: power at least 80% for each
        double delta = Power.detectableEffect(3, PairedVerdict.ALPHA / 2, PairedVerdict.POWER) * studyMeanSd(5);
        Random random = new Random(42);
        int detected = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            detected += PairedVerdict.decide(experiment(random, 3, 3, 5, STUDY_SD, new double[] {delta, 0.0}), FEW)
                    .get(0).claimed() ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "calibration: Holm, 2 comparisons, power at the 0.025-level detectable"
                + " difference: %.3f%n", (double) detected / EXPERIMENTS);
        assertTrue(detected >= (PairedVerdict.POWER - 0.04) * EXPERIMENTS, "power " + detected);
    }
}
