package org.lookaheadlab.lab.soak;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final audit of one study, read with plain SQL from Optuna's tables (not through the tuner's storage code):
 * COMPLETE trials = target, trial numbers unique and 0..n-1, no trial left RUNNING once every worker has ended,
 * every FAIL with a reason, every COMPLETE with its value. A violation names the study, the trial and the faults
 * that can have caused it ({@link FaultLog#explain}).
 */
final class StudyAudit {

    static final String TARGET = "complete trials = target in every study";
    static final String NUMBERS = "trial numbers unique (0..n-1)";
    static final String RUNNING = "no trial left RUNNING past the heartbeat grace";
    static final String REASON = "every FAIL carries a reason";
    static final String VALUE = "every COMPLETE trial has its value";

    /** Figures over all audited studies. */
    static final class Totals {
        int studies;
        int target;
        int complete;
        int lost;
        int duplicated;
        int failed;
        int pruned;
        final Map<String, Integer> failReasons = new TreeMap<>();
    }

    private record Row(long id, int number, String state, Instant start, Instant end, String reason, long ownerPid,
                       int values) {
    }

    private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

    static void declareChecks(Findings findings) {
        for (String c : List.of(TARGET, NUMBERS, RUNNING, REASON, VALUE)) {
            findings.check(c);
        }
    }

    static void audit(Connection c, String study, int target, FaultLog faults, Findings findings, Totals totals)
            throws SQLException {
        totals.studies++;
        totals.target += target;
        Long studyId = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT study_id FROM studies WHERE study_name = ?")) {
            ps.setString(1, study);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    studyId = rs.getLong(1);
                }
            }
        }
        if (studyId == null) {
            totals.lost += target;
            findings.violation(TARGET, "study " + study + " does not exist");
            return;
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, t.number, t.state, t.datetime_start,"
                + " t.datetime_complete,"
                + " (SELECT value_json FROM trial_system_attributes a WHERE a.trial_id = t.trial_id"
                + " AND a.\"key\" = 'fail_reason'),"
                + " (SELECT value_json FROM trial_system_attributes a WHERE a.trial_id = t.trial_id"
                + " AND a.\"key\" = 'lease_owner'),"
                + " (SELECT COUNT(*) FROM trial_values v WHERE v.trial_id = t.trial_id)"
                + " FROM trials t WHERE t.study_id = ? ORDER BY t.number, t.trial_id")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String owner = rs.getString(7);
                    Matcher m = owner == null ? null : PID.matcher(owner);
                    rows.add(new Row(rs.getLong(1), rs.getInt(2), rs.getString(3), time(rs.getString(4)),
                            time(rs.getString(5)), rs.getString(6), m != null && m.find() ? Long.parseLong(m.group(1))
                            : 0, rs.getInt(8)));
                }
            }
        }
        Map<Integer, List<Row>> byNumber = new TreeMap<>();
        int complete = 0;
        Row lastComplete = null;
        for (Row r : rows) {
            byNumber.computeIfAbsent(r.number, k -> new ArrayList<>()).add(r);
            String why = faults.explain(r.start, r.end, r.ownerPid);
            String trial = "study " + study + ", trial " + r.number + " (trial_id " + r.id + ", owner pid "
                    + r.ownerPid + ")";
            switch (r.state) {
                case "COMPLETE" -> {
                    complete++;
                    lastComplete = r;
                    if (r.values != 1) {
                        findings.violation(VALUE, trial + " has " + r.values + " values; fault: " + why);
                    }
                }
                case "RUNNING", "WAITING" -> findings.violation(RUNNING, trial + " is left " + r.state
                        + " after every worker ended; fault: " + why);
                case "FAIL" -> {
                    totals.failed++;
                    String reason = r.reason == null ? "" : r.reason.replaceAll("^\"|\"$", "");
                    if (reason.isBlank()) {
                        findings.violation(REASON, trial + " is FAIL without a reason; fault: " + why);
                    } else {
                        totals.failReasons.merge(reason.replaceAll("[0-9]+", "N"), 1, Integer::sum);
                    }
                }
                case "PRUNED" -> totals.pruned++;
                default -> findings.violation(RUNNING, trial + " has state " + r.state);
            }
        }
        int duplicated = 0;
        int expectedNumber = 0;
        for (var e : byNumber.entrySet()) {
            if (e.getKey() != expectedNumber) {
                findings.violation(NUMBERS, "study " + study + ": trial numbers jump from " + (expectedNumber - 1)
                        + " to " + e.getKey());
            }
            expectedNumber = e.getKey() + 1;
            if (e.getValue().size() > 1) {
                duplicated += e.getValue().size() - 1;
                Row second = e.getValue().get(1);
                findings.violation(NUMBERS, "study " + study + ", trial " + e.getKey() + " is stored "
                        + e.getValue().size() + " times (trial_ids " + e.getValue().stream().map(r -> r.id).toList()
                        + "); fault: " + faults.explain(second.start, second.end, 0));
            }
        }
        totals.complete += complete;
        if (complete != target) {
            String why = lastComplete == null ? faults.explain(null, null, 0)
                    : faults.explain(lastComplete.start, lastComplete.end, lastComplete.ownerPid);
            findings.violation(TARGET, "study " + study + " holds " + complete + " COMPLETE trials, target " + target
                    + (complete > target ? " (the last, trial " + lastComplete.number + ", is one too many)" : "")
                    + "; fault: " + why);
        }
        totals.lost += Math.max(0, target - complete);
        totals.duplicated += duplicated + Math.max(0, complete - target);
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        return LocalDateTime.parse(text.trim().replace(' ', 'T')).atZone(ZoneId.systemDefault()).toInstant();
    }

    /** {@code PRAGMA integrity_check} of an SQLite database: null when "ok", else what it said. */
    static String integrity(Connection sqlite) throws SQLException {
        try (PreparedStatement ps = sqlite.prepareStatement("PRAGMA integrity_check");
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out.equals(List.of("ok")) ? null : String.join("; ", out);
        }
    }

}
