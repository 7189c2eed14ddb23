package org.lookaheadlab.lab.nqm;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lookaheadlab.lab.report.ChartFile;
import org.lookaheadlab.lab.report.ReportCharts;

/**
 * The Lookahead paper's NQM figure: steady-state expected loss against the learning rate, one closed-form curve per
 * contender ({@link NqmClosedForm#steadyStateLoss}) and the simulated points (mean ± standard error) over it.
 */
public final class NqmChart {

    /** File stem of the chart in the output folder. */
    public static final String STEM = "nqm-loss-vs-lr";

    private static final int CURVE_POINTS = 120;

    private NqmChart() {}

    /** Builds the chart of {@code rows} of {@code study}. */
    public static XYChart chart(NqmStudy study, List<NqmStudy.Row> rows) {
        XYChart chart = new XYChartBuilder().width(1150).height(620)
                .title(String.format(Locale.ROOT, "NQM, dim %d: steady-state expected loss (lines: closed form; "
                        + "points: %d chains on the engine, ± s.e.)", study.problem().dim(), study.chains()))
                .xAxisTitle("learning rate η").yAxisTitle("expected loss ½ Σ h (Var + mean²)").build();
        Styler styler = chart.getStyler();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setYAxisLogarithmic(true);
        styler.setLegendVisible(true);
        double lo = study.lrs().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = study.lrs().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (lo == hi) {
            lo /= 2;
            hi *= 1.5;
        }
        boolean any = false;
        for (int c = 0; c < study.contenders().size(); c++) {
            NqmContender contender = study.contenders().get(c);
            Color color = ReportCharts.color(c);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < CURVE_POINTS; i++) {
                double lr = lo + (hi - lo) * i / (CURVE_POINTS - 1);
                double loss = new NqmClosedForm(study.problem(), contender.rule(lr)).steadyStateLoss();
                if (Double.isFinite(loss) && loss > 0) {
                    x.add(lr);
                    y.add(loss);
                }
            }
            if (!x.isEmpty()) {
                XYSeries curve = chart.addSeries(contender.label(), x, y);
                curve.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                curve.setMarker(SeriesMarkers.NONE);
                curve.setLineColor(color);
                curve.setLineStyle(new BasicStroke(1.8f));
                any = true;
            }
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            List<Double> pe = new ArrayList<>();
            for (NqmStudy.Row r : rows) {
                if (r.contender().equals(contender) && Double.isFinite(r.measured()) && r.measured() > 0) {
                    px.add(r.lr());
                    py.add(r.measured());
                    pe.add(r.standardError());
                }
            }
            if (!px.isEmpty()) {
                XYSeries points = chart.addSeries(contender.label() + " (simulated)", px, py, pe);
                points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                points.setMarker(SeriesMarkers.CIRCLE);
                points.setMarkerColor(color);
                points.setShowInLegend(false);
                any = true;
            }
        }
        return any ? chart : null;
    }

    /** Saves the chart as PNG and SVG in {@code dir}; null when there is nothing finite to plot. */
    public static ChartFile save(NqmStudy study, List<NqmStudy.Row> rows, Path dir) {
        XYChart chart = chart(study, rows);
        return chart == null ? null : ChartFile.save(chart, dir, STEM, "NQM expected loss against learning rate");
    }
}
