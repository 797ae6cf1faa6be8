package io.github.ntm4j.layer.io;

import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeModelLoaderTest {
    private static final int X = 3;
    private static final SafeModelLoader LOADER = SafeModelLoader.defaults();

    @TempDir
    Path dir;
    private MultiLayerNetwork net;
    private Path genuine;
    private Path marker;

    @BeforeEach
    void saveAGenuineModel() throws IOException {
        net = trainedNet(DataType.FLOAT);
        genuine = dir.resolve("genuine.zip");
        ModelFileWriter.write(net, genuine, true, ModelMetadata.of("copy", "train --task copy"));
        marker = dir.resolve("payload-ran");
    }

    private static MultiLayerNetwork trainedNet(DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .updater(new Adam(1e-2)).list()
                .layer(ntm())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(X).build())
                .setInputType(InputType.recurrent(X))
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        n.fit(data(type));
        return n;
    }

    private static NtmLayer ntm() {
        return new NtmLayer.Builder().nIn(X).memory(6, 4).controllerSize(5).controllerActivation(NtmActivation.TANH)
                .build();
    }

    /** The NTM and an output layer as a ComputationGraph: vertices "ntm" and "out". */
    private static ComputationGraphConfiguration graphConf() {
        return new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-2))
                .graphBuilder().addInputs("in")
                .addLayer("ntm", ntm(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).nOut(X).build(), "ntm")
                .setOutputs("out").setInputTypes(InputType.recurrent(X)).build();
    }

    private static DataSet data(DataType type) {
        Nd4j.getRandom().setSeed(3);
        return new DataSet(Nd4j.rand(type, 2, X, 4), Nd4j.rand(type, 2, X, 4).gt(0.5).castTo(type));
    }

    private InvalidModelFileException refused(Path file) {
        return assertThrows(InvalidModelFileException.class, () -> LOADER.restoreMultiLayerNetwork(file, true));
    }

    private static void assertOneLineNaming(InvalidModelFileException e, String... words) {
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' in: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ genuine files

    @Test
    void aWrittenModelLoadsWithItsParametersUpdaterStateOutputsAndMetadata() throws IOException {
        SafeModelLoader.Loaded<MultiLayerNetwork> loaded = LOADER.loadMultiLayerNetwork(genuine, true);
        MultiLayerNetwork restored = loaded.network();

        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertTrue(loaded.updaterStateRestored());
        INDArray in = data(DataType.FLOAT).getFeatures();
        assertEquals(net.output(in), restored.output(in));
        net.fit(data(DataType.FLOAT));
        restored.fit(data(DataType.FLOAT));
        assertEquals(net.params(), restored.params(), "training continues identically");

        ModelMetadata m = loaded.metadata();
        assertEquals("copy", m.task());
        assertEquals("train --task copy", m.get(ModelMetadata.KEY_COMMAND));
        assertEquals(Integer.toString(ModelMetadata.FORMAT_VERSION), m.get(ModelMetadata.KEY_FORMAT));
        assertEquals("1.0.0-M2.1", m.get(ModelMetadata.KEY_DL4J_VERSION));
        assertFalse(m.get(ModelMetadata.KEY_NTM4J_VERSION).contains("$"), "the version was filtered in");
        assertEquals(m, LOADER.readMetadata(genuine));
    }

    @Test
    void aWrittenModelHasTheUsersUsualPermissionsAndNoTemporaryFilesAreLeft() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        if (plain.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(genuine));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("genuine.zip", "plain.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void theMetadataIsPlainJsonText() throws IOException {
        String json = new String(ModelZips.entries(genuine).get(ModelEntries.METADATA), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"task\" : \"copy\""), json);
    }

    @Test
    void withoutTheUpdaterTheStateIsFreshAndTheOutputsTheSame() throws IOException {
        SafeModelLoader.Loaded<MultiLayerNetwork> loaded = LOADER.loadMultiLayerNetwork(genuine, false);
        MultiLayerNetwork restored = loaded.network();
        assertEquals(net.params(), restored.params());
        assertEquals(0.0, restored.getUpdater().getStateViewArray().sumNumber().doubleValue());
        assertFalse(loaded.updaterStateRestored());
    }

    /** A file saved for inference only loads with a fresh updater state, and says that none came from the file. */
    @Test
    void aFileWithoutUpdaterStateSaysSoWhenTheStateIsAskedFor() throws IOException {
        Path inference = dir.resolve("inference.zip");
        ModelFileWriter.write(net, inference, false, ModelMetadata.of("copy", null));
        assertFalse(ModelZips.entries(inference).containsKey(ModelEntries.UPDATER_STATE));
        SafeModelLoader.Loaded<MultiLayerNetwork> loaded = LOADER.loadMultiLayerNetwork(inference, true);
        assertFalse(loaded.updaterStateRestored());
        assertEquals(net.params(), loaded.network().params());
        assertEquals(0.0, loaded.network().getUpdater().getStateViewArray().sumNumber().doubleValue());
    }

    @Test
    void doublePrecisionModelsLoadInDoublePrecision() throws IOException {
        MultiLayerNetwork d = trainedNet(DataType.DOUBLE);
        Path file = dir.resolve("double.zip");
        ModelFileWriter.write(d, file, true, ModelMetadata.of("copy", null));
        MultiLayerNetwork restored = LOADER.restoreMultiLayerNetwork(file, true);
        assertEquals(DataType.DOUBLE, restored.params().dataType());
        assertEquals(d.params(), restored.params());
        assertEquals(d.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
    }

    @Test
    void aFileWrittenByModelSerializerAloneLoadsAndDl4jReadsOurs() throws IOException {
        Path plain = dir.resolve("plain.zip");
        ModelSerializer.writeModel(net, plain.toFile(), true);
        SafeModelLoader.Loaded<MultiLayerNetwork> loaded = LOADER.loadMultiLayerNetwork(plain, true);
        assertEquals(net.params(), loaded.network().params());
        assertNull(loaded.metadata().task());

        assertEquals(net.params(), ModelSerializer.restoreMultiLayerNetwork(genuine.toFile(), true).params());
    }

    @Test
    void anOlderFileKeepsItsTaskInASerializedStringWhichIsReadByHand() throws IOException {
        Path old = dir.resolve("old.zip");
        ModelSerializer.writeModel(net, old.toFile(), true);
        ModelSerializer.addObjectToFile(old.toFile(), "ntm4j-task", "associative-recall");
        assertEquals("associative-recall", LOADER.readMetadata(old).task());
        assertEquals(net.params(), LOADER.restoreMultiLayerNetwork(old, true).params());
    }

    @Test
    void aComputationGraphLoadsWithItsUpdaterState() throws IOException {
        ComputationGraphConfiguration conf = graphConf();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.fit(data(DataType.FLOAT));
        Path file = dir.resolve("graph.zip");
        ModelFileWriter.write(graph, file, true, ModelMetadata.of("copy", null));

        ComputationGraph restored = LOADER.restoreComputationGraph(file, true);
        assertEquals(graph.params(), restored.params());
        assertEquals(graph.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        InvalidModelFileException e = refused(file);
        assertOneLineNaming(e, "ComputationGraph", "restoreComputationGraph");
        InvalidModelFileException other = assertThrows(InvalidModelFileException.class,
                () -> LOADER.restoreComputationGraph(genuine, false));
        assertOneLineNaming(other, "MultiLayerNetwork");
    }

    // ------------------------------------------------------------------ files that would run code

    @Test
    void aSerializedObjectInPreprocessorBinIsRefusedUnread() throws IOException {
        Path hostile = ModelZips.with(genuine, dir.resolve("hostile.zip"), "preprocessor.bin",
                ModelZips.serialized(new HostilePayload(marker)));

        assertOneLineNaming(refused(hostile), "preprocessor.bin", "not part of");
        assertOneLineNaming(assertThrows(InvalidModelFileException.class, () -> LOADER.readMetadata(hostile)),
                "preprocessor.bin");
        assertFalse(Files.exists(marker), "the payload's readObject ran");

        // The same file given to DL4J's own loader does run it: the payload is live, and the test can fail.
        try {
            ModelSerializer.restoreMultiLayerNetwork(hostile.toFile(), true);
        } catch (RuntimeException | IOException ignored) {
            // whatever DL4J does afterwards, the code has already run
        }
        assertTrue(Files.exists(marker), "DL4J's ModelSerializer deserializes preprocessor.bin");
    }

    @Test
    void aSerializedObjectInTheTaskEntryIsRefusedUnread() throws IOException {
        Path hostile = ModelZips.with(genuine, dir.resolve("hostile.zip"), ModelEntries.LEGACY_TASK,
                ModelZips.serialized(new HostilePayload(marker)));
        Map<String, byte[]> entries = ModelZips.entries(hostile);
        entries.remove(ModelEntries.METADATA);
        ModelZips.write(hostile, entries);

        assertOneLineNaming(assertThrows(InvalidModelFileException.class, () -> LOADER.readMetadata(hostile)),
                ModelEntries.LEGACY_TASK, "serialized Java object");
        assertOneLineNaming(refused(hostile), ModelEntries.LEGACY_TASK);
        assertFalse(Files.exists(marker), "the payload's readObject ran");

        ModelSerializer.getObjectFromFile(hostile.toFile(), "ntm4j-task");
        assertTrue(Files.exists(marker), "DL4J's getObjectFromFile deserializes it: the payload is live");
    }

    @Test
    void aSerializedObjectInTheTaskEntryIsRefusedEvenBesideTheMetadata() throws IOException {
        Path hostile = ModelZips.with(genuine, dir.resolve("both.zip"), ModelEntries.LEGACY_TASK,
                ModelZips.serialized(new HostilePayload(marker)));
        assertTrue(ModelZips.entries(hostile).containsKey(ModelEntries.METADATA));
        assertOneLineNaming(refused(hostile), ModelEntries.LEGACY_TASK, "serialized Java object");
        assertFalse(Files.exists(marker), "the payload's readObject ran");
    }

    @Test
    void anyOtherObjectEntryIsRefusedByName() throws IOException {
        Path hostile = ModelZips.with(genuine, dir.resolve("hostile.zip"), "objects/evil", new byte[]{1});
        assertOneLineNaming(refused(hostile), "'objects/evil'");
    }

    @Test
    void entryNamesThatLeaveTheArchiveAreRefused() throws IOException {
        for (String name : new String[]{"../../evil.sh", "/etc/evil", "objects/..\\evil"}) {
            Path hostile = ModelZips.with(genuine, dir.resolve("traversal.zip"), name, new byte[]{1});
            assertOneLineNaming(refused(hostile), name, "outside the archive");
        }
    }

    @Test
    void aConfigurationNamingAForeignClassIsRefused() throws IOException {
        Path hostile = ModelZips.withConfiguration(genuine, dir.resolve("class.zip"),
                "org.nd4j.linalg.activations.impl.ActivationSigmoid", "java.net.URL");
        assertOneLineNaming(refused(hostile), "java.net.URL", "configuration.json");
    }

    @Test
    void aDuplicatedEntryIsRefused() throws IOException {
        // ZipOutputStream will not write a name twice, so write a near-twin and patch its name in the bytes.
        Map<String, byte[]> entries = ModelZips.entries(genuine);
        entries.put("configuratioX.json", entries.get(ModelEntries.CONFIGURATION));
        byte[] zip = Files.readAllBytes(ModelZips.write(dir.resolve("twin.zip"), entries));
        String latin = new String(zip, StandardCharsets.ISO_8859_1).replace("configuratioX.json", "configuration.json");
        Path dup = Files.write(dir.resolve("dup.zip"), latin.getBytes(StandardCharsets.ISO_8859_1));
        assertOneLineNaming(refused(dup), "configuration.json", "twice");
    }

    // ------------------------------------------------------------------ files that would exhaust memory

    @Test
    void aZipBombStopsAtTheEntryLimit() throws IOException {
        byte[] json = ModelZips.entries(genuine).get(ModelEntries.CONFIGURATION);
        byte[] bomb = Arrays.copyOf(json, 5 << 20);   // valid JSON, then 5 MiB of zeros: deflates to a few KB
        Arrays.fill(bomb, json.length, bomb.length, (byte) ' ');
        Path file = ModelZips.with(genuine, dir.resolve("bomb.zip"), ModelEntries.CONFIGURATION, bomb);
        assertTrue(Files.size(file) < 200_000, "the bomb is small on disk");

        assertOneLineNaming(refused(file), "configuration.json", "more than " + (4 << 20) + " bytes",
                "maxConfigurationBytes");
        SafeModelLoader small = SafeModelLoader.builder().maxArrayBytes(1000).build();
        assertOneLineNaming(assertThrows(InvalidModelFileException.class,
                () -> small.restoreMultiLayerNetwork(genuine, false)), "coefficients.bin", "maxArrayBytes");
        SafeModelLoader total = SafeModelLoader.builder().maxTotalBytes(2000).build();
        assertOneLineNaming(assertThrows(InvalidModelFileException.class,
                () -> total.restoreMultiLayerNetwork(genuine, false)), "maxTotalBytes");
    }

    @Test
    void absurdDimensionsAreRefusedBeforeAnythingIsAllocated() throws IOException {
        Path rows = ModelZips.withConfiguration(genuine, dir.resolve("rows.zip"), "\"memoryRows\" : 6",
                "\"memoryRows\" : 1000000000");
        assertOneLineNaming(refused(rows), "1000000000 x 4", "maxMemoryElements");

        Path width = ModelZips.withConfiguration(genuine, dir.resolve("width.zip"), "\"memoryWidth\" : 4",
                "\"memoryWidth\" : -3");
        assertOneLineNaming(refused(width), "memoryWidth", "must be > 0");

        Path controller = ModelZips.withConfiguration(genuine, dir.resolve("h.zip"), "\"controllerSize\" : 5",
                "\"controllerSize\" : 2000000000");
        assertOneLineNaming(refused(controller), "coefficients.bin", "do not belong");
    }

    /**
     * An NtmLayer inside one of DL4J's wrappers (what {@code LastTimeStep}, {@code Bidirectional} and transfer
     * learning's frozen layers make) is checked as one on its own is: a wrapper does not let an absurd memory past.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LastTimeStep", "Bidirectional", "FrozenLayer", "FrozenLayerWithBackprop"})
    void anNtmInsideAWrapperIsCheckedToo(String wrapper) throws IOException {
        org.deeplearning4j.nn.conf.layers.Layer wrapped = switch (wrapper) {
            case "LastTimeStep" -> new LastTimeStep(ntm());
            case "Bidirectional" -> new Bidirectional(Bidirectional.Mode.ADD, ntm());
            case "FrozenLayer" -> new FrozenLayer(ntm());
            default -> new FrozenLayerWithBackprop(ntm());
        };
        boolean sequence = !wrapper.equals("LastTimeStep");
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-2)).list()
                .layer(wrapped)
                .layer(sequence ? new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).nOut(X).build()
                        : new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(X).build())
                .setInputType(InputType.recurrent(X))
                .build();
        MultiLayerNetwork wrappedNet = new MultiLayerNetwork(conf);
        wrappedNet.init();
        Path file = dir.resolve(wrapper + ".zip");
        ModelFileWriter.write(wrappedNet, file, false, ModelMetadata.of("copy", null));
        assertEquals(wrappedNet.params(), LOADER.restoreMultiLayerNetwork(file, false).params(), "it loads as it is");

        String json = new String(ModelZips.entries(file).get(ModelEntries.CONFIGURATION), StandardCharsets.UTF_8);
        int copies = json.split("\"memoryRows\" : 6", -1).length - 1;
        assertEquals(wrapper.equals("Bidirectional") ? 2 : 1, copies, json);
        Path rows = ModelZips.withConfiguration(file, dir.resolve(wrapper + "-rows.zip"), "\"memoryRows\" : 6",
                "\"memoryRows\" : 1000000000");
        assertOneLineNaming(refused(rows), "layer 0", wrapper, "1000000000 x 4", "maxMemoryElements");
    }

    /** The same for a graph whose NtmLayer vertex is inside a {@code FrozenVertex}. */
    @Test
    void anNtmInsideAFrozenVertexIsCheckedToo() throws IOException {
        ComputationGraphConfiguration conf = graphConf();
        conf.getVertices().put("ntm", new FrozenVertex(conf.getVertices().get("ntm")));
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Path file = dir.resolve("frozen-vertex.zip");
        ModelFileWriter.write(graph, file, false, ModelMetadata.of("copy", null));
        assertEquals(graph.params(), LOADER.restoreComputationGraph(file, false).params(), "it loads as it is");

        Path rows = ModelZips.withConfiguration(file, dir.resolve("frozen-vertex-rows.zip"), "\"memoryRows\" : 6",
                "\"memoryRows\" : 1000000000");
        assertOneLineNaming(assertThrows(InvalidModelFileException.class,
                () -> LOADER.restoreComputationGraph(rows, false)), "vertex 'ntm' (inside FrozenVertex)",
                "1000000000 x 4", "maxMemoryElements");
    }

    // ------------------------------------------------------------------ broken files

    @Test
    void truncatedCoefficientsAreRefused() throws IOException {
        byte[] coefficients = ModelZips.entries(genuine).get(ModelEntries.COEFFICIENTS);
        Path half = ModelZips.with(genuine, dir.resolve("half.zip"), ModelEntries.COEFFICIENTS,
                Arrays.copyOf(coefficients, coefficients.length / 2));
        assertOneLineNaming(refused(half), "coefficients.bin", "truncated");
        Path header = ModelZips.with(genuine, dir.resolve("header.zip"), ModelEntries.COEFFICIENTS,
                Arrays.copyOf(coefficients, 20));
        assertOneLineNaming(refused(header), "coefficients.bin", "truncated");
    }

    @Test
    void aHeaderClaimingMoreValuesThanTheBytesHoldIsRefusedWithoutAllocating() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(6);
        out.writeUTF("LONG");
        for (long v : new long[]{1, 2_000_000_000L, 1, 8192, 1, 'c'}) {
            out.writeLong(v);
        }
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(2_000_000_000L);
        out.writeUTF("FLOAT");
        out.writeFloat(1f);
        Path file = ModelZips.with(genuine, dir.resolve("claim.zip"), ModelEntries.COEFFICIENTS, bytes.toByteArray());
        assertOneLineNaming(refused(file), "coefficients.bin", "truncated");
    }

    @Test
    void parametersFromAnotherModelAreRefused() throws IOException {
        MultiLayerNetwork bigger = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new NtmLayer.Builder().nIn(X).memory(6, 4).controllerSize(9).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(X).build())
                .setInputType(InputType.recurrent(X)).build());
        bigger.init();
        Path biggerFile = dir.resolve("bigger.zip");
        ModelFileWriter.write(bigger, biggerFile, false, ModelMetadata.of("copy", null));
        Path mixed = ModelZips.with(genuine, dir.resolve("mixed.zip"), ModelEntries.COEFFICIENTS,
                ModelZips.entries(biggerFile).get(ModelEntries.COEFFICIENTS));
        assertOneLineNaming(refused(mixed), "coefficients.bin", "do not belong");
    }

    @Test
    void updaterStateOfTheWrongSizeIsRefusedButTheModelLoadsWithoutIt() throws IOException {
        Path wrong = ModelZips.with(genuine, dir.resolve("upd.zip"), ModelEntries.UPDATER_STATE,
                ModelZips.entries(genuine).get(ModelEntries.COEFFICIENTS));
        assertOneLineNaming(refused(wrong), "updaterState.bin", "without the updater state");
        assertEquals(net.params(), LOADER.restoreMultiLayerNetwork(wrong, false).params());
    }

    @Test
    void aNanParameterIsRefused() throws IOException {
        byte[] coefficients = ModelZips.entries(genuine).get(ModelEntries.COEFFICIENTS);
        ByteBuffer.wrap(coefficients).putFloat(coefficients.length - 4, Float.NaN);
        Path nan = ModelZips.with(genuine, dir.resolve("nan.zip"), ModelEntries.COEFFICIENTS, coefficients);
        assertOneLineNaming(refused(nan), "coefficients.bin", "NaN", "finite");
    }

    @Test
    void filesThatAreNotModelsAreRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("text.zip"), "hello");
        assertOneLineNaming(refused(text), "not a model file");
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);
        assertOneLineNaming(refused(empty), "not a model file");
        assertOneLineNaming(refused(dir.resolve("missing.zip")), "does not exist");
        Map<String, byte[]> entries = ModelZips.entries(genuine);
        entries.remove(ModelEntries.CONFIGURATION);
        assertOneLineNaming(refused(ModelZips.write(dir.resolve("noconf.zip"), entries)), "no configuration.json");
        Path notJson = ModelZips.with(genuine, dir.resolve("nojson.zip"), ModelEntries.CONFIGURATION,
                "{not json".getBytes(StandardCharsets.UTF_8));
        assertOneLineNaming(refused(notJson), "configuration.json", "not valid JSON");
        byte[] zip = Files.readAllBytes(genuine);
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(zip, zip.length / 3));
        assertOneLineNaming(refused(cut), "truncated");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutRecursion() throws IOException {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Path file = ModelZips.with(genuine, dir.resolve("deep.zip"), ModelEntries.CONFIGURATION,
                deep.getBytes(StandardCharsets.UTF_8));
        assertOneLineNaming(refused(file), "nests deeper");
    }

    @Test
    void aFileFromANewerFormatIsRefusedWithTheFix() throws IOException {
        Path newer = ModelZips.with(genuine, dir.resolve("newer.zip"), ModelEntries.METADATA,
                ModelMetadata.of("copy", null).with(ModelMetadata.KEY_FORMAT, "99").toJson());
        assertOneLineNaming(refused(newer), "format 99", "upgrade NTM4J");
        Path junk = ModelZips.with(genuine, dir.resolve("junk.zip"), ModelEntries.METADATA,
                "{\"task\": {\"nested\": 1}}".getBytes(StandardCharsets.UTF_8));
        assertOneLineNaming(refused(junk), ModelEntries.METADATA);
    }

    @Test
    void impossibleLimitsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeModelLoader.builder().maxArrayBytes(0));
        assertTrue(e.getMessage().contains("maxArrayBytes"));
    }

    @Test
    void aStreamLoadsLikeAFile() throws IOException {
        MultiLayerNetwork restored = LOADER.restoreMultiLayerNetwork(
                new ByteArrayInputStream(Files.readAllBytes(genuine)), true);
        assertArrayEquals(net.params().toFloatVector(), restored.params().toFloatVector());
    }
}
