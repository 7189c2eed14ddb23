package org.lookaheadlab.lab.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.lookaheadlab.lab.io.AtomicFiles;

/**
 * A chart saved as {@code <stem>.png} and {@code <stem>.svg} in a folder.
 *
 * @param stem file name without extension
 * @param title caption for the reports
 * @param png the PNG file
 * @param svg the SVG file
 */
public record ChartFile(String stem, String title, Path png, Path svg) {

    static {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        // ImageIO buffers a PNG in a cache file of its own by default; when the write fails (a full disk), its
        // shutdown hook then throws a NullPointerException with a stack trace after the command's one error line
        // (issue 15's soak). The charts are small: buffer them in memory.
        javax.imageio.ImageIO.setUseCache(false);
    }

    /** The chart as SVG, compacted ({@link SvgCompactor}): a third or less of XChart's own output. */
    static byte[] svgBytes(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(1 << 18);
        VectorGraphicsEncoder.saveVectorGraphic(chart, raw, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return SvgCompactor.compact(raw.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes both formats of {@code chart} into {@code dir}, each atomically ({@link AtomicFiles}). */
    public static ChartFile save(Chart<?, ?> chart, Path dir, String stem, String title) {
        Path png = dir.resolve(stem + ".png");
        Path svg = dir.resolve(stem + ".svg");
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(svg, out -> out.write(svgBytes(chart)));
        return new ChartFile(stem, title, png, svg);
    }
}
