package org.lookaheadlab.lab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves the {@code --data} argument of the CLI into train/validation/test splits:
 * <ul>
 *   <li>{@code mnist1d} — the default mnist1d data set, generated (bit-exact with the original generator);
 *   <li>{@code mnist1d:num-samples=12500,seed=7} — generator arguments, in the original's names with {@code -}
 *       or {@code _} ({@code num_samples}, {@code train_split}, {@code seed}, {@code shuffle_seq}, ...);
 *   <li>{@code cifar10:DIR} or {@code cifar10:DIR:limit=N} — CIFAR-10 binary files from a local folder
 *       ({@link Cifar10Reader});
 *   <li>{@code csv:PATH} — a data set file in the lab's CSV format ({@link DatasetCsv}: columns
 *       {@code split,label,x0,...});
 *   <li>{@code npy:DIR} — NumPy arrays under the mnist1d key names ({@link NpyReader#readSplits}):
 *       {@code x.npy}, {@code y.npy}, {@code x_test.npy}, {@code y_test.npy}, optionally {@code x_val.npy} and
 *       {@code y_val.npy}; float32/float64 features, int64 labels.
 * </ul>
 */
public final class DataSources {

    private DataSources() {}

    public static DataSplits load(String spec) {
        return load(spec, null);
    }

    /**
     * The splits of {@code spec}, for a file source ({@code csv:}, {@code npy:}) with {@code numClasses} classes.
     *
     * @param numClasses the number of classes of a {@code csv:} or {@code npy:} source (labels must lie in
     *     [0, numClasses)), or {@code null} to take it from the labels ({@link ClassCount}); refused for
     *     {@code mnist1d} and {@code cifar10}, which have 10 classes
     */
    public static DataSplits load(String spec, Integer numClasses) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "data is empty, accepted: mnist1d[:num-samples=N], cifar10:DIR, csv:PATH, npy:DIR");
        }
        String kind = (spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec).toLowerCase(Locale.ROOT);
        String rest = spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : "";
        if (numClasses != null) {
            if (kind.equals("mnist1d") || kind.equals("cifar10") || kind.equals("nqm")) {
                throw new IllegalArgumentException("--num-classes is given but " + kind + " data has its own "
                        + (kind.equals("nqm") ? "single class" : "10 classes")
                        + ", accepted: --num-classes with csv:PATH or npy:DIR data");
            }
            if (numClasses < 1) {
                throw new IllegalArgumentException("--num-classes is " + numClasses + ", accepted range: >= 1");
            }
        }
        int classes = numClasses == null ? 0 : numClasses;
        return switch (kind) {
            case "mnist1d" -> Mnist1dGenerator.generate(mnist1dConfig(rest)).toSplits();
            case "cifar10" -> cifar10(rest);
            case "csv" -> csv(rest, classes);
            case "npy" -> npy(rest, classes);
            case "nqm" -> NqmData.load(rest);
            default -> throw new IllegalArgumentException("data '" + spec
                    + "' is unknown, accepted: mnist1d[:num-samples=N,...], cifar10:DIR[:limit=N], csv:PATH, npy:DIR, "
                    + "nqm[:dim=D,train=N,test=M,seed=S]");
        };
    }

    /** The generator configuration of {@code key=value,...} arguments (empty: the defaults). */
    static Mnist1dConfig mnist1dConfig(String arguments) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (!arguments.isBlank()) {
            for (String pair : arguments.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("mnist1d argument '" + pair
                            + "' is not key=value, accepted form: mnist1d:num-samples=N,seed=S");
                }
                String key = pair.substring(0, eq).trim().replace('-', '_').toLowerCase(Locale.ROOT);
                args.put(key, parseValue(pair.substring(eq + 1).trim()));
            }
        }
        return Mnist1dConfig.fromArgs(args);
    }

    private static Object parseValue(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static DataSplits csv(String path, int numClasses) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("csv needs a file, accepted form: csv:PATH");
        }
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("data file " + file + " is a directory, accepted: csv:PATH naming a "
                    + "CSV file (split,label,x0,...); a directory of .npy files is npy:DIR");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("data file " + file + " does not exist");
        }
        return readOrRefuse("data file " + file, () -> DatasetCsv.read(file, numClasses));
    }

    /** A reader of data files. */
    @FunctionalInterface
    private interface Reader {
        DataSplits read() throws IOException;
    }

    /** The splits {@code reader} reads; any failure is one IllegalArgumentException line. */
    private static DataSplits readOrRefuse(String what, Reader reader) {
        try {
            return reader.read();
        } catch (DatasetFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // names the file, the line or index, the problem
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static DataSplits npy(String path, int numClasses) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("npy needs a folder, accepted form: npy:DIR (x.npy, y.npy, x_test.npy, "
                    + "y_test.npy)");
        }
        Path folder = Path.of(path);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("data folder " + folder + " is a file, accepted: npy:DIR naming a "
                    + "directory of x.npy, y.npy, x_test.npy, y_test.npy; a CSV file is csv:PATH");
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("data folder " + folder + " does not exist");
        }
        return readOrRefuse("data folder " + folder, () -> NpyReader.readSplits(folder, numClasses));
    }

    private static DataSplits cifar10(String rest) {
        int limit = 0;
        String dir = rest;
        int cut = rest.lastIndexOf(":limit=");
        if (cut >= 0) {
            dir = rest.substring(0, cut);
            String n = rest.substring(cut + ":limit=".length());
            try {
                limit = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cifar10 limit '" + n + "' is not an integer, accepted: >= 1", e);
            }
            if (limit < 1) {
                throw new IllegalArgumentException("cifar10 limit is " + limit + ", accepted range: >= 1");
            }
        }
        if (dir.isBlank()) {
            throw new IllegalArgumentException("cifar10 needs a folder, accepted form: cifar10:DIR");
        }
        return Cifar10Reader.read(Path.of(dir), limit);
    }
}
