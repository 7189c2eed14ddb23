package org.lookaheadlab.lab.data;

import java.util.Arrays;

/**
 * mnist1d's per-sample {@code transform(x, t, args)} ({@code shared/specs/mnist1d.md} §3.2), with
 * {@code Lw = templateLen + paddingHigh} and {@code F = finalSeqLength}. In order, drawing from the shared RNG:
 *
 * <ol>
 *   <li><b>pad</b>: {@code p = low + (int)(rand()·(high − low + 1))}; {@code a = (x + 1e-8) ++ p zeros};</li>
 *   <li><b>dilate</b>: {@code v = interp(a → Lw)} (see {@link LinearResampler});</li>
 *   <li><b>scale</b>: {@code v *= 1 + scaleCoeff·(rand() − 0.5)};</li>
 *   <li><b>translate</b>: {@code k = choice(maxTranslation)}; {@code w = concat(v[−k:], v[:−k])}, i.e. a right
 *       roll by {@code k} when {@code 0 < k < Lw} and the identity otherwise (Python slicing);</li>
 *   <li><b>correlated noise</b>: {@code g = corrNoiseScale·randn(Lw)}, smoothed by {@link GaussianFilter1d};
 *       positions where {@code w == 0.0} take the smoothed noise, the others keep {@code w};</li>
 *   <li><b>white noise</b>: {@code w += iidNoiseScale·randn(Lw)};</li>
 *   <li><b>shear</b>: {@code c = shearScale·(rand() − 0.5)}; {@code w −= c·linspace(−0.5, 0.5, Lw)};</li>
 *   <li><b>subsample</b>: {@code out = interp(w → F)}.</li>
 * </ol>
 *
 * Each product is rounded before the following add (no fused multiply-add). The transformed time axis
 * {@code interp(interp(t, Lw), F)} is the same for every sample: {@link #timeAxis}. One instance reuses its
 * buffers; not thread-safe.
 */
public final class Mnist1dTransform {

    /** The constant added to every template value before padding. */
    public static final double EPS = 1e-8;

    /** The intermediate results a {@link StepListener} can observe, in transform order. */
    public enum Step {
        AFTER_PAD("after_pad"),
        AFTER_DILATE("after_dilate"),
        AFTER_SCALE("after_scale"),
        AFTER_TRANSLATE("after_translate"),
        CORR_NOISE("corr_noise"),
        AFTER_CORR_NOISE("after_corr_noise"),
        AFTER_IID_NOISE("after_iid_noise"),
        AFTER_SHEAR("after_shear"),
        FINAL("final");

        private final String traceName;

        Step(String traceName) {
            this.traceName = traceName;
        }

        /** The step's name in the reference trace file, e.g. {@code after_pad}. */
        public String traceName() {
            return traceName;
        }
    }

    /** Receives a copy of the signal after each step (for tests and debugging). */
    @FunctionalInterface
    public interface StepListener {
        void onStep(Step step, double[] values);
    }

    private final Mnist1dConfig config;
    private final int workingLength;
    private final int finalLength;
    private final LinearResampler[] dilate;
    private final LinearResampler subsample;
    private final GaussianFilter1d filter;
    private final double[] shearRamp;
    private final double[] padded;
    private final double[] v;
    private final double[] w;
    private final double[] noise;
    private final double[] smooth;
    private final double[] timeAxis;

    public Mnist1dTransform(Mnist1dConfig config) {
        this.config = config;
        this.workingLength = config.workingLength();
        this.finalLength = config.finalSeqLength();
        int low = config.paddingLow();
        int high = config.paddingHigh();
        dilate = new LinearResampler[high - low + 1];
        subsample = new LinearResampler(workingLength, finalLength);
        filter = new GaussianFilter1d(workingLength);
        shearRamp = NumpyNumerics.linspace(-0.5, 0.5, workingLength);
        padded = new double[Mnist1dTemplates.LENGTH + high];
        v = new double[workingLength];
        w = new double[workingLength];
        noise = new double[workingLength];
        smooth = new double[workingLength];
        double[] t = Mnist1dTemplates.get().timeView();
        double[] tWorking = new LinearResampler(t.length, workingLength).resample(t);
        timeAxis = subsample.resample(tWorking);
    }

    /** The transformed time axis {@code interp(interp(t_tpl, Lw), F)} (a copy), before normalisation. */
    public double[] timeAxis() {
        return timeAxis.clone();
    }

    private LinearResampler dilateFor(int p) {
        int idx = p - config.paddingLow();
        LinearResampler r = dilate[idx];
        if (r == null) {
            r = new LinearResampler(Mnist1dTemplates.LENGTH + p, workingLength);
            dilate[idx] = r;
        }
        return r;
    }

    /**
     * Transforms one 12-point template into {@code out[0..F)}, drawing from {@code rng}.
     *
     * @param template the 12 template values ({@link Mnist1dTemplates})
     * @param rng the generator's RNG, advanced by exactly the draws of the original
     * @param out receives the {@code finalSeqLength} output values
     * @param listener receives the intermediate signals, or {@code null}
     */
    public void apply(double[] template, LegacyRandomState rng, double[] out, StepListener listener) {
        if (template.length != Mnist1dTemplates.LENGTH) {
            throw new IllegalArgumentException("template must have " + Mnist1dTemplates.LENGTH + " values, got "
                    + template.length);
        }
        if (out.length < finalLength) {
            throw new IllegalArgumentException("out must have at least " + finalLength + " values, got " + out.length);
        }
        int n = workingLength;
        // 1. pad
        int low = config.paddingLow();
        int high = config.paddingHigh();
        int p = low + (int) (rng.randomSample() * (high - low + 1));
        int tl = template.length;
        for (int i = 0; i < tl; i++) {
            padded[i] = template[i] + EPS;
        }
        Arrays.fill(padded, tl, tl + p, 0.0);
        if (listener != null) {
            listener.onStep(Step.AFTER_PAD, Arrays.copyOf(padded, tl + p));
        }
        // 2. dilate
        dilateFor(p).resample(padded, v);
        notify(listener, Step.AFTER_DILATE, v);
        // 3. scale
        double f = 1.0 + config.scaleCoeff() * (rng.randomSample() - 0.5);
        for (int i = 0; i < n; i++) {
            v[i] = v[i] * f;
        }
        notify(listener, Step.AFTER_SCALE, v);
        // 4. translate
        int k = rng.choice(config.maxTranslation());
        if (k == 0 || k >= n) {
            System.arraycopy(v, 0, w, 0, n);
        } else {
            System.arraycopy(v, n - k, w, 0, k);
            System.arraycopy(v, 0, w, k, n - k);
        }
        notify(listener, Step.AFTER_TRANSLATE, w);
        // 5. correlated background noise
        double corrScale = config.corrNoiseScale();
        for (int i = 0; i < n; i++) {
            noise[i] = corrScale * rng.gauss();
        }
        filter.apply(noise, smooth);
        notify(listener, Step.CORR_NOISE, smooth);
        for (int i = 0; i < n; i++) {
            if (w[i] == 0.0) {
                w[i] = smooth[i];
            }
        }
        notify(listener, Step.AFTER_CORR_NOISE, w);
        // 6. white noise
        double iidScale = config.iidNoiseScale();
        for (int i = 0; i < n; i++) {
            w[i] = w[i] + iidScale * rng.gauss();
        }
        notify(listener, Step.AFTER_IID_NOISE, w);
        // 7. shear
        double c = config.shearScale() * (rng.randomSample() - 0.5);
        for (int i = 0; i < n; i++) {
            w[i] = w[i] - c * shearRamp[i];
        }
        notify(listener, Step.AFTER_SHEAR, w);
        // 8. subsample
        subsample.resample(w, out);
        notify(listener, Step.FINAL, Arrays.copyOf(out, finalLength));
    }

    private static void notify(StepListener listener, Step step, double[] values) {
        if (listener != null) {
            listener.onStep(step, values.clone());
        }
    }
}
