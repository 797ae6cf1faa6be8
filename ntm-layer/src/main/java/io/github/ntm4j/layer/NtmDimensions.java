package io.github.ntm4j.layer;

/**
 * The sizes of one NTM layer and everything derived from them, in the symbols of
 * {@code NTM-MATH.md}: X inputs, N memory rows of width W, controller size H, R read heads, V write
 * heads, shifts -S..S.
 *
 * <p>Both step implementations and the parameter and state layouts read their sizes from here, so
 * a size is computed in one place only.
 */
public final class NtmDimensions {
    public final int inputSize;        // X
    public final int memoryRows;       // N
    public final int memoryWidth;      // W
    public final int controllerSize;   // H
    public final int readHeads;        // R
    public final int writeHeads;       // V
    public final int shiftRange;       // S
    public final ControllerType controller;
    private final HeadLayout[] heads;
    private final int thetaSize;

    public NtmDimensions(int inputSize, int memoryRows, int memoryWidth, int controllerSize, int readHeads,
                         int writeHeads, int shiftRange, ControllerType controller) {
        this.inputSize = inputSize;
        this.memoryRows = memoryRows;
        this.memoryWidth = memoryWidth;
        this.controllerSize = controllerSize;
        this.readHeads = readHeads;
        this.writeHeads = writeHeads;
        this.shiftRange = shiftRange;
        this.controller = controller;
        this.heads = new HeadLayout[readHeads + writeHeads];
        int offset = 0;
        for (int i = 0; i < heads.length; i++) {
            heads[i] = new HeadLayout(i, i >= readHeads, offset, memoryWidth, shiftRange);
            offset += heads[i].size();
        }
        this.thetaSize = offset;
    }

    /** The sizes of the layer configured by {@code conf}. */
    public static NtmDimensions of(NtmLayer conf) {
        return new NtmDimensions((int) conf.getNIn(), conf.getMemoryRows(), conf.getMemoryWidth(),
                conf.getControllerSize(), conf.getReadHeads(), conf.getWriteHeads(), conf.getShiftRange(),
                conf.getController());
    }

    /** R + V: every head, read heads first. */
    public int headCount() {
        return heads.length;
    }

    /** The layout of head {@code i} (read heads are 0..R-1, write heads R..R+V-1). */
    public HeadLayout head(int i) {
        return heads[i];
    }

    /** 2S + 1: the number of shift weights per head. */
    public int shiftCount() {
        return 2 * shiftRange + 1;
    }

    /** X + R*W: the controller input {@code u = [x ; r_1 ; ... ; r_R]}. */
    public int controllerInputSize() {
        return inputSize + readHeads * memoryWidth;
    }

    /** H for a feed-forward controller, 4H for an LSTM (gates i, f, o, g). */
    public int controllerGateSize() {
        return controller == ControllerType.LSTM ? 4 * controllerSize : controllerSize;
    }

    /** H + R*W: the layer output {@code y = [h ; r_1 ; ... ; r_R]}. */
    public int outputSize() {
        return controllerSize + readHeads * memoryWidth;
    }

    /**
     * The elements of one example's carried state ({@link NtmState}): the memory N*W, every head's weighting
     * (R+V)*N, the read vectors R*W, and for an LSTM controller its h and c (2H).
     */
    public long stateSize() {
        long size = (long) memoryRows * memoryWidth + (long) headCount() * memoryRows + (long) readHeads * memoryWidth;
        return controller == ControllerType.LSTM ? size + 2L * controllerSize : size;
    }

    /** The summed length of every head's θ, the column count of {@code Wh}. */
    public int thetaSize() {
        return thetaSize;
    }

    @Override
    public String toString() {
        return "X=" + inputSize + " N=" + memoryRows + " W=" + memoryWidth + " H=" + controllerSize + " R=" + readHeads
                + " V=" + writeHeads + " S=" + shiftRange + " controller=" + controller;
    }
}
