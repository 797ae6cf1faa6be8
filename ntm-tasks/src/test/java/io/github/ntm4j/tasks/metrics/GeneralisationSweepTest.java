package io.github.ntm4j.tasks.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ntm4j.tasks.AssociativeRecallTask;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.DyckWordsTask;
import io.github.ntm4j.tasks.DynamicNGramsTask;
import io.github.ntm4j.tasks.SequenceTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GeneralisationSweepTest {

    private static final CopyTask.Params COPY = new CopyTask.Params(4, 1, 3);

    private static GeneralisationSweep copySweep() {
        return GeneralisationSweep.over("length", n -> new CopyTask(COPY.withLength(n)))
                .values(2, 5, 9).examples(6).batchSize(4).seed(3);
    }

    private static MultiLayerNetwork lstm(SequenceTask task) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new LSTM.Builder().nIn(task.inputSize()).nOut(6).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(6).nOut(task.outputSize()).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void oraclePredictorMakesNoErrors() {
        SweepTable table = copySweep().run(batch -> batch.getLabels());
        assertEquals(3, table.rows().size());
        for (SweepTable.Row row : table.rows()) {
            assertEquals(6, row.examples());
            assertEquals(0.0, row.meanBitErrors());
            assertEquals(1.0, row.sequenceAccuracy());
            assertEquals(1.0, row.stepAccuracy());
            assertEquals(1.0, row.finalStepAccuracy());
            // Each of the n*4 answer bits costs -log2(1 - CLIP) at a perfect prediction.
            assertEquals(row.value() * 4 * -Math.log(1 - SequenceMetrics.CLIP) / Math.log(2), row.meanCostBits(), 1e-9);
        }
        SweepTable inverted = copySweep().run(batch -> batch.getLabels().rsub(1));
        SweepTable.Row last = inverted.rows().get(2);
        assertEquals(9 * 4, last.meanBitErrors(), "every answer bit wrong");
        assertEquals(0.0, last.sequenceAccuracy());
    }

    @Test
    void untrainedMultiLayerNetworkIsSweptOnFixedTestSets() throws Exception {
        CopyTask task = new CopyTask(COPY);
        MultiLayerNetwork net = lstm(task);
        SweepTable table = copySweep().run(net);
        assertEquals(List.of(2, 5, 9), table.rows().stream().map(SweepTable.Row::value).toList());
        for (SweepTable.Row row : table.rows()) {
            // Near-0.5 sigmoid outputs: about half the bits wrong, about one bit of cost per bit.
            double answerBits = row.value() * 4.0;
            assertTrue(row.meanBitErrors() > 0.2 * answerBits && row.meanBitErrors() < 0.8 * answerBits, row.toString());
            assertEquals(answerBits, row.meanCostBits(), 0.3 * answerBits, row.toString());
        }
        assertEquals(table, copySweep().run(net), "same seed, same test sets, same table");
        assertNotEquals(table, copySweep().seed(4).run(net));
    }

    @Test
    void computationGraphIsSweptLikeTheEquivalentNetwork() {
        AssociativeRecallTask.Params p = new AssociativeRecallTask.Params(4, 1, 2, 2, 3);
        MultiLayerNetwork net = lstm(new AssociativeRecallTask(p));
        ComputationGraph graph = net.toComputationGraph();
        GeneralisationSweep sweep = GeneralisationSweep.over("items", n -> new AssociativeRecallTask(p.withItems(n)))
                .values(2, 4).examples(5);
        SweepTable fromGraph = sweep.run(graph);
        SweepTable fromNet = sweep.run(net);
        for (int i = 0; i < 2; i++) {
            assertEquals(fromNet.rows().get(i).meanCostBits(), fromGraph.rows().get(i).meanCostBits(), 1e-4);
            assertEquals(fromNet.rows().get(i).meanBitErrors(), fromGraph.rows().get(i).meanBitErrors());
        }
        assertThrows(IllegalArgumentException.class, () -> Predictor.of((org.deeplearning4j.nn.api.Model) null));
    }

    @Test
    void tablePrintsAlignedAndWritesCsv(@TempDir Path dir) throws Exception {
        SweepTable table = new SweepTable("length", List.of(
                new SweepTable.Row(10, 100, 0.25, 12.5, 0.8, 0.99, 1.0),
                new SweepTable.Row(120, 100, 31.0, 410.125, 0.0, 0.9, 0.5)));
        String[] lines = table.toString().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("length  examples  mean_bit_errors  mean_cost_bits  sequence_accuracy  "
                + "step_accuracy  final_step_accuracy  "), lines[0]);
        assertTrue(lines[1].startsWith("    10       100           0.2500         12.5000             0.8000         "
                + "0.9900               1.0000  "), lines[1]);
        assertEquals(lines[0].length(), lines[2].length(), "aligned");
        Path csv = dir.resolve("sweep.csv");
        table.writeCsv(csv);
        // The columns of earlier versions keep their places; the 95% intervals follow: Wilson's for 80 of 100
        // is [0.7112, 0.8666] and for 100 of 100 [0.9630, 1]; a row without the spread has no mean interval.
        assertEquals(List.of(
                "length,examples,mean_bit_errors,mean_cost_bits,sequence_accuracy,step_accuracy,final_step_accuracy,"
                        + "sequence_accuracy_lo95,sequence_accuracy_hi95,final_step_accuracy_lo95,"
                        + "final_step_accuracy_hi95,mean_bit_errors_lo95,mean_bit_errors_hi95,mean_cost_bits_lo95,"
                        + "mean_cost_bits_hi95",
                "10,100,0.2500,12.5000,0.8000,0.9900,1.0000,0.7112,0.8666,0.9630,1.0000,NaN,NaN,NaN,NaN",
                "120,100,31.0000,410.1250,0.0000,0.9000,0.5000,0.0000,0.0370,0.4038,0.5962,NaN,NaN,NaN,NaN"),
                Files.readAllLines(csv));
        SweepTable.Row spread = new SweepTable.Row(10, 100, 2.0, 1, 0.5, 0.9, 0.5, 5.0);
        assertArrayEquals(new double[]{2.0 - 1.959963984540054 * 0.5, 2.0 + 1.959963984540054 * 0.5},
                spread.meanBitErrors95(), 1e-12);
        SweepTable.Row costs = new SweepTable.Row(10, 100, 2.0, 20.0, 0.5, 0.9, 0.5, 5.0, 30.0);
        assertArrayEquals(new double[]{20.0 - 1.959963984540054 * 3.0, 20.0 + 1.959963984540054 * 3.0},
                costs.meanCostBits95(), 1e-12);
    }

    /** The cost's interval comes from the spread of the per-sequence costs the sweep measured. */
    @Test
    void theSweepGivesTheMeanCostItsInterval() {
        GeneralisationSweep sweep = GeneralisationSweep
                .over("length", n -> new DyckWordsTask(DyckWordsTask.Params.lasagne().withLength(n)))
                .values(20).examples(50);
        // A predictor that is unsure everywhere costs the same on every word of a length: no spread.
        SweepTable.Row unsure = sweep.run(batch -> batch.getLabels().like().addi(0.5)).rows().get(0);
        assertEquals(unsure.meanCostBits(), unsure.meanCostBits95()[0], 1e-9);
        assertEquals(unsure.meanCostBits(), unsure.meanCostBits95()[1], 1e-9);
        // One that says "not Dyck" with confidence costs much on the Dyck words only: a wide interval around the mean.
        SweepTable.Row sure = sweep.run(batch -> batch.getLabels().like().addi(0.01)).rows().get(0);
        double[] c = sure.meanCostBits95();
        assertTrue(c[0] < sure.meanCostBits() && sure.meanCostBits() < c[1] && c[1] - c[0] > 1, java.util.Arrays.toString(c));
    }

    @Test
    void dyckSweepReportsClassificationAccuracy() {
        // An all-"not Dyck" guesser is right on every step of a near miss and wrong at the end
        // of every Dyck word: its final-step accuracy is the share of negatives.
        GeneralisationSweep sweep = GeneralisationSweep
                .over("length", n -> new DyckWordsTask(DyckWordsTask.Params.lasagne().withLength(n)))
                .values(60, 100).examples(200);
        SweepTable table = sweep.run(batch -> batch.getLabels().like());
        for (SweepTable.Row row : table.rows()) {
            assertEquals(0.5, row.finalStepAccuracy(), 0.1, row.toString());
            assertTrue(row.stepAccuracy() > 0.85, row.toString());
        }
    }

    @Test
    void bayesOptimumCanBeSweptBesideAModel() {
        DynamicNGramsTask task = new DynamicNGramsTask();
        SweepTable table = GeneralisationSweep.over("length", n -> new DynamicNGramsTask(task.params().withLength(n)))
                .values(200).examples(10).run(task.bayesOptimalPredictor());
        double cost = table.rows().get(0).meanCostBits();
        assertTrue(cost > 80 && cost < 150, "optimum bits per 200-bit sequence: " + cost);
    }

    /**
     * The paired difference to the optimum: zero against itself; for predicting 0.5 everywhere (1 bit per
     * scored bit) it is the difference of the two tables' mean costs, with an interval narrower than either
     * cost's spread would give.
     */
    @Test
    void costAboveTheOptimumIsPairedOnTheSameSequences() {
        DynamicNGramsTask task = new DynamicNGramsTask();
        GeneralisationSweep sweep = GeneralisationSweep.over("length",
                n -> new DynamicNGramsTask(task.params().withLength(n))).values(50, 200).examples(12).seed(7);
        Predictor optimum = task.bayesOptimalPredictor();
        Predictor half = b -> b.getLabels().dup().assign(0.5);

        GeneralisationSweep.CostDifference self = sweep.costAbove(optimum, optimum).get(1);
        assertEquals(0, self.meanDifference(), 0);
        assertEquals(0, self.hi95() - self.lo95(), 0);

        List<GeneralisationSweep.CostDifference> above = sweep.costAbove(half, optimum);
        SweepTable halfTable = sweep.run(half);
        SweepTable optimumTable = sweep.run(optimum);
        for (int i = 0; i < 2; i++) {
            GeneralisationSweep.CostDifference d = above.get(i);
            assertEquals(12, d.n());
            assertEquals(halfTable.rows().get(i).meanCostBits(), d.modelCost(), 1e-9);
            assertEquals(optimumTable.rows().get(i).meanCostBits(), d.referenceCost(), 1e-9);
            assertEquals(d.modelCost() - d.referenceCost(), d.meanDifference(), 1e-9);
            assertTrue(d.lo95() > 0 && d.lo95() < d.meanDifference() && d.meanDifference() < d.hi95(), d.toString());
        }
    }

    @Test
    void sweepParametersAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> copySweep().examples(0));
        assertThrows(IllegalArgumentException.class, () -> copySweep().values());
        assertThrows(IllegalStateException.class,
                () -> GeneralisationSweep.over("x", n -> new CopyTask()).run(b -> b.getLabels()));
    }
}
