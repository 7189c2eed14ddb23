package org.lookaheadlab.lab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

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
    }

    /** Writes both formats of {@code chart} into {@code dir}. */
    public static ChartFile save(Chart<?, ?> chart, Path dir, String stem, String title) {
        try {
            Files.createDirectories(dir);
            Path base = dir.resolve(stem);
            BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(),
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return new ChartFile(stem, title, dir.resolve(stem + ".png"), dir.resolve(stem + ".svg"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + stem + " in " + dir + ": " + e.getMessage(), e);
        }
    }
}
