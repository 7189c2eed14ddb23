package org.lookaheadlab.optim;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An optimizer whose complete state (per-parameter tensors, step counters, cycle positions, slow weights, W₀,
 * the inner optimizer's state of a wrapper) can be written to a stream and read back, so that a resumed run
 * reproduces the uninterrupted one bit for bit.
 *
 * <p>DJL parameter ids are random per process, so the state is keyed by a <em>stable name</em> that the caller
 * supplies (typically the block's parameter path such as {@code 01Linear_weight}).
 *
 * <p>Stream format (version 1, see {@link org.lookaheadlab.optim.state.StateFormat} for the byte layout): a
 * magic {@code LKST}, the format version, the optimizer kind, then one entry per (parameter, device) with its
 * stable name, device, named tensors (dtype, shape, raw little-endian data), named integer counters and named
 * double scalars; a wrapper then appends its inner optimizer's stream, length-prefixed. Never Java
 * serialization.
 */
public interface StatefulOptimizer {

    /**
     * Writes the complete state.
     *
     * @param out the stream (not closed)
     * @param stableName maps a parameter id (as received by {@code update}) to its stable name; it must know every
     *     parameter this optimizer has seen
     */
    void saveState(OutputStream out, Function<String, String> stableName);

    /**
     * Reads state written by {@link #saveState}, replacing the current state. The state of a parameter is adopted
     * lazily: the first time this optimizer meets a parameter id whose {@code stableName} matches a loaded entry,
     * that entry becomes the parameter's state. Loading before the first update is therefore fine.
     *
     * @param in the stream (read up to the end of this optimizer's block, not closed)
     * @param stableName maps a parameter id of the current process to its stable name
     * @param manager the manager used to create the loaded arrays (they are then detached and owned here)
     */
    void loadState(InputStream in, Function<String, String> stableName, NDManager manager);

    /**
     * Same as {@link #loadState(InputStream, Function, NDManager)} with the mapping given as
     * {@code stable name → parameter id} (e.g. built from {@code block.getParameters()} of the current model).
     */
    default void loadState(InputStream in, Map<String, String> idByName, NDManager manager) {
        Map<String, String> nameById = new HashMap<>();
        idByName.forEach((name, id) -> nameById.put(id, name));
        loadState(in, nameById::get, manager);
    }

    /** Convenience: writes the state to a byte array. */
    default byte[] saveState(Function<String, String> stableName) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        saveState(bytes, stableName);
        return bytes.toByteArray();
    }

    /** Convenience: writes the state to a file. */
    default void saveState(java.nio.file.Path file, Function<String, String> stableName) {
        try (OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            saveState(out, stableName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write optimizer state to " + file, e);
        }
    }

    /** Convenience: reads the state from a file. */
    default void loadState(java.nio.file.Path file, Function<String, String> stableName, NDManager manager) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            loadState(in, stableName, manager);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read optimizer state from " + file, e);
        }
    }
}
