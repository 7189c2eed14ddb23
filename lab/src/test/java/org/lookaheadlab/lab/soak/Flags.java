package org.lookaheadlab.lab.soak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The soak's {@code --name value} flags; an unknown flag or a bad number is refused with one line. */
final class Flags {

    private static final Set<String> KNOWN = Set.of("--minutes", "--seed", "--pg-port", "--pg-dir", "--disk",
            "--disk-mb", "--out", "--target");

    private Flags() {
    }

    static Map<String, String> parse(String[] argv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!KNOWN.contains(argv[i]) || i + 1 >= argv.length) {
                throw new IllegalArgumentException("soak: unknown flag or missing value: '" + argv[i]
                        + "', accepted: " + KNOWN);
            }
            out.put(argv[i], argv[++i]);
        }
        return out;
    }

    static double number(Map<String, String> flags, String name, double fallback, double low, double high) {
        String v = flags.get(name);
        if (v == null) {
            return fallback;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!(d >= low && d <= high)) {
            throw new IllegalArgumentException("soak: " + name + " is '" + v + "', accepted range: " + low + " .. "
                    + high);
        }
        return d;
    }
}
