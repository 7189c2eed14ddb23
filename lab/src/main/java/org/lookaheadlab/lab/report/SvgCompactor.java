package org.lookaheadlab.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks the SVG that XChart writes (through VectorGraphics2D) without a visible change. XChart draws every
 * piece of text as glyph outlines, and the writer prints each outline point in full double precision and
 * absolute coordinates ({@code L-7.734375,-5.328125}), so a plot with a few dozen labels takes 160–390 KB. Each
 * path is rewritten with relative commands and coordinates rounded to {@value #DECIMALS} decimal (0.1 px in an
 * 800 × 500 picture), the shortest number spelling and no redundant separators or repeated command letters;
 * rounding is done on the absolute positions, so the error does not accumulate along a path. Paths with commands
 * other than the absolute {@code M L Q C Z} that VectorGraphics2D emits are left as they are.
 */
final class SvgCompactor {

    /** Decimals kept: coordinates are multiples of 10^-DECIMALS. */
    static final int DECIMALS = 1;
    private static final double SCALE = Math.pow(10, DECIMALS);

    private static final Pattern PATH_DATA = Pattern.compile(" d=\"([^\"]*)\"");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z]|-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

    private SvgCompactor() {}

    /** {@code svg} with every path's data compacted and every position and size rounded alike. */
    static String compact(String svg) {
        Matcher m = PATH_DATA.matcher(svg);
        StringBuilder paths = new StringBuilder(svg.length() / 3);
        while (m.find()) {
            m.appendReplacement(paths, Matcher.quoteReplacement(" d=\"" + compactPath(m.group(1)) + "\""));
        }
        m.appendTail(paths);
        return roundTranslates(roundAll(COORDINATE_ATTRIBUTE, paths));
    }

    /**
     * Position and size attributes: group 1 is what stays (the attribute name), group 2 the decimal number that is
     * rounded. (Prefixes are matched forward, not as look-behinds: those were tried at every character of the file
     * and took a large part of the report's rendering time.)
     */
    private static final Pattern COORDINATE_ATTRIBUTE =
            Pattern.compile("( (?:x|y|x1|x2|y1|y2|cx|cy|rx|ry|width|height)=\")(-?\\d+\\.\\d+)(?=\")");
    private static final Pattern TRANSLATE = Pattern.compile("translate\\(([^)]*)\\)");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern LOOSE_NUMBER = Pattern.compile("-?[\\d.]{1,40}");

    /** Every {@code translate(x y)} with x, and y after a number x, rounded when they are decimals. */
    private static String roundTranslates(String text) {
        Matcher m = TRANSLATE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int done = 0;
        while (m.find()) {
            String[] parts = m.group(1).split(" ", -1);
            for (int i = 0; i < parts.length && i < 2; i++) {
                if (i == 1 && !LOOSE_NUMBER.matcher(parts[0]).matches()) {
                    break;
                }
                if (DECIMAL.matcher(parts[i]).matches()) {
                    parts[i] = number(Math.round(Double.parseDouble(parts[i]) * SCALE));
                }
            }
            out.append(text, done, m.start(1)).append(String.join(" ", parts));
            done = m.end(1);
        }
        out.append(text, done, text.length());
        return out.toString();
    }

    private static String roundAll(Pattern numbers, CharSequence text) {
        Matcher m = numbers.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int done = 0;
        while (m.find(done)) {
            out.append(text, done, m.start(2)).append(number(Math.round(Double.parseDouble(m.group(2)) * SCALE)));
            done = m.end(2);
        }
        out.append(text, done, text.length());
        return out.toString();
    }

    /** One path's data in relative, rounded, compact form; unchanged when it uses other commands. */
    static String compactPath(String d) {
        List<String> tokens = new ArrayList<>();
        Matcher t = TOKEN.matcher(d);
        while (t.find()) {
            tokens.add(t.group());
        }
        StringBuilder b = new StringBuilder(d.length() / 3);
        long x = 0;
        long y = 0; // current point, in units of 10^-DECIMALS
        long startX = 0;
        long startY = 0;
        char previous = 0;
        boolean lastWasNumber = false;
        boolean lastHadDot = false;
        int i = 0;
        while (i < tokens.size()) {
            String token = tokens.get(i++);
            char command = token.charAt(0);
            int points = switch (command) {
                case 'M', 'L' -> 1;
                case 'Q' -> 2;
                case 'C' -> 3;
                case 'Z' -> 0;
                default -> -1;
            };
            if (points < 0 || i + 2 * points > tokens.size()) {
                return d;
            }
            char relative = Character.toLowerCase(command);
            boolean first = b.length() == 0;
            char letter = first ? 'M' : relative;
            if (letter != previous || letter == 'm' || letter == 'M') {
                b.append(letter);
                lastWasNumber = false;
            }
            previous = letter;
            if (command == 'Z') {
                x = startX;
                y = startY;
                continue;
            }
            long baseX = first ? 0 : x;
            long baseY = first ? 0 : y;
            long endX = x;
            long endY = y;
            for (int p = 0; p < points; p++) {
                long px;
                long py;
                try {
                    px = Math.round(Double.parseDouble(tokens.get(i++)) * SCALE);
                    py = Math.round(Double.parseDouble(tokens.get(i++)) * SCALE);
                } catch (NumberFormatException e) {
                    return d;
                }
                for (long v : new long[] {px - baseX, py - baseY}) {
                    String n = number(v);
                    if (lastWasNumber && !n.startsWith("-") && !(n.startsWith(".") && lastHadDot)) {
                        b.append(' ');
                    }
                    b.append(n);
                    lastWasNumber = true;
                    lastHadDot = n.indexOf('.') >= 0;
                }
                endX = px;
                endY = py;
            }
            x = endX;
            y = endY;
            if (command == 'M') {
                startX = x;
                startY = y;
            }
        }
        return b.toString();
    }

    /** {@code v · 10^-DECIMALS} in its shortest spelling: {@code 3}, {@code -.5}, {@code 12.3}. */
    static String number(long v) {
        long scale = (long) SCALE;
        long whole = Math.abs(v) / scale;
        long fraction = Math.abs(v) % scale;
        StringBuilder s = new StringBuilder();
        if (v < 0) {
            s.append('-');
        }
        if (whole != 0 || fraction == 0) {
            s.append(whole);
        }
        if (fraction != 0) {
            String digits = Long.toString(fraction);
            s.append('.');
            for (int pad = digits.length(); pad < DECIMALS; pad++) {
                s.append('0');
            }
            int last = digits.length();
            while (digits.charAt(last - 1) == '0') {
                last--;
            }
            s.append(digits, 0, last);
        }
        return s.toString();
    }
}
