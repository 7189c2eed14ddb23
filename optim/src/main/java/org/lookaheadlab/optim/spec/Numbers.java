package org.lookaheadlab.optim.spec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Numbers in the spec text: the shortest decimal that reads back as the same double (Java 17's
 * {@code Double.toString} is not always shortest), written plainly for 1e-4 ≤ |x| &lt; 1e16 and as
 * {@code <digits>e<exponent>} otherwise, like Python's {@code repr}: {@code 0.001}, {@code 5}, {@code 1e-5},
 * {@code 2.5e-7}, {@code 1e16}. Reading accepts any decimal literal and {@code inf}/{@code Infinity}.
 */
final class Numbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INFINITE = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final RoundingMode[] MODES = {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING};

    private Numbers() {}

    /** 0.0 for −0.0, else {@code x}: the canonical double of a value (so that equal specs compare equal). */
    static double canonical(double x) {
        return x == 0 ? 0.0 : x;
    }

    /** The shortest round-trip text of {@code x}. */
    static String shortest(double x) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(x);
        for (int digits = 1; digits <= 17; digits++) {
            for (RoundingMode mode : MODES) {
                BigDecimal r = exact.round(new MathContext(digits, mode));
                if (r.doubleValue() == x) {
                    return render(r);
                }
            }
        }
        return render(exact.round(MathContext.DECIMAL64));
    }

    /** {@code x} rounded to {@code digits} significant digits, rendered like {@link #shortest} (for labels). */
    static String rounded(double x, int digits) {
        if (!Double.isFinite(x) || x == 0) {
            return shortest(x);
        }
        return render(new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_EVEN)));
    }

    private static String render(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        String digits = v.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - v.scale();
        String sign = v.signum() < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            return v.toPlainString();
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + exponent;
    }

    /** The double of a decimal literal, or null if {@code text} is not one. */
    static Double parse(String text) {
        String t = text.trim();
        if (DECIMAL.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        if (INFINITE.matcher(t).matches()) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }
}
