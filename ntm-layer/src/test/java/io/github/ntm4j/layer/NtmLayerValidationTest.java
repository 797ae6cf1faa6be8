package io.github.ntm4j.layer;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets an exception whose message names the problem and the expected value. */
class NtmLayerValidationTest {

    /** Asserts that {@code call} throws, somewhere in its cause chain, an exception whose message has every fragment. */
    static void assertFailsWith(Executable call, String... fragments) {
        Throwable t = assertThrows(Throwable.class, call);
        StringBuilder messages = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            messages.append(c.getMessage()).append(" | ");
            boolean all = true;
            for (String f : fragments) {
                all &= c.getMessage() != null && c.getMessage().contains(f);
            }
            if (all) {
                assertTrue(c instanceof IllegalArgumentException || c instanceof IllegalStateException,
                        "expected an IllegalArgument/IllegalState exception, got " + c);
                return;
            }
        }
        throw new AssertionError("no message contains " + String.join(", ", fragments) + ": " + messages);
    }

    @Test
    void rank2AndRank4InputAreRejected() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        assertFailsWith(() -> net.getLayer(0).activate(Nd4j.rand(DataType.DOUBLE, 2, 3), false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()), "rank-3", "got rank 2");
        assertFailsWith(() -> net.getLayer(0).activate(Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5), false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()), "rank-3", "got rank 4");
    }

    @Test
    void nInMismatchIsRejected() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        assertFailsWith(() -> net.output(Nd4j.rand(DataType.DOUBLE, 2, 5, 4)), "5 features", "nIn=3");
    }

    @Test
    void maskOfTheWrongShapeIsRejected() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        INDArray input = NtmTestNets.input(1, 2, 4);
        assertFailsWith(() -> net.output(input, false, Nd4j.ones(DataType.DOUBLE, 2, 3), null),
                "feature mask has shape [2, 3]", "[minibatch=2, timeSteps=4]");
    }

    @Test
    void impossibleHyperParametersAreRejected() {
        assertFailsWith(() -> NtmTestNets.small().memory(0, 3).build(), "memoryRows", "> 0", "got 0");
        assertFailsWith(() -> NtmTestNets.small().memory(5, -1).build(), "memoryWidth", "got -1");
        assertFailsWith(() -> NtmTestNets.small().controllerSize(0).build(), "controllerSize");
        assertFailsWith(() -> NtmTestNets.small().readHeads(0).build(), "readHeads");
        assertFailsWith(() -> NtmTestNets.small().writeHeads(-2).build(), "writeHeads");
        assertFailsWith(() -> NtmTestNets.small().shiftRange(-1).build(), "shiftRange must be >= 0");
        assertFailsWith(() -> NtmTestNets.small().memory(4, 3).shiftRange(2).build(), "shiftRange 2", "only 4 rows",
                "shiftRange <= 1");
        assertFailsWith(() -> NtmTestNets.small().nOut(10).build(), "nOut is derived", "= 7", "nOut(10)");
        assertEquals(7, NtmTestNets.small().nOut(7).build().getNOut(), "nOut equal to the derived value is allowed");
    }

    @Test
    void nanAndInfinityInTheInputAreRefusedByDefault() {
        INDArray input = NtmTestNets.input(2, 2, 4);
        input.putScalar(1, 2, 3, Double.NaN);
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        assertFailsWith(() -> net.output(input), "NaN", "example 1, feature 2, time step 3", "checkInputFinite(false)");
        input.putScalar(1, 2, 3, Double.POSITIVE_INFINITY);
        assertFailsWith(() -> net.output(input), "Infinity", "example 1, feature 2, time step 3");
        input.putScalar(1, 2, 3, 0.0);
        input.putScalar(0, 1, 2, Double.NEGATIVE_INFINITY);
        assertFailsWith(() -> net.rnnTimeStep(input), "-Infinity", "example 0, feature 1, time step 2");
    }

    @Test
    void theFirstBadPositionIsNamedInTheUsersOwnOrderForNwcData() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build(), new NoOp(), RNNFormat.NWC, 1);
        INDArray nwc = NtmTestNets.input(2, 2, 4).permute(0, 2, 1).dup('c');   // [B, T, X]
        nwc.putScalar(1, 3, 0, Double.NaN);
        nwc.putScalar(1, 2, 2, Double.NaN);
        assertFailsWith(() -> net.output(nwc), "example 1, feature 2, time step 2");
    }

    @Test
    void finiteValuesWhoseSumOverflowsAreAccepted() {
        // The scan's fast path is one sum; a sum overflowing on finite values must not be taken for a bad value.
        INDArray input = Nd4j.zeros(DataType.FLOAT, 1, 3, 2);
        input.putScalar(0, 0, 0, Float.MAX_VALUE);
        input.putScalar(0, 1, 0, Float.MAX_VALUE);
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        assertEquals(3, net.getLayer(0).activate(input, false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).rank());
    }

    @Test
    void theScanCanBeSwitchedOffExplicitly() {
        INDArray input = NtmTestNets.input(2, 2, 4);
        input.putScalar(1, 2, 3, Double.NaN);
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().checkInputFinite(false).build());
        assertEquals(3, net.output(input).rank(), "an explicit opt-out runs on whatever it is given");
    }

    @Test
    void filesSavedWhenTheCheckWasOffByDefaultCheckAfterLoading() {
        MultiLayerConfiguration conf = NtmTestNets.net(NtmTestNets.small().build()).getLayerWiseConfigurations();
        String json = conf.toJson();
        assertTrue(json.contains("\"skipInputFiniteCheck\" : false"), json);
        assertTrue(!json.contains("\"checkInputFinite\""), "the legacy property is not written");
        // What files saved before the default changed hold: "checkInputFinite" : false, no skip property.
        String legacy = json.replace("\"skipInputFiniteCheck\" : false", "\"checkInputFinite\" : false");
        NtmLayer loaded = (NtmLayer) MultiLayerConfiguration.fromJson(legacy).getConf(0).getLayer();
        assertTrue(loaded.isCheckInputFinite(), "an old default of false is not an opt-out");
        NtmLayer legacyTrue = (NtmLayer) MultiLayerConfiguration.fromJson(
                json.replace("\"skipInputFiniteCheck\" : false", "\"checkInputFinite\" : true")).getConf(0).getLayer();
        assertTrue(legacyTrue.isCheckInputFinite());

        MultiLayerConfiguration optOut = NtmTestNets.net(NtmTestNets.small().checkInputFinite(false).build())
                .getLayerWiseConfigurations();
        String optOutJson = optOut.toJson();
        assertTrue(optOutJson.contains("\"skipInputFiniteCheck\" : true"), optOutJson);
        NtmLayer back = (NtmLayer) MultiLayerConfiguration.fromJson(optOutJson).getConf(0).getLayer();
        assertFalse(back.isCheckInputFinite(), "an explicit opt-out survives saving and loading");
        assertEquals(optOut.getConf(0).getLayer(), back);
    }

    @Test
    void aNonBinaryFeatureMaskIsRefused() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        INDArray input = NtmTestNets.input(1, 2, 4);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 2, 4);
        mask.putScalar(1, 2, 0.5);
        assertFailsWith(() -> net.output(input, false, mask, null), "feature mask holds 0.5", "example 1, time step 2",
                "0 (padding) or 1");
        mask.putScalar(1, 2, Double.NaN);
        assertFailsWith(() -> net.output(input, false, mask, null), "feature mask holds NaN");
        mask.putScalar(1, 2, -1);
        assertFailsWith(() -> net.output(input, false, mask, null), "feature mask holds -1.0");
        mask.putScalar(1, 2, 0);
        assertEquals(3, net.output(input, false, mask, null).rank(), "0 and 1 are accepted");
    }

    @Test
    void rnnSetPreviousStateWithWrongShapesIsRejected() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        Map<String, INDArray> state = new HashMap<>();
        state.put(NtmState.STATE_KEY_MEMORY, Nd4j.zeros(DataType.DOUBLE, 2, 5, 3));
        state.put(NtmState.STATE_KEY_WEIGHTINGS, Nd4j.zeros(DataType.DOUBLE, 2, 2, 4));
        state.put(NtmState.STATE_KEY_READS, Nd4j.zeros(DataType.DOUBLE, 2, 1, 3));
        assertFailsWith(() -> net.rnnSetPreviousState(0, state), "\"weightings\" has shape [2, 2, 4]", "[2, 2, 5]");
        state.remove(NtmState.STATE_KEY_WEIGHTINGS);
        assertFailsWith(() -> net.rnnSetPreviousState(0, state), "missing key \"weightings\"");
        state.put(NtmState.STATE_KEY_MEMORY, Nd4j.zeros(DataType.DOUBLE, 5, 3));
        assertFailsWith(() -> net.rnnSetPreviousState(0, state), "\"memory\"", "[minibatch, 5, 3]");
    }

    @Test
    void aStoredStateForAnotherMinibatchSizeIsRejected() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        net.rnnTimeStep(NtmTestNets.input(3, 2, 2));
        assertFailsWith(() -> net.rnnTimeStep(NtmTestNets.input(3, 3, 2)), "minibatch of 2", "3 examples",
                "rnnClearPreviousState()");
    }
}
