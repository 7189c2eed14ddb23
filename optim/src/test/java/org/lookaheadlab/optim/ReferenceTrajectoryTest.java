package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the reference trajectory file (torch.optim, optax, AdaBound authors' code) through our
 * optimizers on real PyTorch-engine NDArrays, in float64 (1e-9 relative) and float32 (1e-4), comparing the
 * weights after every step, and Lookahead's slow weights ({@code slowTrajectory}) or the evaluation weights
 * ({@code averagedTrajectory}: an average, schedule-free's x; see {@link ReferenceAveragingTest}) where the case
 * gives them. Data-driven: nothing depends on this file's numbers (shapes, parameter names, step count and
 * hyperparameters all come from the file); an unknown optimizer, hyperparameter, wrapper or case key fails the
 * case, and so does a trajectory whose length is not the step count. Run it on another file of the same format
 * with {@code -Dlookahead.optim.reference=FILE}.
 */
class ReferenceTrajectoryTest {

    /** The reference file this test runs. */
    Path file() {
        return ReferenceFiles.trajectories();
    }

    private static final double TOL64 = 1e-9;
    private static final double TOL32 = 1e-4;
    /** Lookahead's slow weights after each step ({@link SlowWeights}). */
    private static final String SLOW = "slowTrajectory";
    /** The evaluation weights after each step ({@link EvaluationWeights}: an average, schedule-free's x). */
    private static final String AVERAGED = "averagedTrajectory";

    @TestFactory
    Stream<DynamicTest> float64() throws IOException {
        return cases(DataType.FLOAT64, TOL64);
    }

    @TestFactory
    Stream<DynamicTest> float32() throws IOException {
        return cases(DataType.FLOAT32, TOL32);
    }

    private Stream<DynamicTest> cases(DataType dtype, double tol) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file().toFile());
        JsonNode problem = root.get("problem");
        List<DynamicTest> tests = new ArrayList<>();
        assertTrue(root.get("cases").size() > 0, "the reference file has no cases");
        for (JsonNode c : root.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText() + " [" + dtype + "]",
                    () -> runCase(problem, c, dtype, tol)));
        }
        return tests.stream();
    }

    static Optimizer build(JsonNode c) {
        Optimizer optimizer = Optimizers.create(c.get("optimizer").asText(), toMap(c.get("hyper")));
        JsonNode wrap = c.get("wrap");
        if (wrap != null && !wrap.isNull()) {
            for (Map.Entry<String, JsonNode> w : wrap.properties()) {
                optimizer = Optimizers.wrap(w.getKey(), optimizer, toMap(w.getValue()));
            }
        }
        return optimizer;
    }

    private static Map<String, Object> toMap(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            map.put(e.getKey(), v.isBoolean() ? (Object) v.booleanValue() : v.isNumber() ? v.numberValue() : v.asText());
        }
        return map;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** The keys a case may have (../shared/README.md); any other key fails the case instead of being ignored. */
    private static final Set<String> CASE_KEYS = Set.of("name", "optimizer", "hyper", "wrap", "source", "trajectory",
            SLOW, AVERAGED);

    /**
     * Checks that the case and the problem are complete and consistent (so that a malformed or truncated file
     * fails with a clear message, and extra trajectory entries are not silently ignored).
     */
    private static void checkStructure(JsonNode problem, JsonNode c, List<String> names, int steps) {
        String name = c.path("name").asText("?");
        c.fieldNames().forEachRemaining(key -> assertTrue(CASE_KEYS.contains(key),
                "case " + name + ": unknown key '" + key + "'; accepted: " + new TreeSet<>(CASE_KEYS)));
        assertTrue(c.path("optimizer").isTextual(), "case " + name + ": no optimizer name");
        assertTrue(steps >= 1, "problem.steps = " + steps + "; accepted: >= 1");
        assertTrue(!names.isEmpty(), "problem.parameterOrder is empty");
        assertEquals(steps, problem.path("noise").size(), "problem.noise: one entry per step");
        for (String n : names) {
            long size = 1;
            for (JsonNode d : problem.path("shapes").path(n)) {
                size *= d.asLong();
            }
            assertTrue(problem.path("shapes").path(n).isArray(), "problem.shapes has no shape for " + n);
            for (String field : new String[] {"init", "A", "C"}) {
                assertEquals(size, problem.path(field).path(n).size(), "problem." + field + "." + n + ": size");
            }
        }
        assertEquals(steps, c.path("trajectory").size(), "case " + name + ": trajectory must have one entry per step");
        for (String key : List.of(SLOW, AVERAGED)) {
            JsonNode other = c.get(key);
            if (other != null && !other.isNull()) {
                assertEquals(steps, other.size(), "case " + name + ": " + key + " must have one entry per step");
            }
        }
    }

    private static void runCase(JsonNode problem, JsonNode c, DataType dtype, double tol) {
        int steps = problem.get("steps").asInt();
        List<String> names = new ArrayList<>();
        problem.get("parameterOrder").forEach(n -> names.add(n.asText()));
        checkStructure(problem, c, names, steps);
        Optimizer optimizer = build(c);
        Map<String, EvaluationWeights> extra = new LinkedHashMap<>(); // case key → where its weights are read
        for (String key : List.of(SLOW, AVERAGED)) {
            JsonNode other = c.get(key);
            if (other != null && !other.isNull()) {
                Optional<EvaluationWeights> weights = key.equals(SLOW)
                        ? SlowWeights.find(optimizer).map(EvaluationWeights.class::cast)
                        : EvaluationWeights.find(optimizer);
                EvaluationWeights found = weights.orElseThrow(() -> new AssertionError("case "
                        + c.get("name").asText() + " has " + key + " but the optimizer has no evaluation weights"));
                extra.put(key, found);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (String name : names) {
                long[] shape = new long[problem.get("shapes").get(name).size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = problem.get("shapes").get(name).get(i).asLong();
                }
                NDArray p = manager.create(doubles(problem.get("init").get(name)), new Shape(shape)).toType(dtype, false);
                p.setRequiresGradient(true);
                params.put(name, p);
            }
            for (int t = 1; t <= steps; t++) {
                for (String name : names) {
                    NDArray theta = params.get(name);
                    double[] a = doubles(problem.get("A").get(name));
                    double[] center = doubles(problem.get("C").get(name));
                    double[] noise = doubles(problem.get("noise").get(t - 1).get(name));
                    double[] x = theta.toType(DataType.FLOAT64, true).toDoubleArray();
                    double[] g = new double[x.length];
                    for (int i = 0; i < g.length; i++) {
                        g[i] = a[i] * (x[i] - center[i]) + noise[i];
                    }
                    try (NDArray grad = manager.create(g, theta.getShape()).toType(dtype, false)) {
                        optimizer.update(name, theta, grad);
                    }
                }
                for (String name : names) {
                    String where = c.get("name").asText() + " step " + t + " " + name;
                    compare(where, doubles(c.get("trajectory").get(t - 1).get(name)), params.get(name), tol);
                    for (Map.Entry<String, EvaluationWeights> e : extra.entrySet()) {
                        NDArray s = e.getValue().evaluationWeight(name)
                                .orElseThrow(() -> new AssertionError(where + ": no " + e.getKey() + " weight"));
                        compare(where + " (" + e.getKey() + ")", doubles(c.get(e.getKey()).get(t - 1).get(name)), s,
                                tol);
                    }
                }
            }
            if (optimizer instanceof AutoCloseable) {
                ((AutoCloseable) optimizer).close();
            }
        } catch (Exception e) {
            fail(e);
        }
    }

    private static void compare(String where, double[] expected, NDArray actualArray, double tol) {
        double[] actual = actualArray.toType(DataType.FLOAT64, true).toDoubleArray();
        assertEquals(expected.length, actual.length, where + ": size");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= tol * Math.max(1.0, Math.abs(expected[i])))) {
                fail(where + "[" + i + "]: expected " + expected[i] + " got " + actual[i] + " (|Δ| = " + err + ")");
            }
        }
    }
}
