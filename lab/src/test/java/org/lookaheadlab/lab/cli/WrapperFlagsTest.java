package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Lookahead-family setting given without the wrapper it belongs to is refused by {@code train} and {@code tune}
 * (it used to be silently ignored): one line naming the flag and the wrapper flags it needs, exit code 2.
 */
class WrapperFlagsTest {

    @TempDir
    Path dir;

    private static final String NEEDS_LOOKAHEAD = " is set but neither --lookahead nor --trajectory-lookahead is, "
            + "accepted only with --lookahead or --trajectory-lookahead";

    private CliRun run(String command, String... flags) {
        List<String> args = new ArrayList<>(List.of(command, "--data", "mnist1d:num-samples=200", "--model", "mlp:8",
                "--steps", "2"));
        if (command.equals("tune")) {
            args.addAll(List.of("--study", "s", "--storage", "sqlite:" + dir.resolve("t.db"), "--trials", "1",
                    "--search", "lr=1e-3:1e-1:log"));
        } else {
            args.addAll(List.of("--lr", "0.01", "--quiet"));
        }
        args.addAll(Arrays.asList(flags));
        return CliRun.run(args.toArray(String[]::new));
    }

    private void assertRefused(String command, String message, String... flags) {
        CliRun r = run(command, flags);
        assertEquals(List.of("lookahead " + command + ": error: " + message), r.err(), String.join(" ", flags));
        assertEquals(2, r.code());
        assertEquals(List.of(), r.out());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "train, --lookahead-k, 7",
        "train, --lookahead-alpha, 0.3",
        "train, --lookahead-inner-state, reset",
        "tune, --lookahead-k, 7",
        "tune, --lookahead-alpha, 0.3",
        "tune, --lookahead-inner-state, reset"})
    void aLookaheadSettingWithoutAWrapperIsRefused(String command, String flag, String value) {
        assertRefused(command, flag + NEEDS_LOOKAHEAD, flag, value);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({
        "train, --trajectory-len, 2, --weight-trajectory-beta=0.5, ''",
        "train, --trajectory-points, spread, --weight-trajectory-beta=0.5, ''",
        "train, --trajectory-len, 2, --lookahead, ' (--lookahead is)'",
        "tune, --trajectory-len, 2, --weight-trajectory-beta=0.5, ''",
        "tune, --trajectory-points, spread, --lookahead, ' (--lookahead is)'"})
    void aTrajectorySettingWithoutTrajectoryLookaheadIsRefused(String command, String flag, String value,
            String otherWrapper, String note) {
        assertRefused(command, flag + " is set but --trajectory-lookahead is not" + note
                + ", accepted only with --trajectory-lookahead", flag, value, otherWrapper);
    }

    @Test
    void evalSlowWithoutSlowWeightsIsRefusedTheSameWay() {
        for (String command : List.of("train", "tune")) {
            assertRefused(command, "--eval-slow is set but --optimizer adam has no evaluation weights, accepted only with "
                    + "--lookahead, --trajectory-lookahead or an optimizer that keeps them (Ranger, "
                    + "AdamWScheduleFree, SGDScheduleFree, Lookahead, TrajectoryLookahead, EMA, SWA, ScheduleFree)",
                    "--eval-slow");
        }
    }

    @Test
    void theSettingsAreAcceptedWithTheirWrapper() {
        CliRun trajectory = run("train", "--trajectory-lookahead", "--lookahead-k", "2", "--trajectory-len", "2",
                "--trajectory-points", "spread", "--lookahead-alpha", "0.8", "--lookahead-inner-state", "reset",
                "--eval-slow");
        assertEquals(0, trajectory.code(), String.join("\n", trajectory.err()));
        CliRun lookahead = run("tune", "--lookahead", "--lookahead-k", "2", "--lookahead-alpha", "0.3");
        assertEquals(0, lookahead.code(), String.join("\n", lookahead.err()));
        assertTrue(lookahead.out().get(lookahead.out().size() - 1).startsWith("best value="), lookahead.out().toString());
    }
}
