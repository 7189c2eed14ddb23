package org.lookaheadlab.lab.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lookaheadlab.lab.io.AtomicFiles;

/**
 * Reads and writes {@code results.json}: an {@link ExperimentResult} and the report's {@value #VERDICT} (its form:
 * {@link #SCHEMA_RESOURCE} among the lab's resources). Non-finite numbers are written as the strings "NaN",
 * "Infinity" and "-Infinity" (Jackson's default) and read back as numbers. Writes are atomic
 * ({@link AtomicFiles}), so a killed process or a full disk never leaves half a file.
 */
public final class ResultsJson {

    /** File name inside a run folder. */
    public static final String FILE_NAME = "results.json";
    /** The JSON Schema of the file, a classpath resource of the lab. */
    public static final String SCHEMA_RESOURCE = "/org/lookaheadlab/lab/results.schema.json";
    /** The field holding the report's verdict figures. */
    public static final String VERDICT = "verdict";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ResultsJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes {@code dir/results.json} atomically ({@link AtomicFiles}): the fields of {@code result} and, under
     * {@value #VERDICT}, {@code verdict} (the report's figures, any object Jackson writes; the experiment layer
     * does not know their form). {@link #read} ignores the verdict: it is derived from the rest.
     */
    public static void write(ExperimentResult result, Object verdict, Path dir) {
        ObjectNode root = MAPPER.valueToTree(result);
        root.set(VERDICT, normalized(verdict));
        AtomicFiles.write(dir.resolve(FILE_NAME), out -> MAPPER.writeValue(out, root));
    }

    /**
     * Sets the {@value #VERDICT} of an existing {@code dir/results.json} to {@code verdict}, leaving every other
     * field as it is (also fields this version does not know), and rewrites the file atomically only if that
     * changes it; so {@code report DIR} adds the verdict to a file written before there was one.
     *
     * @throws IllegalArgumentException when the file is missing or not a JSON object
     */
    public static void writeVerdict(Path dir, Object verdict) {
        Path file = dir.resolve(FILE_NAME);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + oneLine(e.getMessage()), e);
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new IllegalArgumentException("cannot read " + file + ": not a compare results file");
        }
        JsonNode next = normalized(verdict);
        if (!next.equals(root.get(VERDICT))) {
            root.set(VERDICT, next);
            AtomicFiles.write(file, out -> MAPPER.writeValue(out, root));
        }
    }

    /** {@code value} as the tree that reading its JSON text gives (so that it compares equal to a file's). */
    private static JsonNode normalized(Object value) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + oneLine(e.getOriginalMessage()), e);
        }
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
