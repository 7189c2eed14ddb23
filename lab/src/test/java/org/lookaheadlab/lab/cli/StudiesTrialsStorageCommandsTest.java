package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.distributions.CategoricalDistribution;
import org.lookaheadlab.tune.distributions.FloatDistribution;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;

/** {@code ./lookahead studies}, {@code trials} and {@code storage upgrade}. */
class StudiesTrialsStorageCommandsTest {

    @TempDir
    Path dir;

    /** Study "a": every state; "b": maximize; "two": an Optuna study with two objectives. */
    private String sampleStorage() throws Exception {
        Path file = dir.resolve("studies.db");
        String url = "sqlite:" + file;
        try (Storage st = Storages.open(url)) {
            long a = st.createStudy("a", StudyDirection.MINIMIZE).studyId();
            FloatDistribution lr = new FloatDistribution(1e-5, 1e-1, true);
            CategoricalDistribution opt = new CategoricalDistribution(List.of("sgd", "adam"));
            for (double v : new double[] {0.5, 0.25}) {
                long t = st.createTrial(a, Integer.MAX_VALUE).orElseThrow().trialId();
                st.setTrialParam(t, "lr", v / 100, lr);
                st.setTrialParam(t, "opt", 1, opt);
                st.finishTrial(t, TrialState.COMPLETE, v, null);
            }
            st.finishTrial(st.createTrial(a, Integer.MAX_VALUE).orElseThrow().trialId(), TrialState.PRUNED, 2.0, null);
            st.finishTrial(st.createTrial(a, Integer.MAX_VALUE).orElseThrow().trialId(), TrialState.FAIL, null, "x");
            st.createTrial(a, Integer.MAX_VALUE);
            st.enqueueTrial(a, java.util.Map.of());
            long b = st.createStudy("b", StudyDirection.MAXIMIZE).studyId();
            for (double v : new double[] {1.0, 3.0}) {
                st.finishTrial(st.createTrial(b, Integer.MAX_VALUE).orElseThrow().trialId(), TrialState.COMPLETE, v,
                        null);
            }
            long two = st.createStudy("two", StudyDirection.MINIMIZE).studyId();
            long t = st.createTrial(two, Integer.MAX_VALUE).orElseThrow().trialId();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                // what Optuna writes for a second objective
                s.execute("INSERT INTO study_directions (direction, study_id, objective) VALUES ('MAXIMIZE', " + two
                        + ", 1)");
                s.execute("UPDATE trials SET state = 'COMPLETE', datetime_complete = datetime_start WHERE trial_id = " + t);
                s.execute("INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (" + t
                        + ", 0, 0.5, 'FINITE'), (" + t + ", 1, 7.0, 'FINITE')");
            }
        }
        return url;
    }

    @Test
    void studiesListsEveryStudyWithItsTrialsByStateAndBestValue() throws Exception {
        CliRun r = CliRun.run("studies", "--storage", sampleStorage());
        assertEquals(List.of(), r.err());
        assertEquals(List.of(
                "study  direction          trials  COMPLETE  PRUNED  FAIL  RUNNING  WAITING  best value",
                "a      MINIMIZE           6       2         1       1     1        1        0.25",
                "b      MAXIMIZE           2       2         0       0     0        0        3.0",
                "two    MINIMIZE,MAXIMIZE  1       1         0       0     0        0        - (2 objectives)"), r.out());
        assertEquals(0, r.code());
    }

    @Test
    void trialsPrintsATableOrCsv() throws Exception {
        String url = sampleStorage();
        CliRun csv = CliRun.run("trials", "--study", "a", "--storage", url, "--csv");
        assertEquals(0, csv.code(), String.join("\n", csv.err()));
        assertEquals("number,state,value,lr,opt,datetime_start,datetime_complete", csv.out().get(0));
        assertEquals(List.of("0,COMPLETE,0.5,0.005,adam", "1,COMPLETE,0.25,0.0025,adam", "2,PRUNED,2.0,,",
                "3,FAIL,,,", "4,RUNNING,,,", "5,WAITING,,,"), csv.out().subList(1, 7).stream()
                .map(StudiesTrialsStorageCommandsTest::withoutTimes).toList());
        assertEquals("5,WAITING,,,,,", csv.out().get(6), "a WAITING trial has neither start nor end");
        CliRun table = CliRun.run("trials", "--study", "two", "--storage", url);
        assertEquals(0, table.code());
        assertEquals("number  state     value_0  value_1", table.out().get(0).substring(0, 34));
        assertEquals("0       COMPLETE  0.5      7.0", table.out().get(1).substring(0, 30));
        CliRun none = CliRun.run("trials", "--study", "c", "--storage", url);
        assertEquals(List.of("lookahead trials: error: no study named 'c' in storage '" + url + "', accepted: a, b, two"),
                none.err());
        assertEquals(2, none.code());
    }

    @Test
    void tuneRefusesTheTwoObjectiveStudyInOneLine() throws Exception {
        CliRun r = CliRun.run("tune", "--study", "two", "--storage", sampleStorage(), "--trials", "1", "--epochs", "1",
                "--data", "mnist1d:num-samples=200", "--model", "mlp:8", "--search", "lr=1e-3:1e-1:log");
        assertEquals(List.of("lookahead tune: error: study 'two' has 2 objectives (MINIMIZE, MAXIMIZE): this tuner"
                + " runs single-objective studies only, so it lists this study but does not tune it"), r.err());
        assertEquals(2, r.code());
    }

    /** A CSV line without its last two fields (start and end times). */
    private static String withoutTimes(String line) {
        String head = line.substring(0, line.lastIndexOf(','));
        return head.substring(0, head.lastIndexOf(','));
    }

    @Test
    void anOldDatabaseIsRefusedWithTheUpgradeCommandWhichConvertsIt() throws Exception {
        Path file = dir.resolve("old.db");
        String url = "sqlite:" + file;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : List.of( // Lookahead Lab's schema 1, with one study and one trial
                    "CREATE TABLE version_info (version_info_id INTEGER PRIMARY KEY, schema_version INTEGER NOT NULL)",
                    "INSERT INTO version_info VALUES (1, 1)",
                    "CREATE TABLE studies (study_id INTEGER PRIMARY KEY AUTOINCREMENT, study_name VARCHAR(512) NOT NULL"
                            + " UNIQUE, direction VARCHAR(16) NOT NULL)",
                    "INSERT INTO studies VALUES (1, 'old', 'MAXIMIZE')",
                    "CREATE TABLE trials (trial_id INTEGER PRIMARY KEY AUTOINCREMENT, number INTEGER NOT NULL, study_id"
                            + " BIGINT NOT NULL, state VARCHAR(16) NOT NULL, value REAL, fail_reason TEXT, datetime_start"
                            + " BIGINT, datetime_complete BIGINT)",
                    "INSERT INTO trials VALUES (1, 0, 1, 'COMPLETE', 0.75, NULL, 1796322698679, 1796322698906)",
                    "CREATE TABLE trial_params (trial_id BIGINT NOT NULL, param_name VARCHAR(512) NOT NULL, param_value"
                            + " REAL NOT NULL, distribution_json TEXT NOT NULL)",
                    "CREATE TABLE trial_intermediate_values (trial_id BIGINT NOT NULL, step INTEGER NOT NULL,"
                            + " intermediate_value REAL)",
                    "CREATE TABLE trial_user_attributes (trial_id BIGINT NOT NULL, attr_key VARCHAR(512) NOT NULL,"
                            + " value_json TEXT NOT NULL)",
                    "CREATE TABLE trial_heartbeats (trial_id BIGINT PRIMARY KEY, heartbeat BIGINT NOT NULL)")) {
                s.execute(sql);
            }
        }
        CliRun refused = CliRun.run("studies", "--storage", url);
        assertEquals(List.of("lookahead studies: error: storage '" + url + "' is in Lookahead Lab's old schema"
                + " (version 1), which this version no longer reads (it reads and writes Optuna's schema): convert it"
                + " without loss with: ./lookahead storage upgrade " + url), refused.err());
        assertEquals(1, refused.code());

        CliRun upgrade = CliRun.run("storage", "upgrade", url);
        assertEquals(List.of("upgraded storage '" + url + "' to Optuna's schema (alembic v3.2.0.a): 1 studies, 1 trials"),
                upgrade.out());
        assertEquals(0, upgrade.code());
        assertEquals("old    MAXIMIZE   1       1         0       0     0        0        0.75",
                CliRun.run("studies", "--storage", url).out().get(1));
        assertEquals(List.of("storage '" + url + "' is already in Optuna's schema (alembic v3.2.0.a): nothing to do"),
                CliRun.run("storage", "upgrade", url).out());
        CliRun missing = CliRun.run("storage", "upgrade", "sqlite:" + dir.resolve("none.db"));
        assertEquals(2, missing.code());
        assertEquals(List.of("lookahead storage upgrade: error: storage URL 'sqlite:" + dir.resolve("none.db")
                + "': file '" + dir.resolve("none.db") + "' does not exist"), missing.err());
    }
}
