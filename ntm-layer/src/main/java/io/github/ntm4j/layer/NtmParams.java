package io.github.ntm4j.layer;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flat parameter layout of an {@link NtmLayer}: the one place that names, sizes, orders and
 * initialises the parameters. DL4J keeps all of them in one flat view, so updaters, regularisation and
 * {@code ModelSerializer} treat them like any other layer's.
 *
 * <p>In flat order, each a column-major ('f') view, as DL4J's own layers lay out theirs:
 * <ul>
 *   <li>{@value #CONTROLLER_WEIGHTS} [X+R*W, G]: controller input weights {@code Wc}, G = H (feed-forward) or
 *       4H (LSTM, gates i, f, o, g);</li>
 *   <li>{@value #CONTROLLER_RECURRENT_WEIGHTS} [H, 4H]: LSTM recurrent weights {@code Rc} (LSTM only);</li>
 *   <li>{@value #CONTROLLER_BIAS} [1, G]: controller bias {@code bc};</li>
 *   <li>{@value #HEAD_WEIGHTS} [H, P]: every head's {@code Wθ} side by side, read heads first, P the sum of
 *       the heads' θ sizes ({@link HeadLayout});</li>
 *   <li>{@value #HEAD_BIAS} [1, P]: every head's {@code bθ};</li>
 *   <li>with {@code learnInitialState} only: {@value #INITIAL_MEMORY} [N, W], {@value #INITIAL_WEIGHTING_LOGITS}
 *       [R+V, N] (the initial weighting of head i is softmax of row i) and {@value #INITIAL_READS} [R, W].</li>
 * </ul>
 */
public final class NtmParams implements ParamInitializer {

    public static final String CONTROLLER_WEIGHTS = "Wc";
    public static final String CONTROLLER_RECURRENT_WEIGHTS = "Rc";
    public static final String CONTROLLER_BIAS = "bc";
    public static final String HEAD_WEIGHTS = "Wh";
    public static final String HEAD_BIAS = "bh";
    public static final String INITIAL_MEMORY = "M0";
    public static final String INITIAL_WEIGHTING_LOGITS = "w0";
    public static final String INITIAL_READS = "r0";

    /**
     * The learned initial weighting logits start with this much more on row 0 than elsewhere, so the
     * learned state starts near the fixed default (all weight on row 0) without saturating the softmax.
     */
    public static final double INITIAL_LOGIT_ROW0 = 5.0;

    private static final NtmParams INSTANCE = new NtmParams();

    private NtmParams() {
    }

    public static NtmParams getInstance() {
        return INSTANCE;
    }

    /** Parameter names and shapes in flat order. */
    public static Map<String, long[]> shapes(NtmLayer conf) {
        NtmDimensions d = NtmDimensions.of(conf);
        Map<String, long[]> m = stepShapes(d);
        if (conf.isLearnInitialState()) {
            m.put(INITIAL_MEMORY, new long[]{d.memoryRows, d.memoryWidth});
            m.put(INITIAL_WEIGHTING_LOGITS, new long[]{d.headCount(), d.memoryRows});
            m.put(INITIAL_READS, new long[]{d.readHeads, d.memoryWidth});
        }
        return m;
    }

    /**
     * The names and shapes, in flat order, of the parameters every step reads: {@value #CONTROLLER_WEIGHTS},
     * {@value #CONTROLLER_RECURRENT_WEIGHTS} (LSTM only), {@value #CONTROLLER_BIAS}, {@value #HEAD_WEIGHTS},
     * {@value #HEAD_BIAS}. They come first in {@link #shapes}; the learned initial state follows them there.
     */
    public static Map<String, long[]> stepShapes(NtmDimensions d) {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put(CONTROLLER_WEIGHTS, new long[]{d.controllerInputSize(), d.controllerGateSize()});
        if (d.controller == ControllerType.LSTM) {
            m.put(CONTROLLER_RECURRENT_WEIGHTS, new long[]{d.controllerSize, d.controllerGateSize()});
        }
        m.put(CONTROLLER_BIAS, new long[]{1, d.controllerGateSize()});
        m.put(HEAD_WEIGHTS, new long[]{d.controllerSize, d.thetaSize()});
        m.put(HEAD_BIAS, new long[]{1, d.thetaSize()});
        return m;
    }

    private static NtmLayer ntm(Layer layer) {
        if (!(layer instanceof NtmLayer)) {
            throw new IllegalArgumentException("NtmParams serves NtmLayer only, got " + layer.getClass().getName());
        }
        return (NtmLayer) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long n = 0;
        for (long[] s : shapes(ntm(layer)).values()) {
            n += s[0] * s[1];
        }
        return n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return Collections.unmodifiableList(new ArrayList<>(shapes(ntm(layer)).keySet()));
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        for (String k : paramKeys(layer)) {
            if (isWeightParam(layer, k)) keys.add(k);
        }
        return keys;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        for (String k : paramKeys(layer)) {
            if (isBiasParam(layer, k)) keys.add(k);
        }
        return keys;
    }

    /** Weights take the layer's weight regularisation; the learned initial state takes none. */
    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return CONTROLLER_WEIGHTS.equals(key) || CONTROLLER_RECURRENT_WEIGHTS.equals(key) || HEAD_WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return CONTROLLER_BIAS.equals(key) || HEAD_BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        NtmLayer layer = ntm(conf.getLayer());
        Map<String, INDArray> views = views(layer, paramsView);
        for (String key : views.keySet()) {
            conf.addVariable(key);
        }
        if (initializeParams) {
            initialise(layer, views);
        }
        return Collections.synchronizedMap(views);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(ntm(conf.getLayer()), gradientView);
    }

    /**
     * The order of every parameter's view of the flat array: 'f', as DL4J's own layers
     * (DefaultParamInitializer, LSTMParamInitializer). DL4J's {@code Layer.setParams(flat)} reshapes
     * each slice in 'f' order, so any other order would scramble a layer's parameters there.
     */
    public static final char ORDER = 'f';

    /** Splits a flat array of this layer's parameter count into named views (order {@link #ORDER}), in flat order. */
    public static Map<String, INDArray> views(NtmLayer layer, INDArray flat) {
        long expected = INSTANCE.numParams(layer);
        if (flat.length() != expected) {
            throw new IllegalStateException("NtmLayer expects a parameter view of length " + expected + ", got "
                    + flat.length());
        }
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes(layer).entrySet()) {
            long[] s = e.getValue();
            long n = s[0] * s[1];
            out.put(e.getKey(), row.get(NDArrayIndex.interval(offset, offset + n)).reshape(ORDER, s));
            offset += n;
        }
        return out;
    }

    /**
     * Copies every parameter of one NTM layer into another that may differ in its input width and may have more
     * read heads (warm-starting one task from a model of a related one, or a bigger network from a smaller one).
     * Input {@code i} of {@code from} goes to input {@code inputMap[i]} of {@code to}, or nowhere if that is -1;
     * the rows of {@code to}'s {@value #CONTROLLER_WEIGHTS} for inputs nothing maps to keep their values. Every
     * head of {@code from} is copied to the head of {@code to} in the same place among the read heads or among
     * the write heads. The read heads {@code to} has beyond {@code from}'s keep their own parameters, and their
     * rows of {@value #CONTROLLER_WEIGHTS} are zeroed: the new reads start with no weight into the controller, so
     * that {@code to} starts out computing what {@code from} did (the first {@code H + R*W} columns of its
     * output, {@code R} being {@code from}'s read heads, are {@code from}'s output).
     *
     * @param from     the source layer's configuration and parameters (from {@code paramTable()})
     * @param to       the target layer's; changed in place
     * @param inputMap one entry per input of {@code from}
     * @throws IllegalArgumentException if the two layers differ in more than their input width and the number
     *                                  of read heads, {@code to} has fewer read heads, or {@code inputMap} does not
     *                                  fit them
     */
    public static void copyMappingInputs(NtmLayer fromConf, Map<String, INDArray> from, NtmLayer toConf,
            Map<String, INDArray> to, int[] inputMap) {
        NtmDimensions a = NtmDimensions.of(fromConf);
        NtmDimensions b = NtmDimensions.of(toConf);
        if (inputMap.length != a.inputSize) {
            throw new IllegalArgumentException("the input map has " + inputMap.length + " entries for " + a.inputSize
                    + " inputs");
        }
        for (int target : inputMap) {
            if (target < -1 || target >= b.inputSize) {
                throw new IllegalArgumentException("the input map sends an input to " + target + ", outside the "
                        + b.inputSize + " inputs of the target layer");
            }
        }
        if (b.readHeads < a.readHeads || a.memoryRows != b.memoryRows || a.memoryWidth != b.memoryWidth
                || a.controllerSize != b.controllerSize || a.writeHeads != b.writeHeads
                || a.shiftRange != b.shiftRange || a.controller != b.controller
                || fromConf.isLearnInitialState() != toConf.isLearnInitialState()) {
            throw new IllegalArgumentException("not the same NTM apart from the input width and added read heads: "
                    + a + " and " + b + (fromConf.isLearnInitialState() != toConf.isLearnInitialState()
                    ? ", one with a learned initial state" : ""));
        }
        int[] heads = new int[a.headCount()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = i < a.readHeads ? i : i - a.readHeads + b.readHeads;
        }
        int width = a.memoryWidth;
        for (Map.Entry<String, INDArray> e : from.entrySet()) {
            INDArray src = e.getValue();
            INDArray dst = to.get(e.getKey());
            switch (e.getKey()) {
                case CONTROLLER_WEIGHTS -> {
                    // Wc rows: the layer's inputs x, then the previous reads r_1 ... r_R.
                    for (int r = 0; r < src.rows(); r++) {
                        long target = r < a.inputSize ? inputMap[r] : r - a.inputSize + b.inputSize;
                        if (target >= 0) {
                            dst.getRow(target).assign(src.getRow(r));
                        }
                    }
                    for (long r = b.inputSize + (long) a.readHeads * width; r < dst.rows(); r++) {
                        dst.getRow(r).assign(0);
                    }
                }
                case HEAD_WEIGHTS, HEAD_BIAS -> {
                    for (int i = 0; i < heads.length; i++) {
                        HeadLayout h = a.head(i);
                        HeadLayout g = b.head(heads[i]);
                        dst.get(NDArrayIndex.all(), NDArrayIndex.interval(g.offset(), g.offset() + g.size())).assign(
                                src.get(NDArrayIndex.all(), NDArrayIndex.interval(h.offset(), h.offset() + h.size())));
                    }
                }
                case INITIAL_WEIGHTING_LOGITS -> {
                    for (int i = 0; i < heads.length; i++) {
                        dst.getRow(heads[i]).assign(src.getRow(i));
                    }
                }
                case INITIAL_READS -> {
                    for (int i = 0; i < a.readHeads; i++) {
                        dst.getRow(i).assign(src.getRow(i));
                    }
                }
                default -> dst.assign(src);
            }
        }
    }

    private static void initialise(NtmLayer layer, Map<String, INDArray> v) {
        NtmDimensions d = NtmDimensions.of(layer);
        IWeightInit init = layer.getWeightInitFn() != null ? layer.getWeightInitFn() : WeightInit.XAVIER.getWeightInitFunction();
        IWeightInit recurrentInit = layer.getWeightInitFnRecurrent() != null ? layer.getWeightInitFnRecurrent() : init;
        double biasInit = Double.isNaN(layer.getBiasInit()) ? 0.0 : layer.getBiasInit();

        INDArray wc = v.get(CONTROLLER_WEIGHTS);
        init.init(d.controllerInputSize(), d.controllerGateSize(), wc.shape(), ORDER, wc);
        if (v.containsKey(CONTROLLER_RECURRENT_WEIGHTS)) {
            INDArray rc = v.get(CONTROLLER_RECURRENT_WEIGHTS);
            recurrentInit.init(d.controllerSize, d.controllerGateSize(), rc.shape(), ORDER, rc);
        }
        INDArray bc = v.get(CONTROLLER_BIAS);
        bc.assign(biasInit);
        if (d.controller == ControllerType.LSTM) {
            // Gate order i, f, o, g: a forget bias near 1 keeps early gradients alive (Gers et al. 2000).
            bc.get(NDArrayIndex.point(0), NDArrayIndex.interval(d.controllerSize, 2 * d.controllerSize))
                    .assign(layer.getLstmForgetBiasInit());
        }
        INDArray wh = v.get(HEAD_WEIGHTS);
        init.init(d.controllerSize, d.thetaSize(), wh.shape(), ORDER, wh);
        v.get(HEAD_BIAS).assign(biasInit);

        if (layer.isLearnInitialState()) {
            v.get(INITIAL_MEMORY).assign(layer.getInitialMemoryValue());
            INDArray logits = v.get(INITIAL_WEIGHTING_LOGITS);
            logits.assign(0);
            logits.get(NDArrayIndex.all(), NDArrayIndex.point(0)).assign(INITIAL_LOGIT_ROW0);
            v.get(INITIAL_READS).assign(0);
        }
    }
}
