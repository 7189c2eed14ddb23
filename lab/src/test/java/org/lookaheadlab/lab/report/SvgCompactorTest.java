package org.lookaheadlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Compacted SVG paths describe the same points, to 0.05 px, without drift along a long path. */
class SvgCompactorTest {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z]|-?(?:\\d+\\.?\\d*|\\.\\d+)(?:E-?\\d+)?");

    /** The absolute points of a path of M/L/Q/C/Z commands, absolute or relative (a small reader for the test). */
    private static List<double[]> points(String d) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(d);
        while (m.find()) {
            tokens.add(m.group());
        }
        List<double[]> out = new ArrayList<>();
        double x = 0;
        double y = 0;
        double sx = 0;
        double sy = 0;
        char command = 0;
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            if (Character.isLetter(t.charAt(0))) {
                command = t.charAt(0);
                i++;
                if (Character.toUpperCase(command) == 'Z') {
                    x = sx;
                    y = sy;
                    out.add(new double[] {x, y});
                    continue;
                }
            }
            int n = switch (Character.toUpperCase(command)) {
                case 'M', 'L' -> 1;
                case 'Q' -> 2;
                case 'C' -> 3;
                default -> throw new IllegalArgumentException("command " + command);
            };
            boolean relative = Character.isLowerCase(command);
            double bx = relative ? x : 0;
            double by = relative ? y : 0;
            for (int p = 0; p < n; p++) {
                double px = bx + Double.parseDouble(tokens.get(i++));
                double py = by + Double.parseDouble(tokens.get(i++));
                out.add(new double[] {px, py});
                x = px;
                y = py;
            }
            if (Character.toUpperCase(command) == 'M') {
                sx = x;
                sy = y;
                command = relative ? 'l' : 'L'; // implicit repetition after a moveto is a lineto
            }
        }
        return out;
    }

    @Test
    void aCompactedPathHasThePointsOfTheOriginalWithinHalfTheLastDecimal() {
        StringBuilder d = new StringBuilder("M-9.125,-5.328125 ");
        double x = -9.125;
        for (int i = 0; i < 500; i++) { // a long path: rounding errors must not add up
            x += 0.0333333;
            d.append(i % 3 == 0 ? "L" : i % 3 == 1 ? "Q" : "C").append(x).append(',').append(Math.sin(i) * 7.77);
            if (i % 3 >= 1) {
                d.append(' ').append(x + 0.01).append(',').append(-0.049);
            }
            if (i % 3 == 2) {
                d.append(' ').append(x + 0.02).append(',').append(123.456789);
            }
            d.append(i % 50 == 49 ? " Z M" + (x + 1) + "," + 2.5 + " " : " ");
        }
        String compact = SvgCompactor.compactPath(d.toString());
        List<double[]> before = points(d.toString());
        List<double[]> after = points(compact);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i)[0], after.get(i)[0], 0.0500001, "x of point " + i);
            assertEquals(before.get(i)[1], after.get(i)[1], 0.0500001, "y of point " + i);
        }
        assertTrue(compact.length() * 3 < d.length(), compact.length() + " vs " + d.length());
    }

    @Test
    void numbersTakeTheirShortestSpellingAndSeparatorsOnlyWhereNeeded() {
        assertEquals("3", SvgCompactor.number(30));
        assertEquals("-.5", SvgCompactor.number(-5));
        assertEquals("12.3", SvgCompactor.number(123));
        assertEquals("0", SvgCompactor.number(0));
        assertEquals("M1.5 2l.5-1 0 0z", SvgCompactor.compactPath("M1.5,2.0 L2.0,1.0 L2.0,1.0 Z"));
        assertEquals("M0 0q1 1 2 0", SvgCompactor.compactPath("M0,0 Q1,1 2,0"));
    }

    @Test
    void pathsWithOtherCommandsAndOtherElementsStayReadable() {
        assertEquals("M0,0 H10 V5", SvgCompactor.compactPath("M0,0 H10 V5"));
        String svg = "<svg><g transform=\"translate(31.123456 160.91589099697524)\"><line x1=\"63.4765625\" "
                + "y1=\"398.8628995775107\"/><path d=\"M1.25,1.25 L2.5,2.5\"/></g></svg>";
        assertEquals("<svg><g transform=\"translate(31.1 160.9)\"><line x1=\"63.5\" y1=\"398.9\"/><path "
                + "d=\"M1.3 1.3l1.2 1.2\"/></g></svg>", SvgCompactor.compact(svg));
    }
}
