package org.lookaheadlab.lab.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lookaheadlab.lab.io.AtomicFiles;

/**
 * Finished verdict and sweep runs kept in {@code <run dir>/verdict-runs/}, one JSON file per (contender, seed,
 * batch size), so that a restarted compare does not retrain them. A cached run is used only when it was trained
 * under the same protocol — the contender's study name, whose fingerprint covers data, model, epochs, objective
 * and optimizer (a re-run of the same folder with other {@code --epochs} must retrain) — and with the same
 * hyperparameters (a contender's best trial can change if tuning was resumed with more trials).
 */
final class SeedRunCache {

    /** What one cache file holds. */
    record Entry(String study, Map<String, Double> params, SeedRun run) {}

    private final Path dir;
    private final ObjectMapper mapper = ResultsJson.mapper();

    SeedRunCache(Path runDir) {
        this.dir = runDir.resolve("verdict-runs");
    }

    private Path file(String contender, long seed, int batchSize) {
        return dir.resolve(contender + "-seed" + seed + "-bs" + batchSize + ".json");
    }

    Optional<SeedRun> find(String contender, String study, long seed, int batchSize, Map<String, Double> params) {
        Path f = file(contender, seed, batchSize);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            Entry e = mapper.readValue(f.toFile(), Entry.class);
            boolean same = study.equals(e.study()) && e.params() != null && e.run() != null
                    && new TreeMap<>(e.params()).equals(new TreeMap<>(params));
            return same ? Optional.of(e.run()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: train again
        }
    }

    void put(String contender, String study, Map<String, Double> params, SeedRun run) {
        AtomicFiles.write(file(contender, run.seed(), run.batchSize()),
                out -> mapper.writeValue(out, new Entry(study, params, run)));
    }
}
