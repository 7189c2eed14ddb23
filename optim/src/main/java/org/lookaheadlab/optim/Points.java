package org.lookaheadlab.optim;

import java.util.Arrays;
import java.util.Locale;

/** Which fast-trajectory points of a cycle TrajectoryLookahead averages. */
public enum Points {
    /** The fast weights after inner steps k−m+1, …, k of the cycle. */
    LAST,
    /** m points spaced evenly over the cycle: after steps ⌊j·k/m⌋ for j = 1..m (the last one is step k). */
    SPREAD;

    /** Parses {@code last | spread} (case-insensitive). */
    public static Points parse(String text) {
        for (Points p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("points = '" + text + "' is not accepted; accepted: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
