package org.lookaheadlab.optim;

import java.util.Arrays;
import java.util.Locale;

/** What a Lookahead-style wrapper does with the inner optimizer's state at each synchronisation. */
public enum InnerState {
    /** Leave the inner state alone. */
    NONE,
    /** Re-initialise the inner optimizer's whole state of the parameter (step counter included). */
    RESET,
    /**
     * Treat every momentum-like buffer m like the weights: m_slow ← m_slow + α(m − m_slow); m ← m_slow, with
     * m_slow a separate copy (zeros at start).
     */
    PULLBACK;

    /** Parses {@code none | reset | pullback} (case-insensitive). */
    public static InnerState parse(String text) {
        for (InnerState s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("innerState = '" + text + "' is not accepted; accepted: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
