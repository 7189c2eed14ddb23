package org.lookaheadlab.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lookaheadlab.lab.data.DatasetCsv;
import org.lookaheadlab.lab.data.Mnist1dConfig;
import org.lookaheadlab.lab.data.Mnist1dDataset;
import org.lookaheadlab.lab.data.Mnist1dGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./lookahead dataset <kind> ...}: writes data sets to files. The one kind is {@code mnist1d}, the
 * original generator with every one of its arguments as a flag (CLI contract in {@code shared/DESIGN.md}).
 */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Write a data set to a CSV file (split,label,x0..x{L-1}; a .csv.gz name writes gzip).",
        subcommands = {DatasetCommand.Mnist1d.class})
public final class DatasetCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code ./lookahead dataset mnist1d [generator flags] --out FILE.csv}: generates mnist1d bit-compatibly with
     * the original Python generator and writes it, train rows then test rows, in generator order. Prints the
     * time it took. Every error (unknown flag, bad value, unwritable file) is one line on stderr and a non-zero
     * exit code.
     */
    @Command(name = "mnist1d", mixinStandardHelpOptions = true,
            description = "Generate mnist1d (bit-compatible with greydanus/mnist1d) and write it as CSV.")
    public static final class Mnist1d implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(names = "--num-samples", paramLabel = "N", description = "total samples, N/10 per class (5000)")
        String numSamples;

        @Option(names = "--seed", paramLabel = "S", description = "NumPy legacy RNG seed (42)")
        String seed;

        @Option(names = "--train-split", paramLabel = "F", description = "training fraction in (0, 1) (0.8)")
        String trainSplit;

        @Option(names = "--template-len", paramLabel = "N", description = "template length term of the working "
                + "length template_len + padding high (12)")
        String templateLen;

        @Option(names = "--padding", paramLabel = "LO,HI", description = "random right-padding range (36,60)")
        String padding;

        @Option(names = "--scale-coeff", paramLabel = "F", description = "amplitude scale coefficient (0.4)")
        String scaleCoeff;

        @Option(names = "--max-translation", paramLabel = "N", description = "circular shift in [0, N) (48)")
        String maxTranslation;

        @Option(names = "--corr-noise-scale", paramLabel = "F", description = "correlated noise std (0.25)")
        String corrNoiseScale;

        @Option(names = "--iid-noise-scale", paramLabel = "F", description = "white noise std (0.02)")
        String iidNoiseScale;

        @Option(names = "--shear-scale", paramLabel = "F", description = "shear coefficient scale (0.75)")
        String shearScale;

        @Option(names = "--shuffle-seq", description = "permute the feature columns (one permutation for all)")
        boolean shuffleSeq;

        @Option(names = "--final-seq-length", paramLabel = "N", description = "points per sample (40)")
        String finalSeqLength;

        @Option(names = "--out", paramLabel = "FILE", description = "output CSV (required); a .csv.gz name writes gzip")
        String out;

        @Unmatched List<String> unmatched;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            Mnist1dConfig config;
            Path file;
            try {
                if (unmatched != null && !unmatched.isEmpty()) {
                    throw new IllegalArgumentException("unknown argument '" + unmatched.get(0)
                            + "'; see 'lookahead dataset mnist1d --help'");
                }
                if (out == null || out.isBlank()) {
                    throw new IllegalArgumentException("--out FILE.csv is required");
                }
                file = Paths.get(out);
                config = config();
            } catch (IllegalArgumentException e) {
                return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
            }
            long start = System.nanoTime();
            Mnist1dDataset data;
            try {
                data = Mnist1dGenerator.generate(config);
            } catch (OutOfMemoryError e) {
                return CommandErrors.fail(spec, CommandErrors.FAILURE, "not enough memory to generate "
                        + config.total() + " samples of " + config.finalSeqLength() + " values (the generator "
                        + "holds about 3 copies of 8 bytes per value; raise the heap with -Xmx or lower "
                        + "--num-samples)");
            }
            long generated = System.nanoTime();
            try {
                DatasetCsv.write(file, data);
            } catch (UncheckedIOException e) {
                return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage()); // names file and reason
            } catch (IOException | RuntimeException e) {
                String reason = e.getClass() == IOException.class ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                return CommandErrors.fail(spec, CommandErrors.FAILURE, "cannot write " + file + ": " + reason);
            }
            long written = System.nanoTime();
            stdout.printf(Locale.ROOT,
                    "mnist1d: wrote %d rows (%d train, %d test, %d features) to %s in %.3f s "
                            + "(generate %.3f s, write %.3f s)%n",
                    data.trainSize() + data.testSize(), data.trainSize(), data.testSize(), config.finalSeqLength(),
                    file, (written - start) / 1e9, (generated - start) / 1e9, (written - generated) / 1e9);
            stdout.flush();
            return 0;
        }

        /** The generator configuration from the flags; absent flags keep the original defaults. */
        Mnist1dConfig config() {
            Mnist1dConfig.Builder b = Mnist1dConfig.builder();
            if (numSamples != null) {
                b.numSamples(parseInt("--num-samples", numSamples));
            }
            if (seed != null) {
                b.seed(parseLong("--seed", seed));
            }
            if (trainSplit != null) {
                b.trainSplit(parseDouble("--train-split", trainSplit));
            }
            if (templateLen != null) {
                b.templateLen(parseInt("--template-len", templateLen));
            }
            if (padding != null) {
                String[] parts = padding.split(",", -1);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("--padding must be LO,HI (two integers), got '" + padding + "'");
                }
                b.padding(parseInt("--padding LO", parts[0]), parseInt("--padding HI", parts[1]));
            }
            if (scaleCoeff != null) {
                b.scaleCoeff(parseDouble("--scale-coeff", scaleCoeff));
            }
            if (maxTranslation != null) {
                b.maxTranslation(parseInt("--max-translation", maxTranslation));
            }
            if (corrNoiseScale != null) {
                b.corrNoiseScale(parseDouble("--corr-noise-scale", corrNoiseScale));
            }
            if (iidNoiseScale != null) {
                b.iidNoiseScale(parseDouble("--iid-noise-scale", iidNoiseScale));
            }
            if (shearScale != null) {
                b.shearScale(parseDouble("--shear-scale", shearScale));
            }
            if (finalSeqLength != null) {
                b.finalSeqLength(parseInt("--final-seq-length", finalSeqLength));
            }
            b.shuffleSeq(shuffleSeq);
            return b.build();
        }

        private static int parseInt(String flag, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be an integer, got '" + value + "'");
            }
        }

        private static long parseLong(String flag, String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be an integer, got '" + value + "'");
            }
        }

        private static double parseDouble(String flag, String value) {
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a number, got '" + value + "'");
            }
        }
    }
}
