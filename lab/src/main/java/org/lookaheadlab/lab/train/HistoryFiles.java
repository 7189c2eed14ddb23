package org.lookaheadlab.lab.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lookaheadlab.lab.io.AtomicFiles;

/**
 * Writes a run's per-epoch history as {@code history.csv} (columns {@code epoch,step,train_loss,train_acc,
 * val_loss,val_acc,test_loss,test_acc,train_seconds}) and {@code history.json} (settings, status, message and
 * the same rows), each replaced atomically.
 */
public final class HistoryFiles {

    public static final String CSV = "history.csv";
    public static final String JSON = "history.json";

    private HistoryFiles() {}

    public static void write(Path dir, TrainSpec spec, TrainResult result) {
        AtomicFiles.writeString(dir.resolve(CSV), csv(result.history()));
        AtomicFiles.writeString(dir.resolve(JSON), json(spec, result));
    }

    static String csv(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder(
                "epoch,step,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,train_seconds\n");
        for (EpochMetrics m : history) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s,%s%n", m.epoch(), m.step(),
                    m.trainLoss(), m.trainAccuracy(), m.validationLoss(), m.validationAccuracy(), m.testLoss(),
                    m.testAccuracy(), m.elapsedSeconds()));
        }
        return sb.toString();
    }

    static String json(TrainSpec spec, TrainResult result) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", spec.model().toString());
        settings.put("optimizer", spec.optimizer().label());
        settings.put("spec", spec.optimizer().format());
        settings.put("hyper", spec.optimizer().base().values());
        settings.put("epochs", spec.epochs());
        settings.put("steps", spec.steps());
        settings.put("batch_size", spec.batchSize());
        settings.put("init_seed", spec.initSeed());
        settings.put("shuffle_seed", spec.shuffleSeed());
        settings.put("contiguous_batches", spec.contiguousBatches());
        settings.put("grad_clip", spec.gradClip());
        settings.put("eval_weights", spec.evalWeights());
        settings.put("evaluated_on", spec.evaluatedOn());
        settings.put("dtype", spec.dtype().name().toLowerCase(Locale.ROOT));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochMetrics m : result.history()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", m.epoch());
            row.put("step", m.step());
            row.put("train_loss", m.trainLoss());
            row.put("train_acc", m.trainAccuracy());
            row.put("val_loss", m.validationLoss());
            row.put("val_acc", m.validationAccuracy());
            row.put("test_loss", m.testLoss());
            row.put("test_acc", m.testAccuracy());
            row.put("train_seconds", m.elapsedSeconds());
            rows.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        root.put("status", result.status().name());
        root.put("message", result.message());
        root.put("train_seconds", result.trainSeconds());
        root.put("history", rows);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the history as JSON", e);
        }
    }
}
