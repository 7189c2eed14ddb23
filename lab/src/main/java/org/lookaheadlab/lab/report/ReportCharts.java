package org.lookaheadlab.lab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.SearchParam;
import org.lookaheadlab.lab.experiment.SearchSpace;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.experiment.TrialRecord;
import org.lookaheadlab.lab.stats.BudgetCurve;
import org.lookaheadlab.lab.stats.MeanInterval;
import org.lookaheadlab.lab.train.EpochMetrics;

/**
 * Builds the report's plots with XChart and saves each as PNG and SVG.
 *
 * <ul>
 *   <li>{@code curves-val-loss}, {@code curves-test-loss}, {@code curves-test-accuracy}: per epoch, the mean over
 *       verdict seeds as a line and the range (min to max) over seeds as a translucent band, per contender; the
 *       legend names both (the tables give 95% CIs instead, so the plot says what its band is);
 *   <li>{@code trials-box}: box plot of the objective values of all COMPLETE trials per contender (the caption
 *       says what box, whiskers and crosses mean);
 *   <li>{@code objective-vs-lr}: objective of every COMPLETE trial against its learning rate: a log axis with a
 *       labelled tick at every decade ({@code 1E-5}, {@code 1E-4}, …) from the decade at or below the search
 *       space's lower bound to the one at or above its upper bound;
 *   <li>{@code optimization-history}: trial values in trial order and the best value so far, the y axis zoomed to
 *       the better trials ({@link #historyRange}) so that the best-so-far lines of close contenders separate;
 *   <li>{@code budget-curves}: expected best objective after n tuning trials, n = 1…N, per contender, with a
 *       ±1 sd band ({@link BudgetCurve}, Dodge et al. 2019);
 *   <li>{@code batch-size}: final test loss against batch size, mean ± 95% CI over seeds (only with a sweep).
 * </ul>
 * A plot with no data to show is skipped.
 */
public final class ReportCharts {

    private static final int WIDTH = 800;
    /** The labels of a decade-only log axis: {@code 1E-5}, {@code 1E-1}, {@code 1E0}, {@code 1E2}. */
    static final String DECADE_PATTERN = "0E0";
    /** Longest series drawn with a marker at every point. */
    static final int MAX_MARKED_POINTS = 40;
    private static final int HEIGHT = 500;
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)
    };

    private ReportCharts() {}

    /**
     * Renders every plot that has data into {@code dir}, in report order; the charts are drawn and written on all
     * cores at once (each file atomically; the first failure is thrown once all are done).
     */
    public static List<ChartFile> renderAll(ExperimentResult result, Path dir) {
        List<Pending> files = new ArrayList<>();
        String objective = result.setup().objective();
        String band = " (line: mean over verdict seeds; band: min–max over seeds, not a confidence interval)";
        addIfPresent(files, curves(result, "validation loss", EpochMetrics::validationLoss), dir,
                "curves-val-loss", "Validation loss per epoch" + band);
        addIfPresent(files, curves(result, "test loss", EpochMetrics::testLoss), dir,
                "curves-test-loss", "Test loss per epoch" + band);
        addIfPresent(files, curves(result, "test accuracy", EpochMetrics::testAccuracy), dir,
                "curves-test-accuracy", "Test accuracy per epoch" + band);
        addIfPresent(files, trialsBox(result, objective), dir,
                "trials-box", "Objective (" + objective + ") of all complete tuning trials, one box per contender: "
                        + "the box spans the middle half of the trials (first to third quartile) with the median as "
                        + "a red line; the whiskers reach 1.5 × the box height beyond it, or to the most extreme "
                        + "trial if that is nearer; crosses (+) beyond the whiskers are outlying trials");
        addIfPresent(files, objectiveVsParam(result, objective, "lr"), dir,
                "objective-vs-lr", "Objective vs learning rate, every complete trial (log axis, a tick per decade)");
        XYChart history = history(result, objective);
        addIfPresent(files, history, dir, "optimization-history",
                "Optimization history: trial values and best so far" + (history != null
                        && history.getStyler().getYAxisMax() != null ? " (y axis zoomed to the better half of the "
                        + "trials; worse ones lie above the plot)" : ""));
        addIfPresent(files, budgetCurves(result, objective), dir, "budget-curves", "Budget curves (Dodge et al."
                + " 2019): expected best " + objective + " after n tuning trials drawn with replacement from each"
                + " contender's complete trials (line), ± 1 sd of that best value, clipped to the observed trial"
                + " values (band)");
        addIfPresent(files, timeToTarget(result), dir, "time-to-target", "Time to target: optimizer steps until the "
                + "validation loss first reaches " + TimeToTarget.target(result).stream().mapToObj(Format::num)
                .findFirst().orElse("–") + ", one box per contender over its verdict runs that reached it (evaluations"
                + " at epoch ends, or every --eval-every steps" + (result.setup().target() == null ? "; target: the baseline's median final "
                + "validation loss" : "") + ")");
        addIfPresent(files, batchSizes(result), dir,
                "batch-size", "Final test loss vs batch size (mean ± 95% CI over seeds)");
        return saveAll(files);
    }

    /** A chart to write. */
    private record Pending(Chart<?, ?> chart, Path dir, String stem, String title) {}

    private static void addIfPresent(List<Pending> files, Chart<?, ?> chart, Path dir, String stem, String title) {
        if (chart != null) {
            files.add(new Pending(chart, dir, stem, title));
        }
    }

    /** Writes every chart, on up to one thread per core; the files in the given order. */
    private static List<ChartFile> saveAll(List<Pending> files) {
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "report-chart");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ChartFile>> saved = new ArrayList<>();
            for (Pending p : files) {
                saved.add(pool.submit(() -> ChartFile.save(p.chart(), p.dir(), p.stem(), p.title())));
            }
            List<ChartFile> out = new ArrayList<>();
            RuntimeException first = null;
            for (Future<ChartFile> f : saved) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing the charts", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The reports' colour of series {@code index} (cycling). */
    public static Color color(int index) {
        return PALETTE[index % PALETTE.length];
    }

    private static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLocale(Locale.ROOT); // tick labels the same on every machine
        return chart;
    }

    /** Mean line with a min–max band per contender; null when no contender has a finite value. */
    static XYChart curves(ExperimentResult result, String what, ToDoubleFunction<EpochMetrics> metric) {
        XYChart chart = xyChart(capitalize(what) + " per epoch: mean and min–max band over seeds", "epoch", what);
        boolean any = false;
        for (int c = 0; c < result.contenders().size(); c++) {
            ContenderResult contender = result.contenders().get(c);
            List<double[]> rows = new ArrayList<>(); // epoch, mean, min, max
            int maxEpochs = contender.seedRuns().stream().mapToInt(r -> r.history().size()).max().orElse(0);
            for (int e = 0; e < maxEpochs; e++) {
                List<Double> values = new ArrayList<>();
                int epochNumber = e + 1;
                for (SeedRun run : contender.seedRuns()) {
                    if (e < run.history().size()) {
                        double v = metric.applyAsDouble(run.history().get(e));
                        epochNumber = run.history().get(e).epoch();
                        if (Double.isFinite(v)) {
                            values.add(v);
                        }
                    }
                }
                if (!values.isEmpty()) {
                    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                    rows.add(new double[] {epochNumber, mean, min, max});
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            any = true;
            Color color = color(c);
            double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
            double[] mean = rows.stream().mapToDouble(r -> r[1]).toArray();
            bandAndLine(chart, contender.name() + " min–max over " + contender.seedRuns().size() + " seeds",
                    contender.name() + " mean", x, mean, rows.stream().mapToDouble(r -> r[2]).toArray(),
                    rows.stream().mapToDouble(r -> r[3]).toArray(), color);
        }
        return any ? chart : null;
    }

    /**
     * A translucent band from {@code lower} to {@code upper} and a line {@code y} over it, both named in the
     * legend; a marker per point only while the points stay apart (long series get a plain line, and a smaller
     * SVG).
     */
    private static void bandAndLine(XYChart chart, String bandName, String lineName, double[] x, double[] y,
            double[] lower, double[] upper, Color color) {
        int n = x.length;
        double[] px = new double[2 * n]; // the polygon: upper edge left to right, then the lower edge back
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = upper[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = lower[i];
        }
        XYSeries band = chart.addSeries(bandName, px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
        band.setLineColor(new Color(0, 0, 0, 0));
        band.setMarker(SeriesMarkers.NONE);
        XYSeries line = chart.addSeries(lineName, x, y);
        line.setLineColor(color);
        line.setMarkerColor(color);
        line.setMarker(n <= MAX_MARKED_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        line.setLineStyle(new BasicStroke(2f));
    }

    /**
     * Budget curves (Dodge et al. 2019): per contender, the expected best objective after n = 1…N trials and a
     * ±1 sd band clipped to its observed trial values; null when no contender has a complete trial.
     */
    static XYChart budgetCurves(ExperimentResult result, String objective) {
        XYChart chart = xyChart("Expected best " + objective + " after n tuning trials", "trials (budget n)",
                "expected best " + objective);
        boolean any = false;
        for (int c = 0; c < result.contenders().size(); c++) {
            ContenderResult contender = result.contenders().get(c);
            BudgetCurve curve = ComparisonAnalysis.budgetCurve(contender);
            if (curve == null) {
                continue;
            }
            any = true;
            int n = curve.trials();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] lower = new double[n];
            double[] upper = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i + 1;
                y[i] = curve.expectedAt(i + 1);
                lower[i] = curve.lowerBand(i + 1);
                upper[i] = curve.upperBand(i + 1);
            }
            bandAndLine(chart, contender.name() + " ± 1 sd", contender.name() + " expected best", x, y, lower, upper,
                    color(c));
        }
        return any ? chart : null;
    }

    /** Box plot of complete trial values per contender; null when no contender has two or more. */
    static BoxChart trialsBox(ExperimentResult result, String objective) {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title("Tuning trials per contender")
                .xAxisTitle("contender (one box of its complete tuning trials)").yAxisTitle(objective).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        boolean any = false;
        for (ContenderResult c : result.contenders()) {
            double[] values = completeValues(c);
            if (values.length >= 1) {
                chart.addSeries(c.name(), values);
                any = true;
            }
        }
        return any ? chart : null;
    }

    /** Steps to the target per contender (verdict runs that reached it); null when none did. */
    static BoxChart timeToTarget(ExperimentResult result) {
        java.util.OptionalDouble target = TimeToTarget.target(result);
        if (target.isEmpty()) {
            return null;
        }
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title("Time to target")
                .xAxisTitle("contender (one box of its verdict runs that reached the target)")
                .yAxisTitle("optimizer steps").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        boolean any = false;
        for (ContenderResult c : result.contenders()) {
            double[] steps = TimeToTarget.stepsToTarget(c, target.getAsDouble());
            if (steps.length >= 1) {
                chart.addSeries(c.name(), steps);
                any = true;
            }
        }
        return any ? chart : null;
    }

    private static double[] completeValues(ContenderResult c) {
        return c.trials().stream().filter(TrialRecord::complete).mapToDouble(TrialRecord::value).toArray();
    }

    /** Objective vs one hyperparameter (log x axis); null when no complete trial has that parameter. */
    static XYChart objectiveVsParam(ExperimentResult result, String objective, String param) {
        XYChart chart = xyChart("Objective vs " + param, param + " (log scale)", objective);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisDecimalPattern(DECADE_PATTERN); // 1E-5 … 1E-1: one format for every tick
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (int c = 0; c < result.contenders().size(); c++) {
            ContenderResult contender = result.contenders().get(c);
            List<TrialRecord> trials = contender.trials().stream()
                    .filter(t -> t.complete() && t.params().containsKey(param) && t.params().get(param) > 0)
                    .toList();
            if (trials.isEmpty()) {
                continue;
            }
            any = true;
            double[] xs = trials.stream().mapToDouble(t -> t.params().get(param)).toArray();
            for (double v : xs) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            SearchParam bounds = searchParam(contender.search(), param);
            if (bounds != null && bounds.low() > 0) {
                low = Math.min(low, bounds.low());
                high = Math.max(high, bounds.high());
            }
            double[] ys = trials.stream().mapToDouble(TrialRecord::value).toArray();
            XYSeries s = chart.addSeries(contender.name(), xs, ys);
            s.setMarkerColor(color(c));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        if (!any) {
            return null;
        }
        double[] axis = decadeRange(low, high);
        chart.getStyler().setXAxisMin(axis[0]);
        chart.getStyler().setXAxisMax(axis[1]);
        return chart;
    }

    /** The parameter {@code name} of a recorded search space (flag form), or null. */
    private static SearchParam searchParam(String flagForm, String name) {
        try {
            return SearchSpace.parse(flagForm).params().stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElse(null);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /**
     * A log axis from the decade at or below {@code low} to the decade at or above {@code high}, widened by a hair
     * so that both end decades get their tick despite rounding in the tick calculation.
     */
    static double[] decadeRange(double low, double high) {
        double lo = Math.pow(10, Math.floor(Math.log10(low) + 1e-9));
        double hi = Math.pow(10, Math.ceil(Math.log10(high) - 1e-9));
        if (hi <= lo) {
            hi = lo * 10;
        }
        return new double[] {lo / 1.0001, hi * 1.0001};
    }

    /**
     * The y range of the optimization history: from just below the best trial to just above the median trial
     * value, so that the better half of the trials — where the best-so-far lines end — fills the plot instead of
     * the bad random-start trials; null (the whole range) when that would hide nothing or there are too few.
     */
    static double[] historyRange(double[] values) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (sorted.length < 4) {
            return null;
        }
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        double median = sorted[(sorted.length - 1) / 2];
        if (!(median > min) || median >= max) {
            return null;
        }
        double pad = 0.05 * (median - min);
        return new double[] {min - pad, median + pad};
    }

    /** Trial values by trial number (markers) and best value so far (line) per contender. */
    static XYChart history(ExperimentResult result, String objective) {
        XYChart chart = xyChart("Optimization history", "trial", objective);
        List<Double> all = new ArrayList<>();
        boolean any = false;
        for (int c = 0; c < result.contenders().size(); c++) {
            ContenderResult contender = result.contenders().get(c);
            List<TrialRecord> trials = contender.trials().stream().filter(TrialRecord::complete)
                    .sorted((a, b) -> Integer.compare(a.number(), b.number())).toList();
            if (trials.isEmpty()) {
                continue;
            }
            any = true;
            double[] x = trials.stream().mapToDouble(TrialRecord::number).toArray();
            double[] y = trials.stream().mapToDouble(TrialRecord::value).toArray();
            Arrays.stream(y).forEach(all::add);
            double[] best = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                best[i] = i == 0 ? y[0] : Math.min(best[i - 1], y[i]);
            }
            Color color = color(c);
            XYSeries points = chart.addSeries(contender.name() + " trials", x, y);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarkerColor(color);
            points.setMarker(SeriesMarkers.CIRCLE);
            XYSeries line = chart.addSeries(contender.name() + " best so far", x, best);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            line.setLineColor(color);
            line.setLineStyle(new BasicStroke(2f));
            line.setMarker(SeriesMarkers.NONE);
        }
        if (!any) {
            return null;
        }
        double[] range = historyRange(all.stream().mapToDouble(Double::doubleValue).toArray());
        if (range != null) {
            chart.getStyler().setYAxisMin(range[0]);
            chart.getStyler().setYAxisMax(range[1]);
            chart.setYAxisTitle(objective + " (zoomed: worse trials lie above)");
        }
        return chart;
    }

    /** Final test loss vs batch size over the verdict and sweep runs; null without a sweep. */
    static XYChart batchSizes(ExperimentResult result) {
        if (result.setup().batchSizes().isEmpty()) {
            return null;
        }
        XYChart chart = xyChart("Test loss vs batch size", "batch size", "final test loss");
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        boolean any = false;
        for (int c = 0; c < result.contenders().size(); c++) {
            ContenderResult contender = result.contenders().get(c);
            List<SeedRun> runs = new ArrayList<>(contender.seedRuns());
            runs.addAll(contender.sweepRuns());
            List<double[]> rows = new ArrayList<>();
            runs.stream().mapToInt(SeedRun::batchSize).distinct().sorted().forEach(bs -> {
                double[] values = runs.stream().filter(r -> r.batchSize() == bs && r.completed())
                        .mapToDouble(SeedRun::finalTestLoss).filter(Double::isFinite).toArray();
                if (values.length > 0) {
                    MeanInterval ci = MeanInterval.of(values);
                    rows.add(new double[] {bs, ci.mean(), Double.isNaN(ci.halfWidth()) ? 0 : ci.halfWidth()});
                }
            });
            if (rows.isEmpty()) {
                continue;
            }
            any = true;
            XYSeries s = chart.addSeries(contender.name(), rows.stream().mapToDouble(r -> r[0]).toArray(),
                    rows.stream().mapToDouble(r -> r[1]).toArray(), rows.stream().mapToDouble(r -> r[2]).toArray());
            s.setLineColor(color(c));
            s.setMarkerColor(color(c));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return any ? chart : null;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
