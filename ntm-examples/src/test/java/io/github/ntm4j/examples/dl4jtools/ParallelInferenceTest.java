package io.github.ntm4j.examples.dl4jtools;

import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelInference;
import org.deeplearning4j.parallelism.inference.InferenceMode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's {@code ParallelInference} serves an NTM from several worker copies; its answers equal
 * {@code net.output}, with and without feature masks, also when many threads ask at once.
 */
class ParallelInferenceTest {

    static final double TOLERANCE = 1e-5;

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= TOLERANCE, what + ": max |difference| " + diff);
    }

    @Test
    void answersAsTheNetworkDoes() throws Exception {
        MultiLayerNetwork net = CopyRecipe.network(CopyRecipe.SEED);
        net.fit(CopyRecipe.training(CopyRecipe.SEED, 50));   // weights that are not the initial ones
        ParallelInference inference = new ParallelInference.Builder(net).inferenceMode(InferenceMode.BATCHED)
                .workers(2).build();
        try {
            DataSet equalLengths = Examples.toDataSet(
                    Examples.generate(new CopyTask(CopyTask.Params.paper().withLength(12)), 6, 3), DataType.FLOAT);
            assertClose(net.output(equalLengths.getFeatures()), inference.output(equalLengths.getFeatures()),
                    "unpadded minibatch");

            DataSet padded = Examples.toDataSet(Examples.generate(CopyRecipe.TASK, 6, 4), DataType.FLOAT);
            INDArray expected = net.output(padded.getFeatures(), false, padded.getFeaturesMaskArray(), null);
            INDArray actual = inference.output(new INDArray[] {padded.getFeatures()},
                    new INDArray[] {padded.getFeaturesMaskArray()})[0];
            assertClose(expected, actual, "padded minibatch with its mask");

            // Single sequences from several threads at once, as a server would send them.
            List<DataSet> requests = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                requests.add(Examples.toDataSet(Examples.generate(CopyRecipe.TASK, 1, 100 + i), DataType.FLOAT));
            }
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<INDArray>> answers = new ArrayList<>();
                for (DataSet r : requests) {
                    answers.add(clients.submit(() -> inference.output(r.getFeatures())));
                }
                for (int i = 0; i < requests.size(); i++) {
                    assertClose(net.output(requests.get(i).getFeatures()), answers.get(i).get(), "request " + i);
                }
            } finally {
                clients.shutdown();
            }
        } finally {
            inference.shutdown();
        }
    }
}
