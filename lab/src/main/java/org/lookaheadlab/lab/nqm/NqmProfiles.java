package org.lookaheadlab.lab.nqm;

import java.util.Locale;

/**
 * The text forms of the NQM's curvatures and noise variances on the command line.
 * <ul>
 *   <li>{@code --h}: {@code inverse} (hᵢ = 1/i, the default), {@code power:P} (hᵢ = i^−P), {@code const:V}, or
 *       {@code V1,V2,...} (one value per dimension);</li>
 *   <li>{@code --sigma2}: {@code h} (σᵢ² = hᵢ, the default), {@code scale:S} (σᵢ² = S·hᵢ), {@code const:V}, or
 *       {@code V1,V2,...}.</li>
 * </ul>
 */
public final class NqmProfiles {

    private NqmProfiles() {}

    /** The curvatures of {@code --h} for {@code dim} dimensions. */
    public static double[] curvatures(String text, int dim) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double[] h = new double[dim];
        if (t.equals("inverse")) {
            for (int i = 0; i < dim; i++) {
                h[i] = 1.0 / (i + 1);
            }
            return h;
        }
        if (t.startsWith("power:")) {
            double p = number("--h", t.substring(6), text);
            for (int i = 0; i < dim; i++) {
                h[i] = Math.pow(i + 1, -p);
            }
            return h;
        }
        if (t.startsWith("const:")) {
            java.util.Arrays.fill(h, number("--h", t.substring(6), text));
            return h;
        }
        if (Character.isDigit(t.isEmpty() ? ' ' : t.charAt(0)) || t.startsWith(".")) {
            return list("--h", t, dim, text);
        }
        throw new IllegalArgumentException("--h is '" + text + "', accepted: inverse, power:P, const:V or a list "
                + "V1,V2,... of " + dim + " values");
    }

    /** The noise variances of {@code --sigma2} for curvatures {@code h}. */
    public static double[] variances(String text, double[] h) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int dim = h.length;
        double[] s = new double[dim];
        if (t.equals("h")) {
            return h.clone();
        }
        if (t.startsWith("scale:")) {
            double scale = number("--sigma2", t.substring(6), text);
            for (int i = 0; i < dim; i++) {
                s[i] = scale * h[i];
            }
            return s;
        }
        if (t.startsWith("const:")) {
            java.util.Arrays.fill(s, number("--sigma2", t.substring(6), text));
            return s;
        }
        if (Character.isDigit(t.isEmpty() ? ' ' : t.charAt(0)) || t.startsWith(".")) {
            return list("--sigma2", t, dim, text);
        }
        throw new IllegalArgumentException("--sigma2 is '" + text + "', accepted: h, scale:S, const:V or a list "
                + "V1,V2,... of " + dim + " values");
    }

    private static double[] list(String flag, String t, int dim, String text) {
        String[] parts = t.split(",");
        if (parts.length != dim) {
            throw new IllegalArgumentException(flag + " lists " + parts.length + " values, accepted: " + dim
                    + " (one per dimension, --dim)");
        }
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = number(flag, parts[i], text);
        }
        return v;
    }

    private static double number(String flag, String part, String text) {
        try {
            return Double.parseDouble(part.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " is '" + text + "': '" + part.trim() + "' is not a number", e);
        }
    }
}
