package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.Networks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ntm4j.examples.CliRun;
import io.github.ntm4j.examples.training.Selection;
import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmParams;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.PrioritySortTask;
import io.github.ntm4j.tasks.RepeatCopyTask;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.File;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** {@code train --init-from}: every weight lands on the channel of the same meaning, and nothing else is touched. */
class WarmStartTest {

    @Test
    void aCopyModelStartsRepeatCopyChannelByChannel() {
        MultiLayerNetwork copy = Networks.ntm(new CopyTask(CopyTask.Params.lasagne()), ControllerType.FEED_FORWARD, 1, 1e-3);
        MultiLayerNetwork repeat = Networks.ntm(new RepeatCopyTask(RepeatCopyTask.Params.lasagne()),
                ControllerType.FEED_FORWARD, 2, 1e-3);
        INDArray freshWc = repeat.getLayer(0).getParam(NtmParams.CONTROLLER_WEIGHTS).dup();
        INDArray freshW = repeat.getLayer(1).getParam("W").dup();
        INDArray freshB = repeat.getLayer(1).getParam("b").dup();

        WarmStart.apply(copy, "copy", repeat, "repeat-copy", 8);

        INDArray src = copy.getLayer(0).getParam(NtmParams.CONTROLLER_WEIGHTS);   // rows: 8 bits, delimiter, 20 reads
        INDArray dst = repeat.getLayer(0).getParam(NtmParams.CONTROLLER_WEIGHTS); // rows: 8 bits, count, delimiter, 20 reads
        assertEquals(29, src.rows());
        assertEquals(30, dst.rows());
        for (int r = 0; r < 8; r++) {
            assertEquals(src.getRow(r), dst.getRow(r), "bit " + r);
        }
        assertEquals(freshWc.getRow(8), dst.getRow(8), "the count channel keeps its fresh weights");
        assertEquals(src.getRow(8), dst.getRow(9), "copy's delimiter is repeat copy's delimiter");
        for (int r = 9; r < 29; r++) {
            assertEquals(src.getRow(r), dst.getRow(r + 1), "read input " + (r - 9));
        }
        for (String key : new String[]{NtmParams.CONTROLLER_BIAS, NtmParams.HEAD_WEIGHTS, NtmParams.HEAD_BIAS}) {
            assertEquals(copy.getLayer(0).getParam(key), repeat.getLayer(0).getParam(key), key);
        }
        INDArray w = repeat.getLayer(1).getParam("W");
        INDArray b = repeat.getLayer(1).getParam("b");
        for (int c = 0; c < 8; c++) {
            assertEquals(copy.getLayer(1).getParam("W").getColumn(c), w.getColumn(c), "output bit " + c);
            assertEquals(copy.getLayer(1).getParam("b").getDouble(c), b.getDouble(c), 0.0, "output bias " + c);
        }
        assertEquals(freshW.getColumn(8), w.getColumn(8), "the end marker's output keeps its fresh weights");
        assertEquals(freshB.getDouble(8), b.getDouble(8), 0.0);
    }

    @Test
    void aCopyModelStartsPrioritySortWithTheNewPriorityChannelFresh() {
        MultiLayerNetwork copy = Networks.ntm(new CopyTask(CopyTask.Params.lasagne()), ControllerType.FEED_FORWARD, 1, 1e-3);
        MultiLayerNetwork sort = Networks.ntm(new PrioritySortTask(PrioritySortTask.Params.paper()),
                ControllerType.FEED_FORWARD, 2, 1e-3);
        INDArray fresh = sort.getLayer(0).getParam(NtmParams.CONTROLLER_WEIGHTS).dup();

        WarmStart.apply(copy, "copy", sort, "priority-sort", 8);

        INDArray src = copy.getLayer(0).getParam(NtmParams.CONTROLLER_WEIGHTS);   // rows: 8 bits, delimiter, 20 reads
        INDArray dst = sort.getLayer(0).getParam(NtmParams.CONTROLLER_WEIGHTS);   // rows: 8 bits, priority, delimiter, 20 reads
        for (int r = 0; r < 8; r++) {
            assertEquals(src.getRow(r), dst.getRow(r), "bit " + r);
        }
        assertEquals(fresh.getRow(8), dst.getRow(8), "the priority channel keeps its fresh weights");
        assertEquals(src.getRow(8), dst.getRow(9), "copy's delimiter is priority sort's delimiter");
        for (int r = 9; r < 29; r++) {
            assertEquals(src.getRow(r), dst.getRow(r + 1), "read input " + (r - 9));
        }
        for (String key : new String[]{NtmParams.CONTROLLER_BIAS, NtmParams.HEAD_WEIGHTS, NtmParams.HEAD_BIAS}) {
            assertEquals(copy.getLayer(0).getParam(key), sort.getLayer(0).getParam(key), key);
        }
        assertEquals(copy.getLayer(1).getParam("W"), sort.getLayer(1).getParam("W"), "the same 8 outputs");
    }

    /**
     * The shipped copy-1-5 model into a repeat-copy network with two read heads: on a repeat-copy sequence whose
     * count channel is silent, the new network predicts the copy channels exactly as the model does, because the
     * second read head starts with no weight into the controller or the output layer.
     */
    @Test
    void anAddedReadHeadStartsWithoutChangingWhatTheModelComputes() {
        MultiLayerNetwork model = ModelFiles.loadResource(ShippedModels.named("copy-1-5").resource(), "copy");
        Networks.Shape twoReads = new Networks.Shape(100, 128, 20, 2, 1, false);
        MultiLayerNetwork repeat = Networks.ntm(new RepeatCopyTask(RepeatCopyTask.Params.lasagne()),
                ControllerType.LSTM, 3, new org.nd4j.linalg.learning.config.NoOp(), NtmActivation.RELU,
                NtmActivation.RELU, twoReads);
        WarmStart.apply(model, "copy", repeat, "repeat-copy", 8);

        java.util.List<io.github.ntm4j.tasks.Example> one = io.github.ntm4j.tasks.Examples.generate(
                new CopyTask(CopyTask.Params.lasagne().withLength(5)), 1, 7);
        INDArray x = io.github.ntm4j.tasks.Examples.toDataSet(one, model.getLayer(0).getParam(NtmParams.HEAD_WEIGHTS)
                .dataType()).getFeatures();                            // [1, 8 bits + delimiter, T]
        long steps = x.size(2);
        INDArray wider = org.nd4j.linalg.factory.Nd4j.zeros(x.dataType(), 1, 10, steps);
        wider.get(all(), interval(0, 8), all()).assign(x.get(all(), interval(0, 8), all()));
        wider.get(all(), point(9), all()).assign(x.get(all(), point(8), all()));   // copy's delimiter, count silent
        INDArray expected = model.output(x);
        INDArray actual = repeat.output(wider);
        assertEquals(0, expected.get(all(), interval(0, 8), all()).sub(actual.get(all(), interval(0, 8), all()))
                .amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void differentNetworksAndUnrelatedTasksAreRefused() {
        MultiLayerNetwork copy = Networks.ntm(new CopyTask(CopyTask.Params.lasagne()), ControllerType.FEED_FORWARD, 1, 1e-3);
        MultiLayerNetwork lstm = Networks.ntm(new RepeatCopyTask(RepeatCopyTask.Params.lasagne()),
                ControllerType.LSTM, 2, 1e-3);
        UsageException e = assertThrows(UsageException.class, () -> WarmStart.apply(copy, "copy", lstm, "repeat-copy", 8));
        assertTrue(e.getMessage().contains("the same NTM") && e.getMessage().contains("LSTM"), e.getMessage());
        e = assertThrows(UsageException.class, () -> WarmStart.apply(copy, "copy", lstm, "dyck", 8));
        assertTrue(e.getMessage().contains("works between copy, reversed-copy, repeat-copy and priority-sort, not dyck"), e.getMessage());
    }

    /** A recipe that starts repeat copy from the shipped copy-1-5 model, as {@code --init-from copy-1-5} asks. */
    private static Recipe fromCopy15(NtmActivation keys) {
        return new Recipe(Updater.GRAVES, 3e-4, 1, Controller.LSTM, keys, NtmActivation.RELU, 0.1, null, 0.01, 100,
                1, null, Selection.BIT_ERRORS, null, "copy-1-5");
    }

    @Test
    void aRecipeStartsItsNtmFromTheShippedModelItNames() {
        MultiLayerNetwork copy15 = ModelFiles.loadResource(ShippedModels.named("copy-1-5").resource(), "copy");
        TrainingJob job = new TrainingJob(TaskName.REPEAT_COPY, 0, fromCopy15(NtmActivation.RELU), 7, 7, 1000);
        MultiLayerNetwork repeat = job.newNtm(Networks.LASAGNE);

        assertEquals("the shipped copy-1-5 model trained_on=copy", job.warmStartedFrom());
        for (String key : new String[]{NtmParams.CONTROLLER_BIAS, NtmParams.HEAD_WEIGHTS, NtmParams.HEAD_BIAS}) {
            assertEquals(copy15.getLayer(0).getParam(key), repeat.getLayer(0).getParam(key), key);
        }
        for (int c = 0; c < 8; c++) {
            assertEquals(copy15.getLayer(1).getParam("W").getColumn(c), repeat.getLayer(1).getParam("W").getColumn(c),
                    "output bit " + c);
        }
        MultiLayerNetwork fresh = new TrainingJob(TaskName.REPEAT_COPY, 0, fromCopy15(NtmActivation.RELU)
                .withoutWarmStart(), 7, 7, 1000).newNtm(Networks.LASAGNE);
        assertNotEquals(fresh.getLayer(0).getParam(NtmParams.HEAD_WEIGHTS), repeat.getLayer(0).getParam(NtmParams.HEAD_WEIGHTS),
                "without the warm start the weights are the seed's");
    }

    /** Priority sort's recipe has two read and two write heads; a copy model starts it with its own head counts. */
    @Test
    void aCopyModelStartsPrioritySortGivenItsHeadCounts(@TempDir File dir) {
        File out = new File(dir, "sort.zip");
        CliRun sized = CliRun.of("train", "--task", "priority-sort", "--init-from", "copy", "--read-heads", "1",
                "--write-heads", "1", "--max-sequences", "2", "--validate-every", "1", "--second-stage", "off",
                "--out", out.getPath());
        assertEquals(0, sized.exitCode(), sized.err());
        assertTrue(sized.out().contains("init-from=the shipped copy model") && sized.out().contains("params=13360"),
                sized.out());
        CliRun recipe = CliRun.of("train", "--task", "priority-sort", "--init-from", "copy", "--max-sequences", "2");
        assertEquals(2, recipe.exitCode(), recipe.err());
        assertTrue(recipe.err().contains("heads 1+1") && recipe.err().contains("heads 2+2"), recipe.err());
    }

    @Test
    void aWarmStartIntoOtherActivationsOrFromNoModelIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> new TrainingJob(TaskName.REPEAT_COPY, 0,
                fromCopy15(NtmActivation.TANH), 7, 7, 1000).newNtm(Networks.LASAGNE));
        assertTrue(e.getMessage().contains("keys relu") && e.getMessage().contains("keys tanh")
                && e.getMessage().contains("--init-from off"), e.getMessage());
        MultiLayerNetwork net = Networks.ntm(new RepeatCopyTask(RepeatCopyTask.Params.lasagne()), ControllerType.LSTM, 2, 1e-3);
        e = assertThrows(UsageException.class, () -> WarmStart.apply("no-such-model", net, "repeat-copy", 8));
        assertTrue(e.getMessage().contains("no-such-model is neither a model file nor a shipped model (copy,"), e.getMessage());
    }
}
