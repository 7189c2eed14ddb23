package org.lookaheadlab.lab.report;

import java.util.Locale;
import org.lookaheadlab.lab.stats.MeanInterval;

/** Number formatting shared by the report writers (locale-independent). */
public final class Format {

    private Format() {}

    /** Four significant digits; "NaN"/"inf" spelled out; null as "–". */
    public static String num(Double v) {
        if (v == null) {
            return "–";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A p-value: three significant digits, "< 0.0001" below that, "n/a" when undefined. */
    public static String p(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        if (p < 1e-4) {
            return "< 0.0001";
        }
        return String.format(Locale.ROOT, "%.3g", p);
    }

    /** A p-value after its name: "= 0.229", "< 0.0001" or "= n/a". */
    public static String pIs(double p) {
        String f = p(p);
        return f.startsWith("<") ? f : "= " + f;
    }

    /** "mean ± half-width" or "mean" when the interval is undefined. */
    public static String ci(MeanInterval ci) {
        if (ci == null) {
            return "–";
        }
        if (Double.isNaN(ci.halfWidth())) {
            return num(ci.mean()) + " (n=1)";
        }
        return num(ci.mean()) + " ± " + num(ci.halfWidth());
    }
}
