package io.github.ntm4j.layer.internal.step.fused;

/**
 * The Java heap a pass may still allocate: the limit ({@code -Xmx}, {@link Runtime#maxMemory()}) minus what is
 * in use. Only the fused path's {@code double[]} buffers are on this heap. ND4J's arrays are native memory,
 * which on ND4J M2.1's CPU backend JavaCPP's {@code org.bytedeco.javacpp.maxPhysicalBytes} limits (the
 * process's resident size), not {@code org.bytedeco.javacpp.maxBytes} (docs/reliability.md, "Memory").
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
