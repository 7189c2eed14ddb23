package org.lookaheadlab.optim.batched;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Per-run values as arrays that broadcast over a parameter with a leading run axis: a value per run r becomes an
 * array of shape (R, 1, …, 1) (as many axes as the parameter) in the parameter's dtype and on its device, so that
 * {@code x.mul(column)} multiplies run r's slice by its own value. The arrays made here are temporaries of the
 * current {@code NDScope}.
 */
public final class Runs {

    private Runs() {}

    /** The shape (R, 1, …, 1) of a per-run column for {@code like}. */
    public static Shape columnShape(int runs, NDArray like) {
        long[] dims = new long[Math.max(1, like.getShape().dimension())];
        java.util.Arrays.fill(dims, 1L);
        dims[0] = runs;
        return new Shape(dims);
    }

    /** {@code values} (one per run) as a column for {@code like}, in its dtype (float32: each value rounded). */
    public static NDArray column(double[] values, NDArray like) {
        NDManager manager = like.getManager();
        Shape shape = columnShape(values.length, like);
        NDArray out;
        if (like.getDataType() == DataType.FLOAT32) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            out = manager.create(f, shape);
        } else {
            out = manager.create(values, shape);
            if (like.getDataType() != DataType.FLOAT64) {
                out = out.toType(like.getDataType(), false);
            }
        }
        return out.getDevice().equals(like.getDevice()) ? out : out.toDevice(like.getDevice(), false);
    }

    /** {@code mask} (one flag per run) as a boolean column for {@code like}. */
    public static NDArray mask(boolean[] mask, NDArray like) {
        NDArray out = like.getManager().create(mask, columnShape(mask.length, like));
        return out.getDevice().equals(like.getDevice()) ? out : out.toDevice(like.getDevice(), false);
    }

    /**
     * Element-wise {@code mask ? a : b} (a NaN in the branch not chosen does not propagate), in the shape of
     * {@code a}; the mask (a boolean column) and {@code b} are broadcast to it (the engine's where does not).
     */
    public static NDArray where(NDArray mask, NDArray a, NDArray b) {
        Shape shape = a.getShape();
        NDArray m = mask.getShape().equals(shape) ? mask : mask.broadcast(shape);
        NDArray other = b.getShape().equals(shape) ? b : b.broadcast(shape);
        return NDArrays.where(m, a, other);
    }

    /** The sum over every axis but the run axis, kept as a column (R, 1, …, 1). */
    public static NDArray perRunSum(NDArray x) {
        int d = x.getShape().dimension();
        if (d <= 1) {
            return x.duplicate();
        }
        int[] axes = new int[d - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return x.sum(axes, true);
    }

    /** Whether any flag is set. */
    public static boolean any(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    /** Whether every flag is set. */
    public static boolean all(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    /** Whether every value is {@code v}. */
    public static boolean allEqual(double[] values, double v) {
        for (double x : values) {
            if (x != v) {
                return false;
            }
        }
        return true;
    }
}
