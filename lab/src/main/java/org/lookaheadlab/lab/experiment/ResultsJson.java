package org.lookaheadlab.lab.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lookaheadlab.lab.io.AtomicFiles;

/**
 * Reads and writes {@code results.json}. Non-finite numbers are written as the strings "NaN", "Infinity" and
 * "-Infinity" (Jackson's default) and read back as numbers. Writes are atomic ({@link AtomicFiles}), so a killed
 * process or a full disk never leaves half a file.
 */
public final class ResultsJson {

    /** File name inside a run folder. */
    public static final String FILE_NAME = "results.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ResultsJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code dir/results.json} atomically ({@link AtomicFiles}). */
    public static void write(ExperimentResult result, Path dir) {
        AtomicFiles.write(dir.resolve(FILE_NAME), out -> MAPPER.writeValue(out, result));
    }

    /**
     * Reads {@code dir/results.json}.
     *
     * @throws IllegalArgumentException when the file is missing or not a results file
     */
    public static ExperimentResult read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + FILE_NAME + " in " + dir + ": not a compare run folder");
        }
        try {
            return MAPPER.readValue(file.toFile(), ExperimentResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + file + ": not a compare results file ("
                    + describe(e) + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + oneLine(e.getMessage()), e);
        }
    }

    /** Where and why parsing failed, on one line, without Jackson's class names and source dumps. */
    private static String describe(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof IllegalArgumentException && root != e ? root.getMessage() : e.getOriginalMessage();
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ": ";
        return where + oneLine(why);
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.lines().findFirst().orElse("").strip();
    }
}
