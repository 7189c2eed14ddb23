package org.lookaheadlab.lab.report;

/** Escaping of user-supplied text for the report formats. */
public final class Escape {

    private Escape() {}

    /** HTML text and attribute escaping: {@code & < > " '}. */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /**
     * Markdown text and table-cell escaping with Markdown's own backslash escapes, so that the file reads as plain
     * text and renders the same: backslashes and pipes escaped; a {@code <} that could open an HTML tag
     * ({@code <b}, {@code </}, {@code <!}, {@code <?}) and a {@code &} that could start an entity ({@code &lt;})
     * become {@code \<} and {@code \&}, while {@code p < 0.05} stays as it is; newlines turn into spaces. No
     * HTML entity is written.
     */
    public static String markdown(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '|' -> b.append("\\|");
                case '\r', '\n' -> b.append(' ');
                case '<' -> b.append(opensTag(next) ? "\\<" : "<");
                case '&' -> b.append(Character.isLetter(next) || next == '#' ? "\\&" : "&");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** Whether {@code <} followed by {@code next} could start HTML markup in Markdown. */
    private static boolean opensTag(char next) {
        return Character.isLetter(next) || next == '/' || next == '!' || next == '?';
    }

    /** RFC 4180 CSV field: quoted when it holds a comma, quote or line break; quotes doubled. */
    public static String csv(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
