package org.lookaheadlab.lab.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The number of classes of a data file, checked label by label while it is read. A given count N accepts the
 * labels 0 … N−1 (classes without rows are allowed). Without one, the classes are the labels the data holds,
 * which must be 0 … K−1 for K distinct labels: a label beyond that — a typo such as 12 in a 10-class file, or
 * labels numbered from 1000000, which would otherwise silently build a model with that many outputs — is
 * refused with the place of its first row. Either way the message names the file and the line (or index).
 */
final class ClassCount {

    private final int given;
    /** Inferring: every label seen, in order of first appearance, with where it first appeared. */
    private final Map<Integer, Supplier<String>> firstSeen = new LinkedHashMap<>();

    /** @param given the number of classes, or 0 to take it from the labels */
    ClassCount(int given) {
        if (given < 0) {
            throw new IllegalArgumentException("numClasses must be >= 0 (0 = infer), got " + given);
        }
        this.given = given;
    }

    /**
     * Checks one label.
     *
     * @param where the label's place for a message, e.g. {@code data.csv: line 7: column 2 (label)}; evaluated
     *     only when needed
     */
    void see(int label, Supplier<String> where) throws DatasetFormatException {
        if (label < 0 || (given > 0 && label >= given)) {
            throw new DatasetFormatException(where.get() + ": " + label + " is outside the accepted range [0, "
                    + (given > 0 ? given : "inf") + ")");
        }
        if (given == 0) {
            firstSeen.putIfAbsent(label, where);
        }
    }

    /** The number of classes: the given one, or the number of distinct labels, which must be 0 … K−1. */
    int count() throws DatasetFormatException {
        if (given > 0) {
            return given;
        }
        int k = firstSeen.size();
        for (Map.Entry<Integer, Supplier<String>> e : firstSeen.entrySet()) {
            if (e.getKey() >= k) {
                throw new DatasetFormatException(e.getValue().get() + ": " + e.getKey() + " is outside the class "
                        + "range [0, " + k + ") inferred from the data (" + k + " distinct label" + (k == 1 ? "" : "s")
                        + ", but no row has label " + absent(k) + "); give --num-classes N if some classes have no "
                        + "rows");
            }
        }
        return Math.max(k, 1);
    }

    /** The first few labels in [0, k) that no row has. */
    private String absent(int k) {
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < k && missing.size() < 4; c++) {
            if (!firstSeen.containsKey(c)) {
                missing.add(missing.size() == 3 ? "..." : Integer.toString(c));
            }
        }
        return String.join(", ", missing);
    }
}
