package org.lookaheadlab.optim.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * A scalar whose value changes gives the same bits as the engine's own {@code mul(double)} at every value, in
 * float32 and float64, however often its value changes, and allocates nothing per new value.
 */
class VariableScalarTest {

    @Test
    void everyNewValueGivesTheBitsOfMulDouble() {
        try (NDManager manager = NDManager.newBaseManager(); VariableScalar scalar = new VariableScalar()) {
            for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                NDArray x = manager.arange(0f, 50f, 1f).toType(dtype, false).reshape(new Shape(5, 10)).divi(7.0);
                for (double value : new double[] {0.1, 0.1, 1 / 3.0, -2.5e-7, 0.9999, 0.1, 0, 12345.678}) {
                    NDArray expected = x.mul(value);
                    NDArray actual = x.mul(scalar.on(x, value));
                    assertEquals(dtype, actual.getDataType());
                    assertArrayEquals(expected.toType(DataType.FLOAT64, false).toDoubleArray(),
                            actual.toType(DataType.FLOAT64, false).toDoubleArray(), dtype + " × " + value);
                }
            }
        }
    }

    @Test
    void newValuesLeaveNoArrayBehind() {
        try (NDManager manager = NDManager.newBaseManager(); VariableScalar scalar = new VariableScalar()) {
            NDArray x = manager.ones(new Shape(3));
            scalar.on(x, 0.5);
            NDManager system = manager.getParentManager();
            int managed = manager.getManagedArrays().size();
            int detached = system.getManagedArrays().size();
            for (int i = 0; i < 50; i++) {
                x.muli(scalar.on(x, 1 + i / 100.0));
            }
            assertEquals(managed, manager.getManagedArrays().size());
            assertEquals(detached, system.getManagedArrays().size());
        }
    }
}
