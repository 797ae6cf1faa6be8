package io.github.ntm4j.layer;

import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.NtmPaths;
import io.github.ntm4j.layer.internal.step.fused.FusedNtmPath;
import io.github.ntm4j.layer.internal.step.samediff.SameDiffNtmPath;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonSetter;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * A Neural Turing Machine (Graves, Wayne &amp; Danihelka 2014, arXiv:1410.5401) as a Deeplearning4j
 * recurrent layer.
 *
 * <p>A controller reads the input {@code x_t} and the last read vectors, and drives R read heads and
 * V write heads over a memory of N rows of width W. Each head addresses memory by content (cosine
 * similarity sharpened by β), interpolates with its last weighting (gate g), shifts it by a circular
 * convolution over -S..S (s), and sharpens it (γ). Reads are weighted sums of memory rows; writes
 * erase and then add. The exact step is {@code NTM-MATH.md} in the repository's docs.
 *
 * <p>The layer's output at every step is {@code y_t = [h ; r_1 ; ... ; r_R]}, so {@code nOut} is
 * derived: {@code H + R*W}. Put an output layer (for bits, {@code RnnOutputLayer} with sigmoid and
 * XENT) after it.
 *
 * <pre>{@code
 * .layer(new NtmLayer.Builder()
 *     .nIn(9)
 *     .memory(128, 20)          // N rows x W width
 *     .controllerSize(100)      // feed-forward, ReLU by default
 *     .readHeads(1).writeHeads(1)
 *     .shiftRange(1)            // shifts -1, 0, +1
 *     .build())                 // nOut = H + R*W
 * }</pre>
 *
 * <p>DL4J's {@link #getActivationFn()} (shown by its UI) reports the activation of the controller's
 * output {@code h}: {@code controllerActivation} for a feed-forward controller, tanh for an LSTM one
 * (as DL4J's {@code LSTM} reports). It is derived, never an independent setting.
 *
 * <p>This class is the configuration (JSON-serialisable, as every DL4J layer config); the runtime is
 * {@link NtmRecurrentLayer}. The carried state and its keys are described in {@link NtmState}, the
 * parameters in {@link NtmParams}.
 */
public class NtmLayer extends BaseRecurrentLayer {

    private int memoryRows = 128;
    private int memoryWidth = 20;
    private int controllerSize = 100;
    private ControllerType controller = ControllerType.FEED_FORWARD;
    private NtmActivation controllerActivation = NtmActivation.RELU;
    private int readHeads = 1;
    private int writeHeads = 1;
    private int shiftRange = 1;
    private NtmActivation keyActivation = NtmActivation.TANH;
    private NtmActivation addActivation = NtmActivation.TANH;
    private double initialMemoryValue = NtmState.DEFAULT_INITIAL_MEMORY;
    private boolean learnInitialState = false;
    /**
     * Whether the NaN/infinity scan of the input is switched off. Stored inverted, under a name older files
     * do not have: a file saved before the check became the default holds {@code "checkInputFinite": false}
     * (the old default, never a choice), and such a file must check. That legacy property is ignored on
     * reading ({@link #setLegacyCheckInputFinite}); an explicit opt-out is written as
     * {@code "skipInputFiniteCheck": true}.
     */
    private boolean skipInputFiniteCheck = false;
    private double lstmForgetBiasInit = 1.0;
    private boolean useFusedCpuPath = true;

    /** For JSON deserialisation only; use {@link Builder}. */
    public NtmLayer() {
    }

    protected NtmLayer(Builder b) {
        super(b);
        this.memoryRows = b.memoryRows;
        this.memoryWidth = b.memoryWidth;
        this.controllerSize = b.controllerSize;
        this.controller = b.controller;
        this.controllerActivation = b.controllerActivation;
        this.readHeads = b.readHeads;
        this.writeHeads = b.writeHeads;
        this.shiftRange = b.shiftRange;
        this.keyActivation = b.keyActivation;
        this.addActivation = b.addActivation;
        this.initialMemoryValue = b.initialMemoryValue;
        this.learnInitialState = b.learnInitialState;
        this.skipInputFiniteCheck = !b.checkInputFinite;
        this.lstmForgetBiasInit = b.lstmForgetBiasInit;
        this.useFusedCpuPath = b.useFusedCpuPath;
        validateHyperParameters();
        IActivation given = b.getActivationFn();
        if (given != null && !given.equals(controllerOutputActivation())) {
            throw new IllegalArgumentException("NtmLayer: activation(" + given + ") is not how an NTM is set; the "
                    + "controller's activation is controllerActivation(NtmActivation...), currently " + controllerActivation
                    + (controller == ControllerType.LSTM ? " (an LSTM controller's output is tanh)" : ""));
        }
        this.activationFn = controllerOutputActivation();
        long derived = derivedNOut();
        if (b.nOutSet && b.getNOut() != derived) {
            throw new IllegalArgumentException("NtmLayer: nOut is derived as controllerSize + readHeads * memoryWidth = "
                    + controllerSize + " + " + readHeads + " * " + memoryWidth + " = " + derived + ", but nOut(" + b.getNOut()
                    + ") was given. Remove the nOut(...) call, or change controllerSize/readHeads/memory.");
        }
        this.nOut = derived;
    }

    /** H + R*W. */
    public long derivedNOut() {
        return (long) controllerSize + (long) readHeads * memoryWidth;
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first impossible hyper-parameter. Called by the
     * builder, and again by {@link #instantiate} for configurations read from JSON.
     */
    public void validateHyperParameters() {
        requirePositive("memoryRows (N, the first argument of memory(rows, width))", memoryRows);
        requirePositive("memoryWidth (W, the second argument of memory(rows, width))", memoryWidth);
        requirePositive("controllerSize", controllerSize);
        requirePositive("readHeads", readHeads);
        requirePositive("writeHeads", writeHeads);
        if (shiftRange < 0) {
            throw new IllegalArgumentException("NtmLayer: shiftRange must be >= 0, got " + shiftRange);
        }
        if (2 * (long) shiftRange + 1 > memoryRows) {
            throw new IllegalArgumentException("NtmLayer: shiftRange " + shiftRange + " needs 2*shiftRange+1 = "
                    + (2 * shiftRange + 1) + " distinct shifts but memory has only " + memoryRows
                    + " rows; use shiftRange <= " + (memoryRows - 1) / 2 + " or more memory rows");
        }
        Objects.requireNonNull(controller, "NtmLayer: controller type must not be null");
        Objects.requireNonNull(controllerActivation, "NtmLayer: controllerActivation must not be null");
        Objects.requireNonNull(keyActivation, "NtmLayer: keyActivation must not be null");
        Objects.requireNonNull(addActivation, "NtmLayer: addActivation must not be null");
        if (!Double.isFinite(initialMemoryValue)) {
            throw new IllegalArgumentException("NtmLayer: initialMemoryValue must be finite, got " + initialMemoryValue);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("NtmLayer: " + name + " must be > 0, got " + value);
        }
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("NtmLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        validateHyperParameters();
        if (getNOut() != derivedNOut()) {
            throw new IllegalStateException("NtmLayer (layer " + layerIndex + "): nOut " + getNOut()
                    + " does not match controllerSize + readHeads * memoryWidth = " + derivedNOut());
        }
        NtmRecurrentLayer ret = new NtmRecurrentLayer(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public ParamInitializer initializer() {
        return NtmParams.getInstance();
    }

    /**
     * DL4J's memory report for this layer. Parameters, their gradients, the updater state, activations and
     * activation gradients are ND4J arrays in the network's data type (native memory: on ND4J M2.1's CPU
     * backend JavaCPP's {@code org.bytedeco.javacpp.maxPhysicalBytes} limits it, not
     * {@code org.bytedeco.javacpp.maxBytes}). The working memory depends on the path the layer takes on this
     * backend, and grows with the sequence length T of {@code inputType} ({@code InputType.recurrent(nIn, T)};
     * without one, it is given for T = 1):
     * <ul>
     *   <li>the fused CPU path: the Java heap ({@code -Xmx}) of {@link FusedNtmPath#trainingHeapBytes} and
     *       {@link FusedNtmPath#inferenceHeapBytes}, doubles whatever the network's data type, reported in
     *       elements of 4 bytes (DL4J's default FLOAT): exact when the report is read with
     *       {@code DataType.FLOAT}, twice the bytes when read with {@code DOUBLE};</li>
     *   <li>the portable SameDiff path: the step inputs, states and step values a forward pass keeps for backprop
     *       ({@link SameDiffNtmPath#trainingElementsPerExample}), ND4J arrays in the network's data type.</li>
     * </ul>
     */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        // A layer built on its own, outside a network's configuration, has no updater yet: no state.
        int updaterStateSize = getIUpdater() == null ? 0 : (int) getIUpdater().stateSize(numParams);
        long steps = inputType instanceof InputType.InputTypeRecurrent
                && ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength() > 0
                ? ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength() : 1;
        NtmDimensions d = NtmDimensions.of(this);
        long trainPerExample;
        long inferencePerExample;
        if (NtmPaths.usesFusedPath(useFusedCpuPath)) {
            trainPerExample = FusedNtmPath.trainingHeapBytes(d, 1, steps) / FLOAT_BYTES;
            inferencePerExample = FusedNtmPath.inferenceHeapBytes(d, 1, steps) / FLOAT_BYTES;
        } else {
            trainPerExample = SameDiffNtmPath.trainingElementsPerExample(NtmRecurrentLayer.specOf(this), steps);
            inferencePerExample = SameDiffNtmPath.inferenceElementsPerExample(d);
        }
        return new LayerMemoryReport.Builder(getLayerName(), NtmLayer.class, inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(0, inferencePerExample, 0, trainPerExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** The element size the memory report counts the fused path's heap in (DL4J's default data type, FLOAT). */
    private static final int FLOAT_BYTES = 4;

    /** What {@link #getActivationFn()} reports: the activation of the controller's output {@code h}. */
    private IActivation controllerOutputActivation() {
        NtmActivation a = controller == ControllerType.LSTM ? NtmActivation.TANH : controllerActivation;
        return a == null ? null : a.toDl4j();
    }

    /**
     * The activation of the controller's output {@code h} as a DL4J {@link IActivation}: the
     * {@code controllerActivation} of a feed-forward controller, tanh for an LSTM controller
     * ({@code h = o * tanh(c)}). What DL4J's UI and {@code toJson()} show for this layer, in place of
     * BaseLayer's default (sigmoid), which the layer never used.
     */
    @Override
    public IActivation getActivationFn() {
        return controllerOutputActivation();
    }

    /**
     * Ignores {@code activationFn}: the reported activation is derived from the controller settings. Older
     * saved models carry DL4J's default ({@code sigmoid}) here, which the layer never used; they load unchanged.
     */
    @Override
    public void setActivationFn(IActivation activationFn) {
        this.activationFn = controllerOutputActivation();
    }

    // ---------------------------------------------------------------- getters and setters (JSON needs both)

    public int getMemoryRows() { return memoryRows; }
    public void setMemoryRows(int memoryRows) { this.memoryRows = memoryRows; }
    public int getMemoryWidth() { return memoryWidth; }
    public void setMemoryWidth(int memoryWidth) { this.memoryWidth = memoryWidth; }
    public int getControllerSize() { return controllerSize; }
    public void setControllerSize(int controllerSize) { this.controllerSize = controllerSize; }
    public ControllerType getController() { return controller; }
    public void setController(ControllerType controller) {
        this.controller = controller;
        this.activationFn = controllerOutputActivation();
    }
    public NtmActivation getControllerActivation() { return controllerActivation; }
    public void setControllerActivation(NtmActivation a) {
        this.controllerActivation = a;
        this.activationFn = controllerOutputActivation();
    }
    public int getReadHeads() { return readHeads; }
    public void setReadHeads(int readHeads) { this.readHeads = readHeads; }
    public int getWriteHeads() { return writeHeads; }
    public void setWriteHeads(int writeHeads) { this.writeHeads = writeHeads; }
    public int getShiftRange() { return shiftRange; }
    public void setShiftRange(int shiftRange) { this.shiftRange = shiftRange; }
    public NtmActivation getKeyActivation() { return keyActivation; }
    public void setKeyActivation(NtmActivation keyActivation) { this.keyActivation = keyActivation; }
    public NtmActivation getAddActivation() { return addActivation; }
    public void setAddActivation(NtmActivation addActivation) { this.addActivation = addActivation; }
    public double getInitialMemoryValue() { return initialMemoryValue; }
    public void setInitialMemoryValue(double v) { this.initialMemoryValue = v; }
    public boolean isLearnInitialState() { return learnInitialState; }
    public void setLearnInitialState(boolean learnInitialState) { this.learnInitialState = learnInitialState; }
    /** True (the default) if every input is scanned for NaN and infinity before the step runs. */
    @JsonIgnore
    public boolean isCheckInputFinite() { return !skipInputFiniteCheck; }
    /** The same as {@link Builder#checkInputFinite}; not a JSON property (see {@link #setLegacyCheckInputFinite}). */
    @JsonIgnore
    public void setCheckInputFinite(boolean check) { this.skipInputFiniteCheck = !check; }
    public boolean isSkipInputFiniteCheck() { return skipInputFiniteCheck; }
    public void setSkipInputFiniteCheck(boolean skip) { this.skipInputFiniteCheck = skip; }
    /**
     * Reads, and ignores, the {@code "checkInputFinite"} property of files saved before the check was on by
     * default: their {@code false} was the default of the day, not an opt-out, so they check like new files.
     */
    @JsonSetter("checkInputFinite")
    void setLegacyCheckInputFinite(boolean ignored) {
    }
    public double getLstmForgetBiasInit() { return lstmForgetBiasInit; }
    public void setLstmForgetBiasInit(double v) { this.lstmForgetBiasInit = v; }
    public boolean isUseFusedCpuPath() { return useFusedCpuPath; }
    public void setUseFusedCpuPath(boolean use) { this.useFusedCpuPath = use; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof NtmLayer) || !super.equals(o)) return false;
        NtmLayer l = (NtmLayer) o;
        return memoryRows == l.memoryRows && memoryWidth == l.memoryWidth && controllerSize == l.controllerSize
                && controller == l.controller && controllerActivation == l.controllerActivation
                && readHeads == l.readHeads && writeHeads == l.writeHeads && shiftRange == l.shiftRange
                && keyActivation == l.keyActivation && addActivation == l.addActivation
                && Double.compare(initialMemoryValue, l.initialMemoryValue) == 0
                && learnInitialState == l.learnInitialState && skipInputFiniteCheck == l.skipInputFiniteCheck
                && Double.compare(lstmForgetBiasInit, l.lstmForgetBiasInit) == 0
                && useFusedCpuPath == l.useFusedCpuPath;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), memoryRows, memoryWidth, controllerSize, controller,
                controllerActivation, readHeads, writeHeads, shiftRange, keyActivation, addActivation,
                initialMemoryValue, learnInitialState, skipInputFiniteCheck, lstmForgetBiasInit, useFusedCpuPath);
    }

    @Override
    public String toString() {
        return "NtmLayer(" + NtmDimensions.of(this) + ", controllerActivation=" + controllerActivation
                + ", key=" + keyActivation + ", add=" + addActivation + ", initialMemoryValue=" + initialMemoryValue
                + ", learnInitialState=" + learnInitialState + ", nOut=" + nOut + ")";
    }

    /** Builds an {@link NtmLayer}. Every setting has the default named in its Javadoc. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        private int memoryRows = 128;
        private int memoryWidth = 20;
        private int controllerSize = 100;
        private ControllerType controller = ControllerType.FEED_FORWARD;
        private NtmActivation controllerActivation = NtmActivation.RELU;
        private int readHeads = 1;
        private int writeHeads = 1;
        private int shiftRange = 1;
        private NtmActivation keyActivation = NtmActivation.TANH;
        private NtmActivation addActivation = NtmActivation.TANH;
        private double initialMemoryValue = NtmState.DEFAULT_INITIAL_MEMORY;
        private boolean learnInitialState = false;
        private boolean checkInputFinite = true;
        private double lstmForgetBiasInit = 1.0;
        private boolean useFusedCpuPath = true;
        private boolean nOutSet = false;

        /** Memory of {@code rows} (N) locations of {@code width} (W) each. Default 128 x 20 (NTM-Lasagne's copy). */
        public Builder memory(int rows, int width) {
            this.memoryRows = rows;
            this.memoryWidth = width;
            return this;
        }

        /** Controller size H. Default 100. */
        public Builder controllerSize(int size) {
            this.controllerSize = size;
            return this;
        }

        /** Feed-forward (default) or LSTM controller. */
        public Builder controller(ControllerType type) {
            this.controller = type;
            return this;
        }

        /** Activation of a feed-forward controller. Default ReLU (NTM-Lasagne). Ignored by the LSTM controller. */
        public Builder controllerActivation(NtmActivation activation) {
            this.controllerActivation = activation;
            return this;
        }

        /** Number of read heads R. Default 1. */
        public Builder readHeads(int r) {
            this.readHeads = r;
            return this;
        }

        /** Number of write heads V. Default 1. */
        public Builder writeHeads(int v) {
            this.writeHeads = v;
            return this;
        }

        /** Shift range S: the heads may shift by -S..S rows per step (circularly). Default 1. Needs 2S+1 &lt;= N. */
        public Builder shiftRange(int s) {
            this.shiftRange = s;
            return this;
        }

        /** Activation of the keys k. Default tanh. */
        public Builder keyActivation(NtmActivation activation) {
            this.keyActivation = activation;
            return this;
        }

        /** Activation of the add vectors a. Default tanh. */
        public Builder addActivation(NtmActivation activation) {
            this.addActivation = activation;
            return this;
        }

        /** The constant every memory cell starts at. Default 1e-6 (Collier &amp; Beel; NTM-Lasagne). */
        public Builder initialMemoryValue(double value) {
            this.initialMemoryValue = value;
            return this;
        }

        /**
         * Learn the initial state (memory, head weighting logits, read vectors) as parameters, as
         * NTM-Lasagne and Collier &amp; Beel offer. Default false: the fixed state of {@link NtmState}.
         */
        public Builder learnInitialState(boolean learn) {
            this.learnInitialState = learn;
            return this;
        }

        /**
         * Check every input for NaN and infinity before the step runs, and fail with the position of the
         * first bad value. Default true: one pass over the B·T·X input, negligible against a step (see
         * docs/reliability.md). {@code false} is recorded in saved files as {@code "skipInputFiniteCheck": true}.
         */
        public Builder checkInputFinite(boolean check) {
            this.checkInputFinite = check;
            return this;
        }

        /** Initial bias of the LSTM controller's forget gate. Default 1. */
        public Builder lstmForgetBiasInit(double value) {
            this.lstmForgetBiasInit = value;
            return this;
        }

        /**
         * On the CPU backend, compute the NTM with the fused CPU kernel (default true): the same
         * semantics and parameters as the portable SameDiff graph, tested equal to it, and two orders
         * of magnitude faster. {@code false} forces the portable path everywhere, as
         * {@code helperAllowFallback(false)} does for DL4J's helpers. Other backends always use the
         * portable path.
         */
        public Builder fusedCpuPath(boolean use) {
            this.useFusedCpuPath = use;
            return this;
        }

        /**
         * nOut is derived ({@code H + R*W}); setting it is allowed only to the same value, so a network
         * written for another layer fails loudly instead of silently changing size.
         */
        @Override
        public void setNOut(long nOut) {
            this.nOutSet = true;
            super.setNOut(nOut);
        }

        @Override
        @SuppressWarnings("unchecked")
        public NtmLayer build() {
            return new NtmLayer(this);
        }
    }
}
