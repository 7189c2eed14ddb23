package org.lookaheadlab.lab.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine's intra-op thread count ({@code torch.set_num_threads}), settable at any time, for the
 * whole JVM. For the lab's small models one thread is as fast as several on an idle machine and far faster on a
 * busy one (threads waiting for descheduled peers cost up to ~90 ms per step, measured on 2 shared cores).
 */
public final class EngineThreads {

    private EngineThreads() {}

    /** Sets the intra-op thread count of the PyTorch engine (loading it if needed). */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + ", accepted range: >= 1");
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    /** The current intra-op thread count. */
    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
