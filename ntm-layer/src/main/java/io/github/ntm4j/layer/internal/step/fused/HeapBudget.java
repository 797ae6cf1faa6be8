package io.github.ntm4j.layer.internal.step.fused;

/**
 * The Java heap a pass may still allocate: the limit ({@code -Xmx}, {@link Runtime#maxMemory()}) minus what is
 * in use. ND4J's arrays are not on this heap (they are off-heap, limited by
 * {@code org.bytedeco.javacpp.maxBytes}); only the fused path's {@code double[]} buffers are.
 *
 * @param maxBytes  the heap's limit
 * @param usedBytes the heap in use ({@code totalMemory - freeMemory})
 * @param collected whether {@code usedBytes} was read right after a garbage collection (then it is close to
 *                  the live data; otherwise it also counts garbage not yet collected)
 */
record HeapBudget(long maxBytes, long usedBytes, boolean collected) {

    /** What may still be allocated. */
    long freeBytes() {
        return Math.max(0, maxBytes - usedBytes);
    }

    /**
     * The heap as it is now; if fewer than {@code neededBytes} look free, after a garbage collection. The heap in
     * use counts garbage until it is collected, so only a collection tells whether {@code neededBytes} really do
     * not fit; it is asked for only then, when an allocation that large would make the JVM collect anyway.
     */
    static HeapBudget forAllocation(long neededBytes) {
        HeapBudget now = current(false);
        if (neededBytes <= now.freeBytes() || neededBytes > now.maxBytes) {
            return now;
        }
        System.gc();
        return current(true);
    }

    static HeapBudget current(boolean collected) {
        Runtime rt = Runtime.getRuntime();
        return new HeapBudget(rt.maxMemory(), rt.totalMemory() - rt.freeMemory(), collected);
    }
}
