package io.github.ntm4j.layer.io;

import io.github.ntm4j.layer.NtmLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.nd4j.shade.jackson.core.JsonFactory;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonToken;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Checks a model's {@code configuration.json} before DL4J builds anything from it: the JSON itself
 * (nesting depth, and every {@code @class} it names), then the configuration DL4J parses from it
 * (impossible NtmLayer hyper-parameters, a memory larger than the limit, the parameter count).
 */
final class ConfigurationCheck {
    /** DL4J's own configurations nest about ten deep; far more means a parser attack, not a model. */
    private static final int MAX_JSON_DEPTH = 64;
    /**
     * The packages a model configuration may name classes from: DL4J's layers, ND4J's activations,
     * losses and updaters, and this project's layer and updater. Jackson would also only instantiate
     * subtypes of the declared field types; this list keeps even those to known code.
     */
    static final List<String> ALLOWED_CLASS_PREFIXES = List.of("org.deeplearning4j.", "org.nd4j.",
            "io.github.ntm4j.");

    private ConfigurationCheck() {
    }

    /** Streams through the JSON once, without building anything, checking depth and class names. */
    static void checkJson(String json) throws InvalidModelFileException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            int depth = 0;
            boolean classField = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_JSON_DEPTH) {
                            throw bad("it nests deeper than " + MAX_JSON_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> classField = "@class".equals(parser.getCurrentName());
                    case VALUE_STRING -> {
                        if (classField && !allowedClass(parser.getText())) {
                            throw bad("it names the class " + parser.getText() + ", outside the packages a model may use ("
                                    + String.join(", ", ALLOWED_CLASS_PREFIXES) + ")");
                        }
                        classField = false;
                    }
                    default -> classField = false;
                }
            }
        } catch (InvalidModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw bad("it is not valid JSON (" + firstLine(e) + ")");
        }
    }

    private static boolean allowedClass(String name) {
        return ALLOWED_CLASS_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Parses a checked JSON as a network configuration, naming the other kind when it is that. */
    static MultiLayerConfiguration parseMultiLayer(String json) throws InvalidModelFileException {
        try {
            return MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            if (isComputationGraph(json)) {
                throw bad("it is a ComputationGraph; load it with SafeModelLoader.restoreComputationGraph");
            }
            throw bad("it is not a DL4J MultiLayerConfiguration (" + firstLine(e) + ")");
        }
    }

    static ComputationGraphConfiguration parseGraph(String json) throws InvalidModelFileException {
        try {
            ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
            if (conf.getVertices() == null || conf.getNetworkInputs() == null) {
                throw bad("it is a MultiLayerNetwork; load it with SafeModelLoader.restoreMultiLayerNetwork");
            }
            return conf;
        } catch (RuntimeException e) {
            throw bad("it is not a DL4J ComputationGraphConfiguration (" + firstLine(e) + ")");
        }
    }

    private static boolean isComputationGraph(String json) {
        try {
            ComputationGraphConfiguration cg = ComputationGraphConfiguration.fromJson(json);
            return cg.getVertices() != null && cg.getNetworkInputs() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Checks every layer and returns the number of parameters the configuration needs. */
    static long checkLayers(MultiLayerConfiguration conf, SafeModelLoader.Limits limits)
            throws InvalidModelFileException {
        long total = 0;
        List<NeuralNetConfiguration> confs = conf.getConfs();
        for (int i = 0; i < confs.size(); i++) {
            Layer layer = confs.get(i).getLayer();
            if (layer == null) {
                throw bad("layer " + i + " has no configuration");
            }
            checkLayer(layer, "layer " + i, limits);
            total = addParams(total, layer.initializer().numParams(confs.get(i)), "layer " + i);
        }
        return total;
    }

    static long checkLayers(ComputationGraphConfiguration conf, SafeModelLoader.Limits limits)
            throws InvalidModelFileException {
        long total = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            String name = "vertex '" + e.getKey() + "'";
            GraphVertex vertex = e.getValue();
            while (vertex instanceof FrozenVertex frozen) {   // transfer learning's frozen vertex holds the vertex
                name = name + " (inside FrozenVertex)";
                vertex = frozen.getUnderlying();
                if (vertex == null) {
                    throw bad(name + " wraps no vertex");
                }
            }
            if (vertex instanceof LayerVertex) {
                Layer layer = ((LayerVertex) vertex).getLayerConf().getLayer();
                if (layer == null) {
                    throw bad(name + " has no layer configuration");
                }
                checkLayer(layer, name, limits);
            }
            total = addParams(total, e.getValue().numParams(true), name);
        }
        return total;
    }

    private static long addParams(long total, long layerParams, String where) throws InvalidModelFileException {
        if (layerParams < 0) {
            throw bad(where + " needs " + layerParams + " parameters; its sizes are impossible");
        }
        try {
            return Math.addExact(total, layerParams);
        } catch (ArithmeticException e) {
            throw bad(where + " takes the parameter count past " + Long.MAX_VALUE);
        }
    }

    private static void checkLayer(Layer layer, String where, SafeModelLoader.Limits limits)
            throws InvalidModelFileException {
        // DL4J's wrappers (LastTimeStep, Bidirectional, transfer learning's frozen layers) hold the layer they wrap:
        // an NtmLayer inside one is checked as one on its own is.
        String inside = where + " (inside " + layer.getClass().getSimpleName() + ")";
        if (layer instanceof BaseWrapperLayer wrapper) {
            checkWrapped(wrapper.getUnderlying(), inside, limits);
            return;
        }
        if (layer instanceof FrozenLayer frozen) {
            checkWrapped(frozen.getLayer(), inside, limits);
            return;
        }
        if (layer instanceof Bidirectional bidirectional) {
            checkWrapped(bidirectional.getFwd(), inside, limits);
            checkWrapped(bidirectional.getBwd(), inside, limits);
            return;
        }
        if (!(layer instanceof NtmLayer ntm)) {
            return;
        }
        try {
            ntm.validateHyperParameters();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw bad(where + ": " + e.getMessage());
        }
        long memory = (long) ntm.getMemoryRows() * ntm.getMemoryWidth();
        if (memory > limits.maxMemoryElements()) {
            throw bad(where + " asks for a memory of " + ntm.getMemoryRows() + " x " + ntm.getMemoryWidth() + " = "
                    + memory + " values per sequence, over the limit of " + limits.maxMemoryElements()
                    + "; if the file is genuine, raise it with SafeModelLoader.builder().maxMemoryElements(...)");
        }
        if (ntm.getNIn() <= 0) {
            throw bad(where + ": NtmLayer nIn must be > 0, got " + ntm.getNIn());
        }
    }

    private static void checkWrapped(Layer wrapped, String where, SafeModelLoader.Limits limits)
            throws InvalidModelFileException {
        if (wrapped == null) {
            throw bad(where + " wraps no layer");
        }
        checkLayer(wrapped, where, limits);
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static InvalidModelFileException bad(String problem) {
        return new InvalidModelFileException(ModelEntries.CONFIGURATION + " is refused: " + problem);
    }
}
