package io.github.ntm4j.layer;

/**
 * The split of one head's parameter vector θ = h · Wθ + bθ (Graves et al. 2014, section 3.3), in the
 * order of {@code NTM-MATH.md}: key k̂ [W], β̂ [1], ĝ [1], shift logits ŝ [2S+1], γ̂ [1], and for
 * write heads only erase ê [W] and add â [W].
 *
 * <p>All heads' θ are laid side by side in one vector, read heads first; {@link #offset()} is where
 * this head's θ starts in it. The other offsets are relative to that start.
 */
public final class HeadLayout {
    private final int index;
    private final boolean write;
    private final int offset;
    private final int width;
    private final int shifts;

    HeadLayout(int index, boolean write, int offset, int memoryWidth, int shiftRange) {
        this.index = index;
        this.write = write;
        this.offset = offset;
        this.width = memoryWidth;
        this.shifts = 2 * shiftRange + 1;
    }

    /** Position among all heads: read heads first. */
    public int index() { return index; }
    /** True for a write head (which also emits erase and add vectors). */
    public boolean isWrite() { return write; }
    /** Start of this head's θ in the concatenated θ of all heads. */
    public int offset() { return offset; }
    /** Length of this head's θ: W + 2S + 4, plus 2W for a write head. */
    public int size() { return width + shifts + 3 + (write ? 2 * width : 0); }

    /** Key k̂ [W]. */
    public int key() { return 0; }
    /** Key strength β̂ [1]. */
    public int beta() { return width; }
    /** Interpolation gate ĝ [1]. */
    public int gate() { return width + 1; }
    /** Shift logits ŝ [2S+1]. */
    public int shift() { return width + 2; }
    /** Sharpening γ̂ [1]. */
    public int gamma() { return width + 2 + shifts; }
    /** Erase ê [W]; write heads only. */
    public int erase() { return requireWrite(width + 3 + shifts); }
    /** Add â [W]; write heads only. */
    public int add() { return requireWrite(2 * width + 3 + shifts); }

    private int requireWrite(int position) {
        if (!write) {
            throw new IllegalStateException("head " + index + " is a read head: it has no erase or add vector");
        }
        return position;
    }
}
