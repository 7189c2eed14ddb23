package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code tune --jobs N} builds the command line of its worker processes. */
class TuneWorkerLauncherTest {

    @Test
    void jobsFlagIsRemovedInBothSpellingsAndNothingElse() {
        assertEquals(List.of("--study", "s", "--trials", "4", "--search", "lr=1e-3:1e-1:log"),
                TuneWorkerLauncher.withoutJobs(List.of("--study", "s", "--jobs", "3", "--trials", "4", "--jobs=2",
                        "--search", "lr=1e-3:1e-1:log")));
        assertEquals(List.of("--study", "jobs"), TuneWorkerLauncher.withoutJobs(List.of("--study", "jobs")));
    }

    @Test
    void workerRunsThisJvmsClassPathWithOneEngineThreadAndTheWorkerFlagLast() {
        List<String> args = List.of("--study", "s", "--storage", "sqlite:x.db");
        List<String> cmd = TuneWorkerLauncher.workerCommand(args);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        assertEquals(java, cmd.get(0));
        int cp = cmd.indexOf("-cp");
        assertTrue(cp > 0, cmd.toString());
        assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
        assertEquals(LookaheadCli.class.getName(), cmd.get(cp + 2));
        assertEquals("tune", cmd.get(cp + 3));
        assertEquals(args, cmd.subList(cp + 4, cmd.size() - 1));
        assertEquals(TuneWorkerLauncher.WORKER_FLAG, cmd.get(cmd.size() - 1));
        List<String> jvmFlags = cmd.subList(1, cp);
        assertTrue(jvmFlags.contains("-Dai.djl.pytorch.num_threads=1"), jvmFlags.toString());
        assertTrue(jvmFlags.contains("-Dai.djl.pytorch.num_interop_threads=1"), jvmFlags.toString());
        // surefire sets ai.djl.offline=true (./lookahead does too): the workers must load the engine offline as well
        String offline = System.getProperty("ai.djl.offline");
        if (offline != null) {
            assertTrue(jvmFlags.contains("-Dai.djl.offline=" + offline), jvmFlags.toString());
        }
    }

    @Test
    void workersGetTheLaunchersLogLevels() {
        String key = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";
        String before = System.getProperty(key);
        System.setProperty(key, "error");
        try {
            List<String> cmd = TuneWorkerLauncher.workerCommand(List.of("--trials", "1"));
            List<String> jvmFlags = cmd.subList(1, cmd.indexOf("-cp"));
            assertTrue(jvmFlags.contains("-D" + key + "=error"), jvmFlags.toString());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
