package org.lookaheadlab.lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * A gradient collector that several training threads of one JVM can hold at the same time: PyTorch's grad mode
 * ({@code torch.is_grad_enabled}) is per thread and its autograd engine runs concurrent backward passes of
 * unrelated graphs, but DJL's {@code PtGradientCollector} keeps one JVM-wide flag and refuses a second collector
 * (see {@code shared/notes/djl.md}, "Concurrency"). This one does what that one does minus the flag: grad mode on
 * for this thread while open (off again on close, see {@link #gradModeOff}), {@code backward} with a ones seed. Gradients are not zeroed
 * here either: the lab's optimizers zero them in their update.
 */
final class ThreadGradientCollector implements GradientCollector {

    ThreadGradientCollector() {
        JniUtils.setGradMode(true);
    }

    /**
     * Turns grad mode off on this thread. A thread's grad mode starts on in PyTorch; DJL turns it off on the
     * thread that loads the engine only, so a training thread must do it before its first optimizer update (an
     * in-place write to a weight fails with grad mode on) and its evaluations (which would record graphs).
     */
    static void gradModeOff() {
        JniUtils.setGradMode(false);
    }

    @Override
    public void backward(NDArray target) {
        try (NDArray seed = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
        }
    }

    /** Not needed by the lab's loop (each optimizer zeroes the gradients it used). */
    @Override
    public void zeroGradients() {
        throw new UnsupportedOperationException("the lab's optimizers zero the gradients in their update");
    }

    /** Grad mode off again: the lab trains with it off outside forward + backward. */
    @Override
    public void close() {
        JniUtils.setGradMode(false);
    }
}
