package org.lookaheadlab.lab.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.io.AtomicFiles;
import org.lookaheadlab.lab.report.ChartFile;
import org.lookaheadlab.lab.report.ComparisonAnalysis;
import org.lookaheadlab.lab.report.ContenderStats;
import org.lookaheadlab.lab.report.Format;
import org.lookaheadlab.lab.report.ReportCharts;
import org.lookaheadlab.lab.stats.MeanInterval;
import org.lookaheadlab.lab.stats.PairedVerdict;

/**
 * The summary of a suite: every workload's verdict side by side, and performance profiles over the workloads that
 * have a verdict ({@link PerformanceProfile}, from the median steps and the median training seconds to each
 * workload's target). Writes {@code results.json} and {@code profile-steps.png/svg}, {@code profile-seconds.png/svg}
 * into the suite's folder; {@link #lines()} is what the command prints.
 *
 * @param suite the {@code --suite} text
 * @param contenders contender names, the baseline first
 * @param outcomes one per workload, in suite order
 */
public record SuiteSummary(String suite, List<String> contenders, List<WorkloadOutcome> outcomes) {

    /** The file name of the suite's results. */
    public static final String FILE_NAME = "results.json";

    private static final double[] TAUS = {1, 1.25, 1.5, 2, 4};

    /** The profile over the workloads with a verdict, of steps ({@code seconds} false) or training seconds. */
    public PerformanceProfile profile(boolean seconds) {
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (WorkloadOutcome o : outcomes) {
            if (!o.ok()) {
                continue;
            }
            names.add(o.workload().name());
            double[] row = new double[contenders.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = o.timeToTarget(c, seconds);
            }
            rows.add(row);
        }
        return new PerformanceProfile(contenders, names, rows.toArray(new double[0][]));
    }

    /** The printed summary: per workload a line per contender, failures, then ρ(τ) at a few τ. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Suite " + suite + ": " + outcomes.size() + " workloads, contenders " + String.join(", ", contenders)
                + " (baseline " + contenders.get(0) + ")");
        for (WorkloadOutcome o : outcomes) {
            String failure = o.failure();
            if (failure != null) {
                out.add(String.format(Locale.ROOT, "%s: FAILED: %s", o.workload().name(), failure));
                continue;
            }
            out.add(String.format(Locale.ROOT, "%s (%s): %s, target validation loss %s", o.workload().name(),
                    o.workload().description(), o.analysis().objectiveName(), Format.num(o.target().getAsDouble())));
            for (int c = 0; c < contenders.size(); c++) {
                ContenderStats s = o.analysis().contenders().get(c);
                out.add(String.format(Locale.ROOT, "  %-24s %-28s steps to target %-8s %s", s.name(),
                        interval(s.objective()), steps(o.timeToTarget(c, false)), shortVerdict(s, c == 0)));
            }
        }
        for (boolean seconds : new boolean[] {false, true}) {
            PerformanceProfile p = profile(seconds);
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT,
                    "Performance profile rho(tau) over %d workload%s (%s to target):", p.workloads().size(),
                    p.workloads().size() == 1 ? "" : "s", seconds ? "seconds" : "steps"));
            out.add(head.toString());
            for (int c = 0; c < contenders.size(); c++) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-24s", contenders.get(c)));
                for (double tau : TAUS) {
                    b.append(String.format(Locale.ROOT, " rho(%s)=%s", Format.num(tau),
                            p.workloads().isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.2f", p.rho(c, tau))));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static String interval(MeanInterval m) {
        return m == null ? "no completed run" : Format.num(m.mean()) + " [" + Format.num(m.lower()) + ", "
                + Format.num(m.upper()) + "]";
    }

    private static String steps(double t) {
        return Double.isInfinite(t) ? "missed" : Format.num(t);
    }

    /** baseline | better | worse | no significant difference | no claim possible, with the adjusted p. */
    static String shortVerdict(ContenderStats s, boolean baseline) {
        if (baseline) {
            return "baseline";
        }
        PairedVerdict v = s.objectiveVerdict();
        if (v == null || v.test() == null || Double.isNaN(s.adjustedP())) {
            return "no claim possible (fewer than 2 paired seeds)";
        }
        String p = "p_adj " + Format.pIs(s.adjustedP());
        if (!v.claimed()) {
            return "no significant difference (" + p + ")";
        }
        return (v.test().meanDifference() < 0 ? "significantly better (" : "significantly worse (") + p + ")";
    }

    /** Whether {@code dir/results.json} is a suite's summary (not one comparison's results). */
    public static boolean isSuiteFolder(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return ResultsJson.mapper().readTree(file.toFile()).has("suite");
        } catch (IOException e) {
            return false; // not JSON: reading it as a comparison's results gives the clear error
        }
    }

    /**
     * Reads a suite folder back: its {@code results.json} for the suite, contenders, workloads and failures, and
     * each workload's own {@code results.json} (the data of record: the summary is recomputed from them).
     *
     * @throws IllegalArgumentException naming the file that is missing or malformed
     */
    public static SuiteSummary read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        JsonNode root;
        try {
            root = ResultsJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        }
        if (!root.path("suite").isTextual() || !root.path("contenders").isArray()
                || !root.path("workloads").isArray()) {
            throw new IllegalArgumentException("cannot read " + file + ": not a suite summary (needs suite, "
                    + "contenders and workloads)");
        }
        List<String> contenders = new ArrayList<>();
        root.get("contenders").forEach(c -> contenders.add(c.asText()));
        List<WorkloadOutcome> outcomes = new ArrayList<>();
        for (JsonNode w : root.get("workloads")) {
            Workload workload = new Workload(w.path("name").asText(), w.path("description").asText(), null, null,
                    null);
            Path runDir = dir.resolve(w.path("runFolder").asText(workload.name()));
            if (w.hasNonNull("failure") && !Files.isRegularFile(runDir.resolve(ResultsJson.FILE_NAME))) {
                outcomes.add(WorkloadOutcome.failed(workload, w.get("failure").asText()));
                continue;
            }
            ExperimentResult result = ResultsJson.read(runDir);
            outcomes.add(new WorkloadOutcome(workload, result, ComparisonAnalysis.of(result), null));
        }
        return new SuiteSummary(root.get("suite").asText(), contenders, outcomes);
    }

    /** Writes {@code dir/results.json} and the two profile charts. */
    public void write(Path dir) {
        var mapper = ResultsJson.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("suite", suite);
        root.set("contenders", mapper.valueToTree(contenders));
        ArrayNode workloads = root.putArray("workloads");
        for (WorkloadOutcome o : outcomes) {
            ObjectNode w = workloads.addObject();
            w.put("name", o.workload().name());
            w.put("description", o.workload().description());
            w.put("runFolder", o.workload().name());
            String failure = o.failure();
            w.put("status", failure == null ? "ok" : "failed");
            if (failure != null) {
                w.put("failure", failure);
                continue;
            }
            w.put("objective", o.analysis().objectiveName());
            w.put("target", o.target().getAsDouble());
            ArrayNode cs = w.putArray("contenders");
            for (int c = 0; c < contenders.size(); c++) {
                ContenderStats s = o.analysis().contenders().get(c);
                ObjectNode n = cs.addObject();
                n.put("name", s.name());
                if (s.objective() != null) {
                    n.put("objectiveMean", s.objective().mean());
                    n.put("objectiveLower", s.objective().lower());
                    n.put("objectiveUpper", s.objective().upper());
                }
                n.put("verdict", shortVerdict(s, c == 0));
                putTime(n, "stepsToTarget", o.timeToTarget(c, false));
                putTime(n, "secondsToTarget", o.timeToTarget(c, true));
            }
        }
        ObjectNode profiles = root.putObject("performanceProfiles");
        for (boolean seconds : new boolean[] {false, true}) {
            PerformanceProfile p = profile(seconds);
            ObjectNode n = profiles.putObject(seconds ? "seconds" : "steps");
            n.put("definition", "rho_c(tau) = fraction of the workloads on which contender c's median time to "
                    + "target is at most tau times the fastest contender's; a missed target is an infinite time "
                    + "(ratio null)");
            n.set("workloads", mapper.valueToTree(p.workloads()));
            ArrayNode ratios = n.putArray("ratios");
            for (int w = 0; w < p.workloads().size(); w++) {
                ArrayNode row = ratios.addArray();
                for (int c = 0; c < contenders.size(); c++) {
                    double r = p.ratio(w, c);
                    if (Double.isFinite(r)) {
                        row.add(r);
                    } else {
                        row.addNull();
                    }
                }
            }
            ArrayNode rho = n.putArray("rho");
            for (int c = 0; c < contenders.size(); c++) {
                ObjectNode cn = rho.addObject();
                cn.put("contender", contenders.get(c));
                ArrayNode points = cn.putArray("points");
                for (double tau : p.breakpoints()) {
                    points.addObject().put("tau", tau).put("rho", p.workloads().isEmpty() ? 0 : p.rho(c, tau));
                }
            }
        }
        AtomicFiles.write(dir.resolve(FILE_NAME), out -> mapper.writeValue(out, root));
        for (boolean seconds : new boolean[] {false, true}) {
            PerformanceProfile p = profile(seconds);
            if (!p.workloads().isEmpty()) {
                String what = seconds ? "seconds" : "steps";
                ChartFile.save(chart(p, what), dir, "profile-" + what, "Performance profile (" + what + ")");
            }
        }
    }

    /** ρ(τ) as step curves from τ = 1 to a little past the largest finite ratio (at least 2). */
    static XYChart chart(PerformanceProfile p, String what) {
        XYChart chart = new XYChartBuilder().width(800).height(520)
                .title("Performance profile over " + p.workloads().size() + " workloads (" + what + " to target)")
                .xAxisTitle("τ (time to target / fastest contender's)").yAxisTitle("ρ(τ): fraction of workloads")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.05);
        List<Double> taus = p.breakpoints();
        double end = Math.max(2, taus.get(taus.size() - 1) * 1.1);
        for (int c = 0; c < p.contenders().size(); c++) {
            List<Double> x = new ArrayList<>(taus);
            x.add(end);
            List<Double> y = new ArrayList<>();
            for (double tau : x) {
                y.add(p.rho(c, tau));
            }
            XYSeries s = chart.addSeries(p.contenders().get(c), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ReportCharts.color(c));
        }
        return chart;
    }

    private static void putTime(ObjectNode n, String field, double t) {
        if (Double.isFinite(t)) {
            n.put(field, t);
        } else {
            n.putNull(field);
        }
    }
}
