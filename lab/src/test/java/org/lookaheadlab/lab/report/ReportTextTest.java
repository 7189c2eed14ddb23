package org.lookaheadlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Fixed texts of the report: the claim rule's Wilcoxon floor, and the start time. */
class ReportTextTest {

    @Test
    void claimRuleStatesTheWilcoxonFloorForTheRunsSeedCount() {
        // the smallest exact two-sided signed-rank p-value with n pairs is 2 / 2^n: 1/16 for 5, 1/2 for 2
        assertTrue(MarkdownReport.claimRule(5).contains("(0.0625 for the 5 seeds here)"), MarkdownReport.claimRule(5));
        assertTrue(MarkdownReport.claimRule(2).contains("(0.500 for the 2 seeds here)"), MarkdownReport.claimRule(2));
    }

    @Test
    void startTimeIsShownToTheSecond() {
        assertEquals("2026-11-28T19:00:11Z", ReportTables.toSeconds("2026-11-28T19:00:11.072009368Z"));
        assertEquals("not a time", ReportTables.toSeconds("not a time"));
        assertEquals("–", ReportTables.toSeconds(null));
    }
}
