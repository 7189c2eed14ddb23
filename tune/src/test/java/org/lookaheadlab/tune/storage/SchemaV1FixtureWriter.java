package org.lookaheadlab.tune.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.StudyInfo;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.distributions.CategoricalDistribution;
import org.lookaheadlab.tune.distributions.DistributionJson;
import org.lookaheadlab.tune.distributions.FloatDistribution;
import org.lookaheadlab.tune.distributions.IntDistribution;

/**
 * Writes the schema-1 fixture (run once, against the schema-1 JdbcStorage, before the storage moved to Optuna's
 * schema): {@code java ... SchemaV1FixtureWriter DB_FILE EXPECTED_JSON} fills a new SQLite file through the
 * Storage API with every kind of content schema 1 holds, then writes what that code reads back from it (studies,
 * and per trial every field of {@link FrozenTrial}). The file is then dumped with {@code sqlite3 DB .dump} to
 * {@code schema-v1.sqlite.sql}. Not a test; kept beside the fixture so that its content is explained.
 */
public final class SchemaV1FixtureWriter {

    private SchemaV1FixtureWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Files.deleteIfExists(db);
        try (Storage st = Storages.open("sqlite:" + db)) {
            fill(st);
            List<Object> studies = new ArrayList<>();
            for (String name : List.of("v1-minimize", "v1-maximize", "v1-empty")) {
                StudyInfo info = st.findStudy(name).orElseThrow();
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("study_id", info.studyId());
                s.put("name", info.name());
                s.put("direction", info.direction().name());
                List<Object> trials = new ArrayList<>();
                for (FrozenTrial t : st.getAllTrials(info.studyId())) {
                    trials.add(describe(t));
                }
                s.put("trials", trials);
                studies.add(s);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(Path.of(args[1]).toFile(), Map.of("studies", studies));
        }
    }

    private static void fill(Storage st) throws InterruptedException {
        long a = st.createStudy("v1-minimize", StudyDirection.MINIMIZE).studyId();
        long b = st.createStudy("v1-maximize", StudyDirection.MAXIMIZE).studyId();
        st.createStudy("v1-empty", StudyDirection.MINIMIZE);
        FloatDistribution lr = new FloatDistribution(1e-5, 1e-1, true);
        FloatDistribution beta = new FloatDistribution(0, 1, false, 0.1);
        IntDistribution layers = new IntDistribution(1, 8, false, 1);
        IntDistribution batch = new IntDistribution(16, 256, true, 1);
        CategoricalDistribution opt = new CategoricalDistribution(List.of("sgd", "adam"));
        String protocol = UserAttrJson.write("data=mnist1d valSplit=0.0 model=mlp optimizer=adam(lr=1.0E-5) epochs=5");

        // 0: COMPLETE, every distribution kind, intermediate values finite/NaN/±inf, user attributes
        long t0 = st.createTrial(a, Integer.MAX_VALUE).orElseThrow().trialId();
        st.setTrialParam(t0, "lr", 3.2e-4, lr);
        st.setTrialParam(t0, "beta", 0.3, beta);
        st.setTrialParam(t0, "layers", 3, layers);
        st.setTrialParam(t0, "batch", 64, batch);
        st.setTrialParam(t0, "opt", 1, opt);
        st.setTrialIntermediateValue(t0, 0, 1.5);
        st.setTrialIntermediateValue(t0, 1, Double.NaN);
        st.setTrialIntermediateValue(t0, 2, Double.POSITIVE_INFINITY);
        st.setTrialIntermediateValue(t0, 3, Double.NEGATIVE_INFINITY);
        st.setTrialIntermediateValue(t0, 4, 0.125);
        st.setTrialUserAttr(t0, "note", UserAttrJson.write("hello"));
        st.setTrialUserAttr(t0, "epochs", UserAttrJson.write(List.of(1, 2, 3)));
        st.setTrialUserAttr(t0, "nested", UserAttrJson.write(Map.of("k", 1.5, "ok", true)));
        st.setTrialUserAttr(t0, "protocol", protocol);
        st.finishTrial(t0, TrialState.COMPLETE, 0.125, null);
        completeK(st, b, 8); // the two studies' trials interleave by id
        // 1: PRUNED with a value; 2: PRUNED without one
        long t1 = st.createTrial(a, Integer.MAX_VALUE).orElseThrow().trialId();
        st.setTrialParam(t1, "lr", 0.05, lr);
        st.setTrialIntermediateValue(t1, 0, 2.5);
        st.finishTrial(t1, TrialState.PRUNED, 2.5, null);
        long t2 = st.createTrial(a, Integer.MAX_VALUE).orElseThrow().trialId();
        st.setTrialIntermediateValue(t2, 0, Double.NaN);
        st.finishTrial(t2, TrialState.PRUNED, null, null);
        // 3: FAIL with the objective's reason
        long t3 = st.createTrial(a, Integer.MAX_VALUE).orElseThrow().trialId();
        st.setTrialParam(t3, "lr", 0.09, lr);
        st.finishTrial(t3, TrialState.FAIL, null, "boom: division by zero");
        // 4: FAIL by the stale sweep (owner elsewhere, heartbeat old); 5: RUNNING with an owner and a heartbeat
        long t4 = st.createTrial(a, Integer.MAX_VALUE, TestOwners.ELSEWHERE).orElseThrow().trialId();
        st.setTrialParam(t4, "lr", 1e-3, lr);
        Thread.sleep(300);
        st.failStaleTrials(a, Duration.ofMillis(100));
        long t5 = st.createTrial(a, Integer.MAX_VALUE, TestOwners.ELSEWHERE).orElseThrow().trialId();
        st.setTrialParam(t5, "lr", 2e-3, lr);
        st.setTrialIntermediateValue(t5, 0, 0.75);
        // 6: a retry of trial 4 (enqueued, started, completed: its system attributes stay)
        st.enqueueTrial(a, Map.of(FrozenTrial.FIXED_PARAMS, UserAttrJson.write(Map.of("lr", 1e-3)),
                FrozenTrial.FAILED_TRIAL, UserAttrJson.write(4), FrozenTrial.RETRY_COUNT, UserAttrJson.write(1)));
        long t6 = st.createTrial(a, Integer.MAX_VALUE, TestOwners.ELSEWHERE).orElseThrow().trialId();
        st.setTrialParam(t6, "lr", 1e-3, lr);
        st.finishTrial(t6, TrialState.COMPLETE, 0.5, null);
        // 7: RUNNING, then put back in the queue under its own number (a rerun): WAITING
        long t7 = st.createTrial(a, Integer.MAX_VALUE, TestOwners.ELSEWHERE).orElseThrow().trialId();
        st.setTrialParam(t7, "lr", 4e-3, lr);
        st.setTrialIntermediateValue(t7, 0, 3.0);
        st.requeueTrial(t7, Map.of(FrozenTrial.FIXED_PARAMS, UserAttrJson.write(Map.of("lr", 4e-3)),
                FrozenTrial.RERUN_COUNT, UserAttrJson.write(1)));
        // 8: WAITING, enqueued with fixed parameters
        st.enqueueTrial(a, Map.of(FrozenTrial.FIXED_PARAMS, UserAttrJson.write(Map.of("lr", 0.001, "opt", "adam"))));
        // 9: WAITING without attributes
        st.enqueueTrial(a, Map.of());

        completeK(st, b, 5);
        completeK(st, b, 10);
    }

    private static void completeK(Storage st, long study, int k) {
        long t = st.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        st.setTrialParam(t, "k", k, new IntDistribution(1, 10, false, 1));
        st.finishTrial(t, TrialState.COMPLETE, -(k - 6.0) * (k - 6.0), null);
    }

    private static Map<String, Object> describe(FrozenTrial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial_id", t.trialId());
        m.put("number", t.number());
        m.put("state", t.state().name());
        m.put("value", t.value());
        Map<String, Object> params = new LinkedHashMap<>();
        t.internalParams().forEach((k, v) -> params.put(k, v));
        m.put("internal_params", params);
        Map<String, Object> dists = new LinkedHashMap<>();
        t.distributions().forEach((k, v) -> dists.put(k, DistributionJson.toJson(v)));
        m.put("distributions", dists);
        Map<String, Object> iv = new LinkedHashMap<>();
        t.intermediateValues().forEach((k, v) -> iv.put(Integer.toString(k), Double.toString(v)));
        m.put("intermediate_values", iv);
        m.put("user_attrs", t.userAttrs());
        m.put("fail_reason", t.failReason());
        m.put("start_epoch_ms", t.start() == null ? null : t.start().toEpochMilli());
        m.put("end_epoch_ms", t.end() == null ? null : t.end().toEpochMilli());
        m.put("system_attrs", t.systemAttrs());
        return m;
    }
}
