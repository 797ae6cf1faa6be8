package io.github.ntm4j.layer;

import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NtmLayer inside DL4J networks: serialisation, streaming, TBPTT, masks, graphs, wrappers, formats.
 * Runs on the fused CPU path; {@link SameDiffPathNetworkTest} runs the same tests on the portable path.
 */
class NtmLayerNetworkTest {
    static final double EXACT = 1e-12;

    /** True to run on the fused CPU path, false for the portable SameDiff path. */
    boolean fusedPath() {
        return true;
    }

    NtmLayer.Builder small() {
        return NtmTestNets.small().fusedCpuPath(fusedPath());
    }

    static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tol, what + ": max |difference| " + diff + " > " + tol);
    }

    @Test
    void everyHyperParameterSurvivesJsonAndJavaSerialisation() throws Exception {
        NtmLayer layer = new NtmLayer.Builder().nIn(4).memory(7, 3).controllerSize(6).controller(ControllerType.LSTM)
                .controllerActivation(NtmActivation.TANH).readHeads(2).writeHeads(3).shiftRange(2)
                .keyActivation(NtmActivation.SIGMOID).addActivation(NtmActivation.HARD_SIGMOID)
                .initialMemoryValue(0.25).learnInitialState(true).checkInputFinite(true).lstmForgetBiasInit(2.0)
                .dataFormat(RNNFormat.NWC).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list().layer(layer)
                .layer(new RnnOutputLayer.Builder().nOut(2).dataFormat(RNNFormat.NWC).build()).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf.toJson(), back.toJson());
        NtmLayer restored = (NtmLayer) back.getConf(0).getLayer();
        assertEquals(layer, restored);
        assertEquals(ControllerType.LSTM, restored.getController());
        assertEquals(3, restored.getWriteHeads());
        assertEquals(0.25, restored.getInitialMemoryValue());
        assertEquals(NtmActivation.HARD_SIGMOID, restored.getAddActivation());
        assertEquals(6 + 2 * 3, restored.getNOut());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(conf);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(conf, in.readObject());
        }
    }

    @Test
    void modelSerializerRoundTripKeepsParamsUpdaterStateAndTraining(@TempDir File dir) throws Exception {
        MultiLayerNetwork net = NtmTestNets.net(small().learnInitialState(true).build(), new Adam(1e-2),
                RNNFormat.NCW, 3);
        DataSet ds = new DataSet(NtmTestNets.input(1, 2, 5), NtmTestNets.labels(2, 2, 5));
        net.fit(ds);
        net.fit(ds);
        File file = new File(dir, "ntm.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertEquals(net.getLayerWiseConfigurations().toJson(), restored.getLayerWiseConfigurations().toJson());
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertEquals(net.output(ds.getFeatures()), restored.output(ds.getFeatures()));
        net.fit(ds);
        restored.fit(ds);
        assertEquals(net.params(), restored.params(), "training continues identically after restore");
    }

    @Test
    void rnnTimeStepInChunksEqualsTheFullPass() {
        for (ControllerType controller : ControllerType.values()) {
            MultiLayerNetwork net = NtmTestNets.net(small().controller(controller).build());
            int steps = 6;
            INDArray input = NtmTestNets.input(4, 2, steps);
            INDArray full = net.output(input);
            for (int chunk : new int[]{1, 2, 3}) {
                net.rnnClearPreviousState();
                for (int t = 0; t < steps; t += chunk) {
                    INDArray part = input.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + chunk));
                    INDArray out = net.rnnTimeStep(part);
                    assertClose(full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + chunk)),
                            out, EXACT, controller + " chunk " + chunk + " at t=" + t);
                }
            }
            Map<String, INDArray> state = net.rnnGetPreviousState(0);
            assertEquals(controller == ControllerType.LSTM ? 5 : 3, state.size(), "state keys " + state.keySet());
            assertNotNull(state.get(NtmState.STATE_KEY_MEMORY));
        }
    }

    @Test
    void truncatedBpttWithSegmentAsLongAsTheSequenceEqualsFullBptt() {
        int steps = 6;
        DataSet ds = new DataSet(NtmTestNets.input(5, 2, steps), NtmTestNets.labels(6, 2, steps));
        MultiLayerNetwork full = tbpttNet(BackpropType.Standard, steps);
        MultiLayerNetwork truncated = tbpttNet(BackpropType.TruncatedBPTT, steps);
        assertEquals(full.params(), truncated.params());
        full.fit(ds);
        truncated.fit(ds);
        assertClose(full.params(), truncated.params(), EXACT, "params after one update");
    }

    @Test
    void truncatedBpttCarriesTheStateFromSegmentToSegment() {
        int steps = 6;
        INDArray input = NtmTestNets.input(5, 2, steps);
        MultiLayerNetwork net = tbpttNet(BackpropType.TruncatedBPTT, 2);
        INDArray full = net.output(input);
        net.rnnClearPreviousState();
        for (int t = 0; t < steps; t += 2) {
            INDArray seg = input.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 2));
            INDArray out = net.rnnActivateUsingStoredState(seg, false, true).get(2);
            net.updateRnnStateWithTBPTTState();
            assertClose(full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 2)), out, EXACT,
                    "segment at t=" + t);
        }
        // And training with segments of 2 runs and changes the parameters.
        INDArray before = net.params().dup();
        net.fit(new DataSet(input, NtmTestNets.labels(6, 2, steps)));
        assertTrue(before.sub(net.params()).amaxNumber().doubleValue() > 0);
    }

    private MultiLayerNetwork tbpttNet(BackpropType type, int length) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).dataType(DataType.DOUBLE)
                .updater(new RmsProp(1e-2)).list()
                .layer(small().build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(NtmTestNets.Y).build())
                .setInputType(InputType.recurrent(NtmTestNets.X))
                .backpropType(type).tBPTTForwardLength(length).tBPTTBackwardLength(length)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void aPaddedExampleGivesExactlyWhatItGivesAlone() {
        MultiLayerNetwork net = NtmTestNets.net(small().build());
        int length = 3;
        int padded = 6;
        INDArray alone = NtmTestNets.input(11, 1, length);
        INDArray labelsAlone = NtmTestNets.labels(12, 1, length);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 1, NtmTestNets.X, padded).muli(5);  // garbage in the padding
        input.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, length)).assign(alone);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 1, NtmTestNets.Y, padded);
        labels.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, length)).assign(labelsAlone);
        INDArray mask = NtmTestNets.mask(padded, length);

        INDArray outAlone = net.output(alone);
        INDArray outPadded = net.output(input, false, mask, null);
        assertClose(outAlone, outPadded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, length)),
                EXACT, "outputs on the real steps");
        // Through the network: the NTM outputs zero on padding, so the output layer gives sigmoid(b) there.
        INDArray bias = net.getLayer(1).getParam("b");
        INDArray expectedPad = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(bias, true).reshape(1, NtmTestNets.Y, 1)
                .repeat(2, padded - length);
        assertClose(expectedPad, outPadded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(length, padded)),
                EXACT, "network output on padded steps");
        org.deeplearning4j.nn.api.Layer ntm = net.getLayer(0);
        ntm.setMaskArray(mask);
        INDArray ntmOut = ntm.activate(input, false, LayerWorkspaceMgr.noWorkspaces());
        ntm.setMaskArray(null);
        assertEquals(0.0, ntmOut.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(length, padded))
                .amaxNumber().doubleValue(), "padded steps output zero");

        net.setInput(alone);
        net.setLabels(labelsAlone);
        net.computeGradientAndScore();
        INDArray gradAlone = net.gradient().gradient().dup();
        double scoreAlone = net.score();
        net.setInput(input);
        net.setLabels(labels);
        net.setLayerMaskArrays(mask, mask);
        net.computeGradientAndScore();
        assertClose(gradAlone, net.gradient().gradient(), EXACT, "parameter gradients");
        assertEquals(scoreAlone, net.score(), 1e-12);
        net.clearLayerMaskArrays();
    }

    @Test
    void computationGraphEqualsMultiLayerNetwork() {
        MultiLayerNetwork mln = NtmTestNets.net(small().readHeads(2).build());
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("ntm", small().readHeads(2).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(NtmTestNets.Y).build(), "ntm")
                .setOutputs("out").setInputTypes(InputType.recurrent(NtmTestNets.X)).build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        cg.setParams(mln.params());
        INDArray input = NtmTestNets.input(13, 3, 5);
        INDArray labels = NtmTestNets.labels(14, 3, 5);
        INDArray mask = NtmTestNets.mask(5, 5, 2, 4);
        assertClose(mln.output(input, false, mask, null), cg.output(false, new INDArray[]{input}, new INDArray[]{mask})[0],
                EXACT, "outputs");

        mln.setInput(input);
        mln.setLabels(labels);
        mln.setLayerMaskArrays(mask, mask);
        mln.computeGradientAndScore();
        cg.setInputs(input);
        cg.setLabels(labels);
        cg.setLayerMaskArrays(new INDArray[]{mask}, new INDArray[]{mask});
        cg.computeGradientAndScore();
        assertClose(mln.gradient().gradient(), cg.gradient().gradient(), EXACT, "gradients");
        assertEquals(mln.score(), cg.score(), 1e-12);
    }

    @Test
    void nwcDataGivesThePermutedNcwResult() {
        MultiLayerNetwork ncw = NtmTestNets.net(small().build(), new NoOp(), RNNFormat.NCW, 1);
        MultiLayerNetwork nwc = NtmTestNets.net(small().dataFormat(RNNFormat.NWC).build(), new NoOp(),
                RNNFormat.NWC, 1);
        nwc.setParams(ncw.params());
        INDArray input = NtmTestNets.input(15, 2, 4);
        assertClose(ncw.output(input).permute(0, 2, 1), nwc.output(input.permute(0, 2, 1).dup('c')), EXACT, "outputs");
    }

    @Test
    void worksInsideLastTimeStepForSequenceClassification() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).list()
                .layer(new LastTimeStep(small().build()))
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build())
                .setInputType(InputType.recurrent(NtmTestNets.X)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray input = NtmTestNets.input(16, 3, 5);
        INDArray mask = NtmTestNets.mask(5, 5, 3, 1);
        INDArray labels = Nd4j.create(new double[][]{{1, 0}, {0, 1}, {1, 0}});
        INDArray out = net.output(input, false, mask, null);
        assertEquals(3, out.size(0));
        assertEquals(2, out.size(1));
        INDArray before = net.params().dup();
        DataSet ds = new DataSet(input, labels, mask, null);
        net.fit(ds);
        assertTrue(before.sub(net.params()).amaxNumber().doubleValue() > 0, "training changed the parameters");
    }

    @Test
    void layerLevelSetParamsOfItsOwnParamsChangesNothing() {
        // DL4J's Layer.setParams slices the flat vector and reshapes each slice in 'f' order, as its own
        // param initializers lay parameters out; a layer whose views were 'c' would be scrambled here.
        MultiLayerNetwork net = NtmTestNets.net(small().controller(ControllerType.LSTM).learnInitialState(true).build());
        INDArray input = NtmTestNets.input(20, 2, 4);
        INDArray before = net.output(input);
        Map<String, INDArray> table = new java.util.LinkedHashMap<>();
        net.getLayer(0).paramTable().forEach((k, v) -> table.put(k, v.dup()));
        net.getLayer(0).setParams(net.getLayer(0).params().dup());
        net.getLayer(0).paramTable().forEach((k, v) -> assertEquals(table.get(k), v, k));
        assertEquals(before, net.output(input));
    }

    @Test
    void worksInsideBidirectional() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list()
                .layer(new Bidirectional(Bidirectional.Mode.CONCAT, small().build()))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(NtmTestNets.Y).build())
                .setInputType(InputType.recurrent(NtmTestNets.X)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray input = NtmTestNets.input(18, 2, 4);
        INDArray out = net.feedForward(input).get(1);
        assertEquals(2 * small().build().getNOut(), out.size(1), "forward and backward outputs concatenated");
        // The backward half is the same NTM run on the time-reversed input, reversed back.
        MultiLayerNetwork single = NtmTestNets.net(small().build());
        Map<String, INDArray> both = net.getLayer(0).paramTable();        // "f" + key forward, "b" + key backward
        for (String key : single.getLayer(0).paramTable().keySet()) {
            single.getLayer(0).paramTable().get(key).assign(both.get("b" + key));
        }
        INDArray reversed = org.deeplearning4j.util.TimeSeriesUtils.reverseTimeSeries(input,
                LayerWorkspaceMgr.noWorkspaces(), org.deeplearning4j.nn.workspace.ArrayType.INPUT);
        INDArray expected = org.deeplearning4j.util.TimeSeriesUtils.reverseTimeSeries(
                single.feedForward(reversed).get(1), LayerWorkspaceMgr.noWorkspaces(),
                org.deeplearning4j.nn.workspace.ArrayType.INPUT);
        long nOut = small().build().getNOut();
        MultiLayerNetwork fwdOnly = NtmTestNets.net(small().build());
        for (String key : fwdOnly.getLayer(0).paramTable().keySet()) {
            fwdOnly.getLayer(0).paramTable().get(key).assign(both.get("f" + key));
        }
        assertClose(fwdOnly.feedForward(input).get(1), out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, nOut),
                NDArrayIndex.all()), EXACT, "forward direction");
        assertClose(expected, out.get(NDArrayIndex.all(), NDArrayIndex.interval(nOut, 2 * nOut), NDArrayIndex.all()),
                EXACT, "backward direction");
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(NtmTestNets.labels(19, 2, 4)).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)),
                "gradient check through Bidirectional");
    }

    /**
     * γ = 1 + softplus is unbounded. Written as powers, (ws + ε)^γ underflows to 0 in every row once γ is
     * large, and the normalisation is 0/0 (a trained Dyck-word model hit this on long words).
     */
    /**
     * DL4J's transfer learning: the trained NTM frozen as a feature extractor under a new output layer of another
     * size. Its parameters do not move while the new layer trains, its outputs are the original network's, and the
     * frozen network saves and loads like any other.
     */
    @Test
    void transferLearningFreezesTheNtmUnderANewOutputLayer(@TempDir File dir) throws Exception {
        MultiLayerNetwork trained = NtmTestNets.net(small().build(), new Adam(1e-2), RNNFormat.NCW, 5);
        INDArray in = NtmTestNets.input(1, 2, 6);
        trained.fit(new DataSet(in, NtmTestNets.labels(2, 2, 6)));
        INDArray ntmParams = trained.getLayer(0).params().dup();
        INDArray features = trained.feedForwardToLayer(0, in).get(1).dup();

        MultiLayerNetwork tuned = new TransferLearning.Builder(trained)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-2)).seed(7).build())
                .setFeatureExtractor(0)
                .removeOutputLayer()
                .addLayer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(trained.getLayer(1).getParam("W").rows()).nOut(2).build())
                .build();
        assertTrue(tuned.getLayer(0) instanceof FrozenLayer, tuned.getLayer(0).getClass().getName());
        assertClose(features, tuned.feedForwardToLayer(0, in).get(1), EXACT, "the frozen NTM's output");

        INDArray twoClasses = Nd4j.zeros(DataType.DOUBLE, 2, 2, 6);
        twoClasses.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).assign(1);
        INDArray outBefore = tuned.getLayer(1).params().dup();
        for (int i = 0; i < 3; i++) {
            tuned.fit(new DataSet(in, twoClasses));
        }
        assertEquals(ntmParams, tuned.getLayer(0).params(), "the frozen NTM did not train");
        assertFalse(outBefore.equalsWithEps(tuned.getLayer(1).params(), 1e-9), "the new output layer trained");

        File file = new File(dir, "tuned.zip");
        ModelSerializer.writeModel(tuned, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(tuned.params(), restored.params());
        assertClose(tuned.output(in), restored.output(in), EXACT, "the restored network's output");
    }

    /** The same in a {@code ComputationGraph}: the NTM vertex frozen, a new output vertex trained, save and load. */
    @Test
    void graphTransferLearningFreezesTheNtmVertex(@TempDir File dir) throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("in")
                .addLayer("ntm", small().build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(NtmTestNets.Y).build(), "ntm")
                .setOutputs("out").setInputTypes(InputType.recurrent(NtmTestNets.X)).build();
        ComputationGraph trained = new ComputationGraph(conf);
        trained.init();
        INDArray in = NtmTestNets.input(1, 2, 6);
        trained.fit(new DataSet(in, NtmTestNets.labels(2, 2, 6)));
        INDArray ntmParams = trained.getLayer("ntm").params().dup();

        ComputationGraph tuned = new TransferLearning.GraphBuilder(trained)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-2)).seed(7).build())
                .setFeatureExtractor("ntm")
                .removeVertexAndConnections("out")
                // The data format spelled out: TransferLearning.GraphBuilder does not infer it for an added layer
                // (the same with DL4J's LSTM in the NTM's place: "Sequence lengths do not match" on fit)
                .addLayer("classes", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(trained.getLayer("out").getParam("W").rows()).nOut(2)
                        .dataFormat(RNNFormat.NCW).build(), "ntm")
                .setOutputs("classes")
                .build();
        INDArray twoClasses = Nd4j.zeros(DataType.DOUBLE, 2, 2, 6);
        twoClasses.get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all()).assign(1);
        for (int i = 0; i < 3; i++) {
            tuned.fit(new DataSet(in, twoClasses));
        }
        // TransferLearning.GraphBuilder builds the new graph in float (DL4J's LSTM in the NTM's place: the same), so
        // the frozen parameters are the trained ones cast to float
        INDArray frozen = tuned.getLayer("ntm").params();
        assertEquals(ntmParams.castTo(frozen.dataType()), frozen, "the frozen NTM did not train");

        File file = new File(dir, "tuned-graph.zip");
        ModelSerializer.writeModel(tuned, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertClose(tuned.outputSingle(in), restored.outputSingle(in), EXACT, "the restored graph's output");
    }

    @Test
    void aVeryLargeSharpeningStaysFinite() {
        NtmLayer conf = small().build();
        MultiLayerNetwork net = NtmTestNets.net(conf, new Adam(1e-3), org.deeplearning4j.nn.conf.RNNFormat.NCW, 3);
        NtmDimensions d = NtmDimensions.of(conf);
        INDArray headBias = net.getLayer(0).getParam(NtmParams.HEAD_BIAS);
        for (int i = 0; i < d.headCount(); i++) {
            HeadLayout head = d.head(i);
            headBias.putScalar(head.offset() + head.gamma(), 2000.0);   // γ ≈ 2001: 0.2^2001 underflows
        }
        NtmRecurrentLayer layer = (NtmRecurrentLayer) net.getLayer(0);
        layer.setInspection(true);
        INDArray input = NtmTestNets.input(23, 2, 6);
        INDArray out = net.output(input);
        assertFalse(out.isNaN().any() || out.isInfinite().any(), "outputs finite: " + out);
        assertTrue(layer.getLastTrace().sharpening.minNumber().doubleValue() > 1999, "γ is that large");
        INDArray sums = layer.getLastTrace().weightings.sum(2);
        assertClose(Nd4j.ones(DataType.DOUBLE, sums.shape()), sums, 1e-9, "each weighting still sums to 1");
        net.fit(input, NtmTestNets.labels(23, 2, 6));
        assertTrue(Double.isFinite(net.score()), "loss finite: " + net.score());
        assertFalse(net.params().isNaN().any(), "parameters finite after an update");
    }

    @Test
    void inspectionRecordsTheHeadsOnlyWhenSwitchedOn() {
        MultiLayerNetwork net = NtmTestNets.net(small().readHeads(2).build());
        NtmRecurrentLayer layer = (NtmRecurrentLayer) net.getLayer(0);
        INDArray input = NtmTestNets.input(17, 2, 4);
        net.output(input);
        assertNull(layer.getLastTrace(), "no trace when inspection is off");
        layer.setInspection(true);
        INDArray out = net.output(input);
        var trace = layer.getLastTrace();
        assertNotNull(trace);
        assertEquals(4, trace.steps());
        assertEquals(3, trace.weightings.size(1), "2 read + 1 write heads");
        INDArray sums = trace.weightings.sum(2);                                  // [B, heads, T]
        assertClose(Nd4j.ones(DataType.DOUBLE, sums.shape()), sums, 1e-12, "each weighting sums to 1");
        assertClose(Nd4j.ones(DataType.DOUBLE, 2, 3, 4), trace.shift.sum(2), 1e-12, "each shift sums to 1");
        assertTrue(trace.sharpening.minNumber().doubleValue() >= 1.0, "γ >= 1");
        assertTrue(trace.gate.minNumber().doubleValue() > 0 && trace.gate.maxNumber().doubleValue() < 1, "0 < g < 1");
        // The read vector in the output is the weighted sum of the memory before the step.
        INDArray w = trace.weightings.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(2));
        INDArray mPrev = trace.memory.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1));
        INDArray read = w.reshape(1, 5).mmul(mPrev);
        INDArray hidden = net.feedForward(input).get(1);
        assertClose(read, hidden.get(NDArrayIndex.point(0), NDArrayIndex.interval(4, 7), NDArrayIndex.point(2)).reshape(1, 3),
                1e-12, "r_1 at t=2 from the trace");
        assertNotNull(out);
    }
}
