package org.lookaheadlab.lab.report;

import java.util.List;

/**
 * A plain-text table (cells unescaped); the Markdown and HTML writers escape while rendering.
 *
 * @param title caption
 * @param header column names
 * @param rows cells, one list per row, each as long as the header
 */
public record Table(String title, List<String> header, List<List<String>> rows) {

    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("table '" + title + "' row has " + row.size()
                        + " cells, header has " + header.size());
            }
        }
    }
}
