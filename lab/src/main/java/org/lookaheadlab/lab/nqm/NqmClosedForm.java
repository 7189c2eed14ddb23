package org.lookaheadlab.lab.nqm;

/**
 * The exact mean, variance and expected loss of an optimizer's iterates on the NQM ({@link NqmProblem}), at the
 * end of every cycle of its {@link CycleRule}, from the linear recursion of one cycle. Derivation (also in
 * {@code docs/nqm.md}); one coordinate, indices i dropped, ρ = 1 − η·h:
 *
 * <p><b>Inner steps.</b> SGD on {@code ½ h (x − c)²} is {@code x ← x − η·h·(x − c) = ρ·x + η·h·c}. From
 * x₀ = φ (the slow weights at the start of the cycle), with c₁ … c_k the cycle's fresh noise draws,
 * <pre>  xⱼ = ρʲ·φ + η·h·Σ_{l=1..j} ρ^{j−l}·c_l.</pre>
 *
 * <p><b>One cycle.</b> {@code φ' = (1 − α)·φ + α·Σⱼ ωⱼ xⱼ = A·φ + α·η·h·Σ_{l=1..k} W_l·c_l} with
 * <pre>  A = 1 − α + α·Σ_{j=1..k} ωⱼ·ρʲ,      W_l = Σ_{j=l..k} ωⱼ·ρ^{j−l}.</pre>
 * The noise of a cycle is independent of φ and of other cycles, so
 * <pre>  E φ' = A·E φ,      Var φ' = A²·Var φ + B,      B = α²·η²·h²·σ²·Σ_l W_l².</pre>
 *
 * <p><b>After n cycles</b> from the deterministic x₀: {@code E φₙ = Aⁿ·x₀} and
 * {@code Var φₙ = B·(1 − A^{2n})/(1 − A²)} (n·B when A² = 1). For |A| &lt; 1 the steady state is
 * {@code Var φ∞ = B/(1 − A²)} and mean 0; for |A| ≥ 1 and B &gt; 0 it diverges. The expected loss (the NQM's,
 * without the constant {@code ½Σhσ²}) is {@code ½ Σᵢ hᵢ·(Var φₙ,ᵢ + (E φₙ,ᵢ)²)}.
 *
 * <p><b>Checks of the recursion.</b> SGD (k = 1, α = 1, ω₁ = 1): A = ρ, B = η²h²σ², so
 * {@code Var = η²h²σ²/(1 − ρ²)}. Lookahead (ω_k = 1): A = 1 − α(1 − ρᵏ), W_l = ρ^{k−l}, Σ W_l² =
 * (1 − ρ^{2k})/(1 − ρ²), so {@code Var φ∞ = α²(1 − ρ^{2k})·Var_SGD / (1 − (1 − α(1 − ρᵏ))²)}, and since
 * {@code 1 − (1 − a)² = 2a − a²} with a = α(1 − ρᵏ), and {@code 2α(1 − ρᵏ) − α²(1 − ρᵏ)² =
 * α²(1 − ρ^{2k}) + 2α(1 − α)(1 − ρᵏ)}, this is the Lookahead paper's Proposition 1, the form
 * {@link #lookaheadPaperVariance} evaluates. TrajectoryLookahead(k, m, α): ωⱼ = 1/m on its m averaged steps, so
 * {@code A = 1 − α + (α/m)·Σ_{j∈P} ρʲ} and {@code Σ_l W_l² = (1/m²)·Σ_l (Σ_{j∈P, j≥l} ρ^{j−l})²}: averaging
 * earlier fast points pulls less toward the noise of the cycle's last steps but also contracts less (Σ_P ρʲ/m &gt;
 * ρᵏ), which is the trade-off its steady state measures.
 */
public final class NqmClosedForm {

    private final NqmProblem problem;
    private final CycleRule rule;
    private final double[] a;
    private final double[] b;

    /** The closed form of {@code rule} on {@code problem}. */
    public NqmClosedForm(NqmProblem problem, CycleRule rule) {
        this.problem = problem;
        this.rule = rule;
        int dim = problem.dim();
        a = new double[dim];
        b = new double[dim];
        int k = rule.k();
        double alpha = rule.alpha();
        for (int i = 0; i < dim; i++) {
            double h = problem.h(i);
            double rho = 1 - rule.lr() * h;
            double[] rhoPow = new double[k + 1];
            rhoPow[0] = 1;
            for (int j = 1; j <= k; j++) {
                rhoPow[j] = rhoPow[j - 1] * rho;
            }
            double drift = 0;
            for (int j = 1; j <= k; j++) {
                drift += rule.weight(j) * rhoPow[j];
            }
            a[i] = 1 - alpha + alpha * drift;
            double sumW2 = 0;
            for (int l = 1; l <= k; l++) {
                double w = 0;
                for (int j = l; j <= k; j++) {
                    w += rule.weight(j) * rhoPow[j - l];
                }
                sumW2 += w * w;
            }
            double eta = rule.lr();
            b[i] = alpha * alpha * eta * eta * h * h * problem.sigma2(i) * sumW2;
        }
    }

    /** The cycle's contraction Aᵢ of coordinate i (0-based). */
    public double contraction(int i) {
        return a[i];
    }

    /** The variance Bᵢ one cycle adds to coordinate i (0-based). */
    public double noise(int i) {
        return b[i];
    }

    /** Inner steps per cycle k. */
    public int cycleLength() {
        return rule.k();
    }

    /** E φ of coordinate i after n cycles. */
    public double mean(int i, long n) {
        return Math.pow(a[i], n) * problem.start(i);
    }

    /** Var φ of coordinate i after n cycles. */
    public double variance(int i, long n) {
        double a2 = a[i] * a[i];
        if (a2 == 1) {
            return n * b[i];
        }
        return b[i] * (1 - Math.pow(a2, n)) / (1 - a2);
    }

    /** Steady-state Var φ of coordinate i: Bᵢ/(1 − Aᵢ²), +∞ when |Aᵢ| ≥ 1 and Bᵢ &gt; 0. */
    public double steadyVariance(int i) {
        double a2 = a[i] * a[i];
        if (a2 >= 1) {
            return b[i] == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return b[i] / (1 - a2);
    }

    /** Expected loss ½ Σ hᵢ (Var + mean²) after n cycles (n·k inner steps). */
    public double expectedLoss(long n) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double m = mean(i, n);
            sum += problem.h(i) * (variance(i, n) + m * m);
        }
        return sum / 2;
    }

    /** Mean of {@link #expectedLoss} over cycles {@code first … last} (inclusive). */
    public double meanExpectedLoss(long first, long last) {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("cycles " + first + ".." + last + ", accepted: 0 <= first <= last");
        }
        double sum = 0;
        for (long n = first; n <= last; n++) {
            sum += expectedLoss(n);
        }
        return sum / (last - first + 1);
    }

    /** Steady-state expected loss ½ Σ hᵢ Var φ∞,ᵢ (the mean has decayed; |A| &lt; 1), +∞ if it diverges. */
    public double steadyStateLoss() {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] * a[i] >= 1 && problem.start(i) != 0) {
                return Double.POSITIVE_INFINITY;
            }
            sum += problem.h(i) * steadyVariance(i);
        }
        return sum / 2;
    }

    /** SGD's steady-state variance η²h²σ²/(1 − ρ²) of coordinate i (+∞ unless |ρ| &lt; 1). */
    public static double sgdVariance(double lr, double h, double sigma2) {
        double rho = 1 - lr * h;
        return rho * rho >= 1 ? Double.POSITIVE_INFINITY : lr * lr * h * h * sigma2 / (1 - rho * rho);
    }

    /**
     * The Lookahead paper's Proposition 1 as stated: Var φ∞ = α²(1 − ρ^{2k}) / (α²(1 − ρ^{2k}) + 2α(1 − α)(1 − ρᵏ))
     * · Var_SGD (a closed form independent of this class's recursion; they agree, see the class comment).
     */
    public static double lookaheadPaperVariance(double lr, int k, double alpha, double h, double sigma2) {
        double rho = 1 - lr * h;
        double rk = Math.pow(rho, k);
        double r2k = rk * rk;
        double num = alpha * alpha * (1 - r2k);
        return num / (num + 2 * alpha * (1 - alpha) * (1 - rk)) * sgdVariance(lr, h, sigma2);
    }
}
