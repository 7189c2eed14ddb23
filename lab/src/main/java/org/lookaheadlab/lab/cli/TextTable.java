package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** Prints rows (the first one the header) as an aligned text table, or as CSV (RFC 4180 quoting). */
final class TextTable {

    private TextTable() {
    }

    static void print(PrintWriter out, List<List<String>> rows, boolean csv) {
        if (csv) {
            rows.forEach(r -> out.println(r.stream().map(TextTable::csvCell).collect(Collectors.joining(","))));
        } else {
            int[] width = new int[rows.get(0).size()];
            for (List<String> r : rows) {
                for (int i = 0; i < r.size(); i++) {
                    width[i] = Math.max(width[i], cell(r.get(i)).length());
                }
            }
            for (List<String> r : rows) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < r.size(); i++) {
                    b.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", cell(r.get(i))));
                }
                out.println(b.toString().stripTrailing());
            }
        }
        out.flush();
    }

    private static String cell(String s) {
        return s.isEmpty() ? "-" : s;
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
