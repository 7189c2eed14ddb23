package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lookaheadlab.lab.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.nqm.NqmClosedForm;

/** {@code ./lookahead nqm}: the table, the files, the figure and one-line errors. */
class NqmCommandTest {

    @Test
    void aSmallStudyPrintsEveryRowAndWritesTheFilesAndTheFigure(@TempDir Path dir) throws Exception {
        CliRun r = run("nqm", "--dim", "3", "--lr", "0.4,0.9", "--methods", "sgd,lookahead,trajectory-lookahead",
                "--k", "4", "--alpha", "0.5", "--m", "2", "--steps", "200", "--chains", "300", "--out", dir.toString());
        assertEquals(0, r.code(), String.join("\n", r.err()));
        assertEquals(2 + 6 + 2, r.out().size(), String.join("\n", r.out()));
        assertTrue(r.out().get(2).startsWith("sgd "), r.out().get(2));
        assertTrue(r.out().get(4).startsWith("lookahead α=0.5 "), r.out().get(4));
        assertTrue(r.out().get(6).startsWith("trajectory-lookahead α=0.5 m=2 "), r.out().get(6));
        JsonNode json = ResultsJson.mapper().readTree(dir.resolve("nqm.json").toFile());
        assertEquals(3, json.get("problem").get("dim").asInt());
        assertEquals(6, json.get("rows").size());
        JsonNode la = json.get("rows").get(2);
        assertEquals("lookahead(sgd(lr=0.4),k=4)", la.get("optimizer").asText());
        // the default problem: h_i = 1/i, sigma2_i = h_i; Lookahead's steady state is the paper's formula
        double paper = 0;
        for (int i = 1; i <= 3; i++) {
            paper += 1.0 / i * NqmClosedForm.lookaheadPaperVariance(0.4, 4, 0.5, 1.0 / i, 1.0 / i);
        }
        assertEquals(paper / 2, la.get("closedFormSteadyState").asDouble(), 1e-12);
        assertEquals(7, Files.readAllLines(dir.resolve("nqm.csv")).size());
        assertTrue(Files.size(dir.resolve("nqm-loss-vs-lr.png")) > 10_000);
        assertTrue(Files.readString(dir.resolve("nqm-loss-vs-lr.svg")).contains("<svg"));
    }

    @Test
    void badValuesAreOneLine(@TempDir Path dir) {
        String out = dir.toString();
        assertOneLine(run("nqm", "--dim", "0", "--out", out), "--dim is 0, accepted range: >= 1");
        assertOneLine(run("nqm", "--lr", "0.1,-1", "--out", out), "--lr contains -1.0, accepted range: (0, ∞)");
        assertOneLine(run("nqm", "--alpha", "1.5", "--out", out), "--alpha contains 1.5, accepted range: (0, 1]");
        assertOneLine(run("nqm", "--m", "6", "--out", out), "--m is 6, accepted range: [1, --k = 5]");
        assertOneLine(run("nqm", "--methods", "adam", "--out", out),
                "--methods contains 'adam', accepted: sgd, lookahead, trajectory-lookahead");
        assertOneLine(run("nqm", "--dim", "2", "--h", "1,2,3", "--out", out),
                "--h lists 3 values, accepted: 2 (one per dimension, --dim)");
        assertOneLine(run("nqm", "--dim", "2", "--h", "1,0", "--out", out), "h[2] is 0.0, accepted range: (0, ∞)");
        assertOneLine(run("nqm", "--sigma2", "noise", "--out", out),
                "--sigma2 is 'noise', accepted: h, scale:S, const:V or a list V1,V2,... of 100 values");
        assertOneLine(run("nqm", "--steps", "10", "--burn-in", "10", "--out", out),
                "--burn-in is 10, accepted range: [0, --steps = 10)");
        assertOneLine(run("nqm", "--steps", "9", "--burn-in", "6", "--out", out),
                "no sync point (a multiple of --k = 5) lies in steps 7..9, accepted: --steps - --burn-in >= --k");
        assertOneLine(run("nqm", "--points", "middle", "--out", out),
                "points = 'middle' is not accepted; accepted: [last, spread]");
    }

    private static void assertOneLine(CliRun r, String message) {
        assertEquals(2, r.code(), String.join("\n", r.err()));
        assertEquals(List.of("lookahead nqm: error: " + message), r.err());
        assertEquals(List.of(), r.out());
    }
}
