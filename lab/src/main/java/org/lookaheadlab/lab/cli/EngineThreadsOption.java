package org.lookaheadlab.lab.cli;

import java.util.Locale;
import org.lookaheadlab.lab.train.EngineThreads;
import picocli.CommandLine.Option;

/**
 * The {@code --threads} flag of every command that trains (a picocli mixin): the engine's intra-op thread
 * count, by default 1 for every model but resnet18 (all cores). Per-op dispatch dominates the small models, and
 * several threads fighting over busy cores cost up to 100 ms per step (measured), so one thread is the safe
 * default there. An explicit {@code -Dai.djl.pytorch.num_threads} wins over the default. Inter-op threads
 * (settable only before the engine starts) default to 1.
 */
public final class EngineThreadsOption {

    @Option(names = "--threads", paramLabel = "N",
            description = "intra-op threads of the engine (default: 1 for the small models, which run faster single-"
                    + "threaded, all cores for resnet18)")
    Integer threads;

    /**
     * Sets the engine's threads for training {@code model}.
     *
     * @return the intra-op threads each run now uses
     * @throws IllegalArgumentException for {@code --threads} below 1
     */
    public int configure(String model) {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads is " + threads + ", accepted range: >= 1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (threads == null && System.getProperty("ai.djl.pytorch.num_threads") != null) {
            return EngineThreads.get();
        }
        int n = threads != null ? threads
                : model.toLowerCase(Locale.ROOT).startsWith("resnet18") ? Runtime.getRuntime().availableProcessors() : 1;
        EngineThreads.set(n);
        return n;
    }
}
