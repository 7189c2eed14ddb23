package org.lookaheadlab.optim.state;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

/** Small NDArray helpers shared by the optimizers. */
public final class Tensors {

    private Tensors() {}

    /**
     * Makes {@code array} outlive the current {@link NDScope} and the manager it was created in: it is
     * unregistered from the scope and detached; its owner must close it.
     */
    public static NDArray keep(NDArray array) {
        NDScope.unregister(array);
        array.detach();
        return array;
    }

    /** An owned copy of {@code source} (same device, dtype, values). */
    public static NDArray keepCopy(NDArray source) {
        return keep(source.duplicate());
    }

    /**
     * Copies the values of {@code source} into {@code target} in place (same tensor identity), exactly. On CPU it
     * is a raw memory copy (two native calls); on other devices an indexed assignment that stays on the device.
     */
    public static void copyInto(NDArray source, NDArray target) {
        if (Device.Type.CPU.equals(target.getDevice().getDeviceType())
                && Device.Type.CPU.equals(source.getDevice().getDeviceType())) {
            target.set(source.toByteBuffer());
        } else {
            target.set(new NDIndex("..."), source);
        }
    }

    /**
     * Zeroes the gradient accumulated on {@code weight} (PyTorch accumulates {@code .grad}; clearing it is the
     * optimizer's job in DJL). No-op for an array without gradient.
     */
    public static void zeroGradient(NDArray weight) {
        if (weight.hasGradient()) {
            try (NDArray accumulated = weight.getGradient()) {
                accumulated.subi(accumulated);
            }
        }
    }
}
