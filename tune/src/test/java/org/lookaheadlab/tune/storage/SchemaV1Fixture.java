package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyInfo;
import org.lookaheadlab.tune.distributions.DistributionJson;

/**
 * A database in Lookahead Lab's schema 1, as the code before the move to Optuna's schema wrote it
 * ({@code schema-v1/}: see its README), and what that code read from it.
 */
final class SchemaV1Fixture {

    private static final String DIR = "/org/lookaheadlab/tune/storage/schema-v1/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaV1Fixture() {
    }

    /** Writes the schema-1 fixture into a new SQLite file. */
    static void writeSqlite(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements("schema-v1.sqlite.sql")) {
                if (!sql.startsWith("PRAGMA") && !sql.equals("BEGIN TRANSACTION") && !sql.equals("COMMIT")) {
                    s.execute(sql);
                }
            }
        }
    }

    /**
     * Creates the schema-1 tables in the (empty) PostgreSQL schema of {@code url} and copies the fixture's rows into
     * them from an SQLite copy in {@code scratch}.
     */
    static void writePostgres(String url, Path scratch) throws SQLException {
        Path sqlite = scratch.resolve("v1-source.db");
        writeSqlite(sqlite);
        try (Connection pg = Storages.database(url).connect();
                Connection src = DriverManager.getConnection("jdbc:sqlite:" + sqlite)) {
            try (Statement s = pg.createStatement()) {
                for (String sql : statements("schema-v1.postgresql.sql")) {
                    s.execute(sql);
                }
            }
            for (String table : List.of("version_info", "studies", "trials", "trial_params", "trial_intermediate_values",
                    "trial_user_attributes", "trial_system_attributes", "trial_heartbeats")) {
                TestDatabases.copyTable(src, pg, table);
            }
            try (Statement s = pg.createStatement()) {
                s.execute("SELECT setval('studies_study_id_seq', (SELECT MAX(study_id) FROM studies))");
                s.execute("SELECT setval('trials_trial_id_seq', (SELECT MAX(trial_id) FROM trials))");
            }
        }
    }

    /** Statements of a fixture SQL file (one per line ending in ';', {@code --} comments dropped). */
    private static List<String> statements(String resource) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(resource).split("\n")) {
            if (line.startsWith("--") || line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return out;
    }

    private static String read(String resource) {
        return TestDatabases.resource(DIR + resource);
    }

    /** What the schema-1 code read from the fixture. */
    static JsonNode expected() {
        try {
            return JSON.readTree(read("schema-v1-expected.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code storage} reads exactly what the schema-1 code read from the fixture. */
    static void assertHoldsTheFixture(Storage storage) {
        JsonNode studies = expected().get("studies");
        assertEquals(studies.size(), storage.getAllStudies().size());
        for (JsonNode s : studies) {
            String name = s.get("name").asText();
            StudyInfo info = storage.findStudy(name).orElseThrow();
            assertEquals(s.get("study_id").asLong(), info.studyId(), name);
            assertEquals(s.get("direction").asText(), info.direction().name(), name);
            List<FrozenTrial> trials = storage.getAllTrials(info.studyId());
            JsonNode expectedTrials = s.get("trials");
            assertEquals(expectedTrials.size(), trials.size(), name);
            for (int i = 0; i < trials.size(); i++) {
                assertTrialEquals(expectedTrials.get(i), trials.get(i));
            }
        }
    }

    private static void assertTrialEquals(JsonNode e, FrozenTrial t) {
        String where = "trial_id " + e.get("trial_id").asLong();
        assertEquals(e.get("trial_id").asLong(), t.trialId(), where);
        assertEquals(e.get("number").asInt(), t.number(), where);
        assertEquals(e.get("state").asText(), t.state().name(), where);
        assertEquals(e.get("value").isNull() ? null : e.get("value").asDouble(), t.value(), where);
        Map<String, Double> params = new LinkedHashMap<>();
        e.get("internal_params").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asDouble()));
        assertEquals(params, t.internalParams(), where);
        Map<String, Object> dists = new LinkedHashMap<>();
        e.get("distributions").fields().forEachRemaining(f -> dists.put(f.getKey(),
                DistributionJson.fromJson(f.getValue().asText())));
        assertEquals(dists, t.distributions(), where);
        Map<Integer, Double> iv = new LinkedHashMap<>();
        e.get("intermediate_values").fields().forEachRemaining(f -> iv.put(Integer.parseInt(f.getKey()),
                Double.parseDouble(f.getValue().asText())));
        assertEquals(iv, t.intermediateValues(), where); // Double.equals: NaN equals NaN
        assertEquals(e.get("user_attrs"), JSON.valueToTree(t.userAttrs()), where);
        assertEquals(e.get("fail_reason").isNull() ? null : e.get("fail_reason").asText(), t.failReason(), where);
        assertEquals(e.get("start_epoch_ms").isNull() ? null : e.get("start_epoch_ms").asLong(),
                t.start() == null ? null : t.start().toEpochMilli(), where);
        assertEquals(e.get("end_epoch_ms").isNull() ? null : e.get("end_epoch_ms").asLong(),
                t.end() == null ? null : t.end().toEpochMilli(), where);
        assertEquals(e.get("system_attrs"), JSON.valueToTree(t.systemAttrs()), where);
        assertTrue(t.values().isEmpty() == (t.value() == null), where);
    }
}
