package org.lookaheadlab.lab.cli;

/**
 * The refusal of a flag that only means something together with another one (a Lookahead setting without
 * {@code --lookahead}, a schedule setting of another {@code --lr-schedule}): one line,
 * {@code <flag> is set but <what is set instead>, accepted only with <the flags it needs>}, rather than the flag
 * being silently ignored.
 */
final class FlagDependency {

    private FlagDependency() {}

    /**
     * Refuses {@code flag} when it was given ({@code value} not null) but what it needs is not.
     *
     * @param flag the dependent flag, e.g. {@code --lookahead-alpha}
     * @param value its value, null when the flag was not given
     * @param needed whether what the flag needs is given
     * @param instead what is given instead, e.g. {@code --lr-schedule is none}
     * @param accepted what the flag needs, e.g. {@code --lookahead or --trajectory-lookahead}
     * @throws IllegalArgumentException {@code <flag> is set but <instead>, accepted only with <accepted>}
     */
    static void requireFor(String flag, Object value, boolean needed, String instead, String accepted) {
        if (value != null && !needed) {
            throw new IllegalArgumentException(flag + " is set but " + instead + ", accepted only with " + accepted);
        }
    }
}
