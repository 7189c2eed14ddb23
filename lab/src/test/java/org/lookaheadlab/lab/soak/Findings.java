package org.lookaheadlab.lab.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Violations seen while the soak runs or by its final audit, by check; thread-safe. */
final class Findings {

    private final Map<String, List<String>> byCheck = new LinkedHashMap<>();

    /** Declares a check (so that it is listed even when it passes). */
    synchronized void check(String check) {
        byCheck.computeIfAbsent(check, k -> new ArrayList<>());
    }

    synchronized void violation(String check, String detail) {
        byCheck.computeIfAbsent(check, k -> new ArrayList<>()).add(detail);
        System.out.println("[soak] VIOLATION " + check + ": " + detail);
    }

    synchronized Map<String, List<String>> all() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byCheck.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    synchronized boolean passed() {
        return byCheck.values().stream().allMatch(List::isEmpty);
    }
}
