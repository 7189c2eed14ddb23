package org.lookaheadlab.optim.spec;

/**
 * A spec text that cannot be read: one line, {@code optimizer spec 'TEXT' at position N: PROBLEM}, where N counts
 * characters from 1 and PROBLEM says what was expected there, or which name or value is wrong and what is
 * accepted (from the {@link Registry}).
 */
public final class SpecSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String text;
    private final int position;
    private final String problem;

    SpecSyntaxException(String text, int position, String problem, Throwable cause) {
        super("optimizer spec '" + oneLine(text) + "' at position " + position + ": " + oneLine(problem), cause);
        this.text = text;
        this.position = position;
        this.problem = problem;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]", " ");
    }

    /** The text that was parsed. */
    public String text() {
        return text;
    }

    /** The position of the problem, 1 for the first character. */
    public int position() {
        return position;
    }

    /** The problem, without the text and position. */
    public String problem() {
        return problem;
    }
}
