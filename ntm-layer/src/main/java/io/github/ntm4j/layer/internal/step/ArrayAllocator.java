package io.github.ntm4j.layer.internal.step;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes the array a path's result is written into. The layer's allocator makes it in DL4J's workspace for the
 * result's role (activations, activation gradients), which costs a pointer bump; {@link #DETACHED} makes a
 * detached array, which costs ND4J an allocation of native memory (about as long as a path's whole output copy
 * at minibatch 1).
 */
@FunctionalInterface
public interface ArrayAllocator {
    /** A new array of {@code shape}, 'c' order, its elements not yet set. */
    INDArray create(DataType dataType, long... shape);

    /** Detached arrays, made outside any workspace whatever scope the caller is in. */
    ArrayAllocator DETACHED = (dataType, shape) -> {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(dataType, shape);
        }
    };

    /** A copy of {@code a} made by {@code allocator} in its data type; {@code a} itself for {@link #DETACHED}. */
    static INDArray copy(INDArray a, ArrayAllocator allocator) {
        if (allocator == DETACHED) {
            return a;
        }
        return allocator.create(a.dataType(), a.shape()).assign(a);
    }
}
