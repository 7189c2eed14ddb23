package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StoredStudy;
import org.lookaheadlab.tune.distributions.DistributionJson;
import org.lookaheadlab.testkit.SharedFiles;

/**
 * {@code <repo root>/../shared/reference/optuna/}: an SQLite study database written by Optuna 5.0.0 itself and
 * the JSON of what {@code optuna.load_study} reads from it. Located by
 * {@link SharedFiles} (a missing file fails under ./run-tests and CI).
 */
final class OptunaReference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OptunaReference() {
    }

    /** A copy of the reference database in {@code dir} (shared/ is read-only). */
    static Path copyDatabase(Path dir) {
        Path copy = dir.resolve("optuna-5.0-reference-copy.db");
        try {
            Files.copy(file("optuna-5.0-reference.db"), copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** What Optuna reads from the reference database. */
    static JsonNode expected() {
        try {
            return JSON.readTree(file("optuna-5.0-reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(String name) {
        return SharedFiles.referenceFile("optuna", name, null);
    }

    /**
     * Asserts that {@code storage} holds exactly what the reference JSON lists: the same studies with their
     * directions and user attributes, and per trial its number, state, values, parameters (external values, of
     * the same type), distributions (the JSON text itself, which ours writes character for character as Optuna
     * does), intermediate values and user attributes.
     */
    static void assertHoldsTheReference(Storage storage) {
        JsonNode studies = expected().get("studies");
        List<String> names = new ArrayList<>();
        studies.fieldNames().forEachRemaining(names::add);
        List<StoredStudy> stored = storage.getAllStudies();
        assertEquals(names, stored.stream().map(StoredStudy::name).toList());
        for (StoredStudy s : stored) {
            JsonNode e = studies.get(s.name());
            assertEquals(e.get("directions"), JSON.valueToTree(s.directions().stream().map(Enum::name).toList()),
                    s.name());
            assertEquals(e.get("user_attrs"), JSON.valueToTree(s.userAttrs()), s.name());
            List<FrozenTrial> trials = storage.getAllTrials(s.studyId());
            assertEquals(e.get("trials").size(), trials.size(), s.name());
            for (int i = 0; i < trials.size(); i++) {
                assertTrialEquals(s.name(), e.get("trials").get(i), trials.get(i));
            }
        }
    }

    private static void assertTrialEquals(String study, JsonNode e, FrozenTrial t) {
        String where = study + " trial " + e.get("number").asInt();
        assertEquals(e.get("number").asInt(), t.number(), where);
        assertEquals(e.get("state").asText(), t.state().name(), where);
        List<Double> values = new ArrayList<>();
        e.get("values").forEach(v -> values.add(v.asDouble()));
        assertEquals(values, t.values(), where);
        assertEquals(values.size() == 1 ? values.get(0) : null, t.value(), where);
        Map<String, Object> params = new LinkedHashMap<>();
        e.get("params").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().isTextual()
                ? f.getValue().asText() : f.getValue().isIntegralNumber() ? (Object) f.getValue().asLong()
                : (Object) f.getValue().asDouble()));
        assertEquals(List.copyOf(params.entrySet()), List.copyOf(t.params().entrySet()),
                where + ": parameters, their types and their order");
        Map<String, String> dists = new LinkedHashMap<>();
        e.get("distributions").fields().forEachRemaining(f -> dists.put(f.getKey(), f.getValue().asText()));
        Map<String, String> ours = new LinkedHashMap<>();
        t.distributions().forEach((k, d) -> ours.put(k, DistributionJson.toJson(d)));
        assertEquals(dists, ours, where);
        Map<Integer, Double> iv = new LinkedHashMap<>();
        e.get("intermediate").fields().forEachRemaining(f -> iv.put(Integer.parseInt(f.getKey()), f.getValue().asDouble()));
        assertEquals(iv, t.intermediateValues(), where);
        assertEquals(e.get("user_attrs"), JSON.valueToTree(t.userAttrs()), where);
        assertTrue(t.state().isFinished() == (t.end() != null), where);
    }
}
