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
     * Markdown table-cell escaping: HTML-escaped (Markdown renders raw HTML), pipes and backslashes escaped,
     * newlines turned into spaces.
     */
    public static String markdown(String s) {
        return html(s).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
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
