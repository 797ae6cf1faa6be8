package io.github.ntm4j.layer.io;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads a DL4J model zip from a source you do not trust, which {@code ModelSerializer.restore…} must
 * not be given: it reads a {@code preprocessor.bin} entry with {@code ObjectInputStream.readObject},
 * so a crafted file runs code of the attacker's choosing from the classpath, and it allocates whatever
 * sizes the file claims.
 *
 * <p>This loader opens the zip itself and, before DL4J builds anything:
 * <ul>
 *   <li>accepts only the entries a model has ({@code configuration.json}, {@code coefficients.bin},
 *       {@code updaterState.bin}, {@code noParams.marker}, NTM4J's metadata) and refuses any other by
 *       name, and any name that points outside the archive;</li>
 *   <li>bounds the bytes it inflates per entry and in total (a zip bomb stops at the limit);</li>
 *   <li>checks the configuration JSON: nesting depth, and that every {@code @class} it names is in
 *       DL4J's, ND4J's or NTM4J's packages;</li>
 *   <li>checks the configuration: NtmLayer hyper-parameters, a memory no larger than
 *       {@link Builder#maxMemoryElements}, and that the parameter count matches the coefficients;</li>
 *   <li>parses the arrays itself, checking their headers against the bytes present and refusing
 *       non-finite values;</li>
 * </ul>
 * and only then builds the network. It never hands the file's bytes to {@code ObjectInputStream}, and
 * it installs no JVM-wide deserialization filter. Every refusal is an {@link InvalidModelFileException}
 * with a one-line message.
 *
 * <pre>{@code
 * MultiLayerNetwork net = SafeModelLoader.defaults().restoreMultiLayerNetwork(Path.of("copy.zip"), false);
 * }</pre>
 *
 * Files written by {@code ModelSerializer.writeModel} (without a normalizer) and by
 * {@link ModelFileWriter} load; a file with a normalizer or any other extra entry is refused.
 */
public final class SafeModelLoader {
    private final Limits limits;

    private SafeModelLoader(Limits limits) {
        this.limits = limits;
    }

    /** A loader with the default limits (see {@link Builder}). */
    public static SafeModelLoader defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A network and the metadata its file holds ({@link ModelMetadata#task()} is null if it records none).
     *
     * @param updaterStateRestored whether the network's updater state came from the file; false when it was not
     *                             asked for, when the file holds none (a model saved for inference only), or when
     *                             the updater keeps none (plain SGD)
     */
    public record Loaded<T>(T network, ModelMetadata metadata, boolean updaterStateRestored) {
        /** A network whose updater state did not come from its file. */
        public Loaded(T network, ModelMetadata metadata) {
            this(network, metadata, false);
        }
    }

    /** Loads a {@link MultiLayerNetwork}, with its updater state if {@code loadUpdater} and the file has one. */
    public MultiLayerNetwork restoreMultiLayerNetwork(Path file, boolean loadUpdater) throws IOException {
        return loadMultiLayerNetwork(file, loadUpdater).network();
    }

    /** Loads a {@link MultiLayerNetwork} from a stream (read fully, not closed). */
    public MultiLayerNetwork restoreMultiLayerNetwork(InputStream in, boolean loadUpdater) throws IOException {
        return loadMultiLayerNetwork(in, loadUpdater).network();
    }

    /** Loads a {@link ComputationGraph}, with its updater state if {@code loadUpdater} and the file has one. */
    public ComputationGraph restoreComputationGraph(Path file, boolean loadUpdater) throws IOException {
        return loadComputationGraph(file, loadUpdater).network();
    }

    /** Loads a {@link MultiLayerNetwork} and the NTM4J metadata of its file. */
    public Loaded<MultiLayerNetwork> loadMultiLayerNetwork(Path file, boolean loadUpdater) throws IOException {
        return fromFile(file, in -> loadMultiLayerNetwork(in, loadUpdater));
    }

    /** Loads a {@link ComputationGraph} and the NTM4J metadata of its file. */
    public Loaded<ComputationGraph> loadComputationGraph(Path file, boolean loadUpdater) throws IOException {
        return fromFile(file, in -> loadComputationGraph(in, loadUpdater));
    }

    /**
     * Reads only the metadata of a model file (all its entries are still checked by name and size).
     * Files written before NTM4J had a metadata entry give their task name and nothing else.
     */
    public ModelMetadata readMetadata(Path file) throws IOException {
        return fromFile(file, in -> metadata(ModelZip.read(in, limits, ModelEntries.UPDATER_STATE)));
    }

    public Loaded<MultiLayerNetwork> loadMultiLayerNetwork(InputStream in, boolean loadUpdater) throws IOException {
        ModelZip zip = ModelZip.read(in, limits, loadUpdater ? null : ModelEntries.UPDATER_STATE);
        ModelMetadata metadata = metadata(zip);
        MultiLayerConfiguration conf = ConfigurationCheck.parseMultiLayer(configurationJson(zip));
        INDArray params = coefficients(zip, ConfigurationCheck.checkLayers(conf, limits));
        MultiLayerNetwork net;
        try {
            if (params != null) {
                conf.setDataType(params.dataType());
            }
            net = new MultiLayerNetwork(conf);
            net.init(params, false);
        } catch (RuntimeException e) {
            throw new InvalidModelFileException("DL4J could not build the network the file describes ("
                    + firstLine(e) + ")", e);
        }
        INDArray state = updaterState(zip, loadUpdater, net.getUpdater().getStateViewArray());
        if (state != null) {
            net.getUpdater().setStateViewArray(net, state, false);
        }
        return new Loaded<>(net, metadata, state != null);
    }

    public Loaded<ComputationGraph> loadComputationGraph(InputStream in, boolean loadUpdater) throws IOException {
        ModelZip zip = ModelZip.read(in, limits, loadUpdater ? null : ModelEntries.UPDATER_STATE);
        ModelMetadata metadata = metadata(zip);
        ComputationGraphConfiguration conf = ConfigurationCheck.parseGraph(configurationJson(zip));
        INDArray params = coefficients(zip, ConfigurationCheck.checkLayers(conf, limits));
        ComputationGraph graph;
        try {
            if (params != null) {
                conf.setDataType(params.dataType());
            }
            graph = new ComputationGraph(conf);
            graph.init(params, false);
        } catch (RuntimeException e) {
            throw new InvalidModelFileException("DL4J could not build the graph the file describes ("
                    + firstLine(e) + ")", e);
        }
        INDArray state = updaterState(zip, loadUpdater, graph.getUpdater().getStateViewArray());
        if (state != null) {
            graph.getUpdater().setStateViewArray(state);
        }
        return new Loaded<>(graph, metadata, state != null);
    }

    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T fromFile(Path file, Reader<T> reader) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return reader.read(in);
        } catch (NoSuchFileException e) {
            throw new InvalidModelFileException("model file " + file + " does not exist", e);
        } catch (InvalidModelFileException e) {
            throw new InvalidModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static ModelMetadata metadata(ModelZip zip) throws InvalidModelFileException {
        // An older file's task entry is checked whenever it is there, even beside the metadata: it must be a
        // plain string, and anything else in it is refused, never read.
        String legacyTask = zip.has(ModelEntries.LEGACY_TASK) ? LegacyTaskEntry.parse(zip.get(ModelEntries.LEGACY_TASK))
                : null;
        if (zip.has(ModelEntries.METADATA)) {
            return ModelMetadata.parse(zip.get(ModelEntries.METADATA));
        }
        return legacyTask != null ? ModelMetadata.legacy(legacyTask) : ModelMetadata.none();
    }

    private static String configurationJson(ModelZip zip) throws InvalidModelFileException {
        byte[] bytes = zip.get(ModelEntries.CONFIGURATION);
        if (bytes == null) {
            throw new InvalidModelFileException("not a DL4J model: the zip has no " + ModelEntries.CONFIGURATION);
        }
        String json = new String(bytes, StandardCharsets.UTF_8);
        ConfigurationCheck.checkJson(json);
        return json;
    }

    /** The parameters, checked against the count the configuration needs; null for a network without any. */
    private static INDArray coefficients(ModelZip zip, long expected) throws InvalidModelFileException {
        byte[] bytes = zip.get(ModelEntries.COEFFICIENTS);
        if (bytes == null) {
            throw new InvalidModelFileException("not a DL4J model: the zip has no " + ModelEntries.COEFFICIENTS);
        }
        if (bytes.length == 0 && zip.has(ModelEntries.NO_PARAMS)) {
            if (expected != 0) {
                throw new InvalidModelFileException("the configuration needs " + expected
                        + " parameters but the file has none");
            }
            return null;
        }
        INDArray params = Nd4jArrayFormat.read(bytes, ModelEntries.COEFFICIENTS);
        if (params.length() != expected) {
            throw new InvalidModelFileException(ModelEntries.COEFFICIENTS + " holds " + params.length()
                    + " parameters but " + ModelEntries.CONFIGURATION + " needs " + expected
                    + "; the two do not belong to the same model");
        }
        return params.reshape(1, expected);
    }

    /** The updater state to set, or null when it is not wanted, absent, or the updater keeps none. */
    private static INDArray updaterState(ModelZip zip, boolean wanted, INDArray current)
            throws InvalidModelFileException {
        byte[] bytes = zip.get(ModelEntries.UPDATER_STATE);
        if (!wanted || bytes == null) {
            return null;
        }
        INDArray state = Nd4jArrayFormat.read(bytes, ModelEntries.UPDATER_STATE);
        long needed = current == null ? 0 : current.length();
        if (state.length() != needed) {
            throw new InvalidModelFileException(ModelEntries.UPDATER_STATE + " holds " + state.length()
                    + " values but the configuration's updater keeps " + needed
                    + "; load without the updater state to use the model for inference");
        }
        if (needed == 0) {
            return null;
        }
        return state.reshape(1, needed).castTo(current.dataType());
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** The limits a loader enforces. */
    record Limits(long maxArrayBytes, long maxConfigurationBytes, long maxTotalBytes, long maxMemoryElements) {
        /** Metadata is a few hundred bytes of text. */
        static final long MAX_METADATA_BYTES = 64 * 1024;

        long maxEntryBytes(String entry) {
            return switch (entry) {
                case ModelEntries.CONFIGURATION -> maxConfigurationBytes;
                case ModelEntries.COEFFICIENTS, ModelEntries.UPDATER_STATE -> maxArrayBytes;
                default -> MAX_METADATA_BYTES;
            };
        }

        /** The builder method that raises {@link #maxEntryBytes} for {@code entry}. */
        String setterFor(String entry) {
            return switch (entry) {
                case ModelEntries.CONFIGURATION -> "maxConfigurationBytes";
                case ModelEntries.COEFFICIENTS, ModelEntries.UPDATER_STATE -> "maxArrayBytes";
                default -> "(no setter: metadata is at most " + MAX_METADATA_BYTES + " bytes)";
            };
        }
    }

    /**
     * Limits for a {@link SafeModelLoader}. The defaults are far above any NTM (the NTM paper's copy
     * model is 53 KB of parameters) and far below what would exhaust a JVM.
     */
    public static final class Builder {
        private long maxArrayBytes = 256L << 20;
        private long maxConfigurationBytes = 4L << 20;
        private long maxTotalBytes = 640L << 20;
        private long maxMemoryElements = 1L << 24;

        private Builder() {
        }

        /** Bytes of {@code coefficients.bin}, and of {@code updaterState.bin}, each; default 256 MiB. */
        public Builder maxArrayBytes(long bytes) {
            this.maxArrayBytes = positive("maxArrayBytes", bytes);
            return this;
        }

        /** Bytes of {@code configuration.json}; default 4 MiB. */
        public Builder maxConfigurationBytes(long bytes) {
            this.maxConfigurationBytes = positive("maxConfigurationBytes", bytes);
            return this;
        }

        /** Bytes of all entries together, as inflated; default 640 MiB. */
        public Builder maxTotalBytes(long bytes) {
            this.maxTotalBytes = positive("maxTotalBytes", bytes);
            return this;
        }

        /**
         * The largest NTM memory, N × W values per sequence, a file may ask for; default 2^24 (N = 2^20
         * rows of width 16), which the forward pass alone needs 64 MiB per sequence for in float.
         */
        public Builder maxMemoryElements(long elements) {
            this.maxMemoryElements = positive("maxMemoryElements", elements);
            return this;
        }

        public SafeModelLoader build() {
            return new SafeModelLoader(new Limits(maxArrayBytes, maxConfigurationBytes, maxTotalBytes,
                    maxMemoryElements));
        }

        private static long positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("SafeModelLoader." + name + " must be > 0, got " + value);
            }
            return value;
        }
    }
}
