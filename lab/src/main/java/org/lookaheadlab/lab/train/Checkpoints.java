package org.lookaheadlab.lab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.lab.io.AtomicFiles;
import org.lookaheadlab.lab.model.InitialWeights;
import org.lookaheadlab.optim.StatefulOptimizer;

/**
 * Checkpoint of a run, one file {@code checkpoint.bin} in the checkpoint folder, replaced atomically
 * ({@link AtomicFiles}), so a crash leaves either the previous or the new checkpoint, never a torn one.
 *
 * <p>Format (version 3, {@link DataOutputStream} conventions): magic {@code LLCK}, int version, UTF fingerprint
 * of the run's settings (model, optimizer, batch size, seeds, batching, clipping, dtype: resuming under other
 * settings is refused), the {@link DataFingerprint} of the data (int train, validation and test sizes, int rank +
 * long dims of the sample shape, int classes, long features CRC32, long labels CRC32: resuming on other data is
 * refused, naming what differs), long steps done, double train seconds, int history size and per epoch: int epoch, long
 * step and the seven doubles of {@link EpochMetrics}; then int length + the model parameters (DJL
 * {@code saveParameters}), int length + the optimizer state ({@link StatefulOptimizer} stream, parameters keyed
 * by their block path name). The data-order position is the step count: the order is a pure function of the
 * shuffle seed and the step ({@link BatchOrder}).
 */
final class Checkpoints {

    static final String FILE_NAME = "checkpoint.bin";
    private static final int MAGIC = 0x4C4C434B; // "LLCK"
    private static final int VERSION = 3;

    /** Why a checkpoint of an older version cannot be resumed, by version. */
    private static final java.util.Map<Integer, String> OLDER = java.util.Map.of(
            1, "version 1 records no data fingerprint",
            2, "version 2 records the optimizer in the text of Lookahead Lab before its one optimizer spec syntax");

    /** What a checkpoint holds. */
    record State(long step, double trainSeconds, List<EpochMetrics> history, byte[] weights, byte[] optimizerState) {}

    private Checkpoints() {}

    static Path file(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    static void write(Path dir, TrainSpec spec, DataFingerprint data, Block block, Optimizer optimizer, long step,
            double trainSeconds, List<EpochMetrics> history) {
        StatefulOptimizer stateful = stateful(optimizer);
        Map<String, String> names = namesById(block);
        byte[] optimizerState = stateful.saveState(names::get);
        byte[] weights = InitialWeights.save(block);
        AtomicFiles.write(file(dir), raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint(spec));
            data.write(out);
            out.writeLong(step);
            out.writeDouble(trainSeconds);
            out.writeInt(history.size());
            for (EpochMetrics m : history) {
                out.writeInt(m.epoch());
                out.writeLong(m.step());
                for (double v : new double[] {m.trainLoss(), m.trainAccuracy(), m.validationLoss(),
                        m.validationAccuracy(), m.testLoss(), m.testAccuracy(), m.elapsedSeconds()}) {
                    out.writeDouble(v);
                }
            }
            out.writeInt(weights.length);
            out.write(weights);
            out.writeInt(optimizerState.length);
            out.write(optimizerState);
            out.flush();
        });
    }

    /**
     * The checkpoint in {@code dir}, or null when there is none; refused (IllegalArgumentException) when it was made
     * with other settings than {@code spec} or on other data than {@code data}.
     */
    static State read(Path dir, TrainSpec spec, DataFingerprint data) {
        Path file = file(dir);
        if (!Files.exists(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(file + " is not a Lookahead Lab checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(file + " has checkpoint version " + version + ", accepted: "
                        + VERSION + (OLDER.containsKey(version) ? " (" + OLDER.get(version) + "; start the run afresh)"
                        : ""));
            }
            String saved = in.readUTF();
            String current = fingerprint(spec);
            if (!saved.equals(current)) {
                throw new IllegalArgumentException("checkpoint " + file + " was made with other settings ("
                        + saved + "), cannot resume a run with " + current);
            }
            List<String> differences = DataFingerprint.read(in).differences(data);
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException("checkpoint " + file + " was made on other data: "
                        + String.join(", ", differences) + "; cannot resume on this data");
            }
            long step = in.readLong();
            double seconds = in.readDouble();
            int n = in.readInt();
            List<EpochMetrics> history = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int epoch = in.readInt();
                long s = in.readLong();
                history.add(new EpochMetrics(epoch, s, in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
            }
            byte[] weights = new byte[in.readInt()];
            in.readFully(weights);
            byte[] optimizerState = new byte[in.readInt()];
            in.readFully(optimizerState);
            return new State(step, seconds, history, weights, optimizerState);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads the checkpoint's optimizer state into the fresh {@code optimizer} of the rebuilt {@code block}. */
    static void restoreOptimizer(Optimizer optimizer, Block block, State state) {
        Map<String, String> names = namesById(block);
        try (NDManager manager = NDManager.newBaseManager()) {
            stateful(optimizer).loadState(new ByteArrayInputStream(state.optimizerState()), names::get, manager);
        }
    }

    private static StatefulOptimizer stateful(Optimizer optimizer) {
        if (!(optimizer instanceof StatefulOptimizer s)) {
            throw new IllegalArgumentException("checkpointing needs an optimizer with exportable state, "
                    + optimizer.getClass().getSimpleName() + " has none");
        }
        return s;
    }

    /** Parameter id → stable block-path name (e.g. {@code 01Linear_weight}). */
    static Map<String, String> namesById(Block block) {
        Map<String, String> names = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            names.put(p.getValue().getId(), p.getKey());
        }
        return names;
    }

    static String fingerprint(TrainSpec spec) {
        return "model=" + spec.model() + " optimizer=" + spec.optimizer() + " batch=" + spec.batchSize()
                + " initSeed=" + spec.initSeed() + " shuffleSeed=" + spec.shuffleSeed()
                + " contiguous=" + spec.contiguousBatches() + " gradClip=" + spec.gradClip()
                + " dtype=" + spec.dtype() + (spec.evalEvery() > 0 ? " evalEvery=" + spec.evalEvery() : "");
    }
}
