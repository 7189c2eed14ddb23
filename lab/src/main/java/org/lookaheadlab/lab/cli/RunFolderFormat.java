package org.lookaheadlab.lab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lookaheadlab.lab.io.AtomicFiles;

/**
 * The format of a {@code compare} run folder, recorded in {@code DIR/run-format} when a comparison starts there.
 * Format 2 names studies and cached verdict runs by the {@link org.lookaheadlab.lab.experiment.StudyProtocol} of
 * the one optimizer spec syntax. A folder that holds a comparison's files but no format file was written by an
 * earlier Lookahead Lab, whose study names used another optimizer text: resuming it would find none of its
 * studies and silently redo every trial, so it is refused in one line instead (its report still opens with
 * {@code report DIR}).
 */
final class RunFolderFormat {

    /** The file holding the format number. */
    static final String FILE = "run-format";
    /** This version's format. */
    static final int CURRENT = 2;
    /** What a comparison writes into its folder. */
    private static final List<String> CONTENTS = List.of("studies.db", "verdict-runs", "results.json");

    private RunFolderFormat() {}

    /**
     * Refuses a folder of another format, then records this one's.
     *
     * @throws IllegalArgumentException one line saying which version wrote the folder and what to do
     */
    static void checkAndRecord(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String found = Files.readString(file).strip();
                if (!found.equals(String.valueOf(CURRENT))) {
                    throw new IllegalArgumentException("run folder " + dir + " has format " + found + ", accepted: "
                            + CURRENT + "; compare into a new --out");
                }
                return;
            }
            if (CONTENTS.stream().anyMatch(name -> Files.exists(dir.resolve(name)))) {
                throw new IllegalArgumentException("run folder " + dir + " was written by an earlier Lookahead Lab "
                        + "version, whose study names use the optimizer text before the one optimizer spec syntax: "
                        + "resuming it would redo every trial, so compare into a new --out (report " + dir
                        + " still renders it)");
            }
            AtomicFiles.writeString(file, CURRENT + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the format of run folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
