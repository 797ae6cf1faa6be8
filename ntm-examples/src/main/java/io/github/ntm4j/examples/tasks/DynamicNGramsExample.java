package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.examples.training.Selection;
import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.updater.GravesRmsProp;
import io.github.ntm4j.tasks.DynamicNGramsTask;
import io.github.ntm4j.tasks.TaskIterator;
import io.github.ntm4j.tasks.metrics.GeneralisationSweep;
import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Locale;

/**
 * Dynamic N-grams: the NTM reads bits one at a time and predicts the next. Each sequence comes from
 * its own random 6-gram table (for every 5-bit context, P(next bit = 1) drawn from Beta(1/2, 1/2)), so
 * the network has to count, within the sequence, how each context was followed (Graves et al. 2014,
 * Section 4.4). It is judged against the Bayes-optimal predictor, which does exactly that counting.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp ntm4j.jar io.github.ntm4j.examples.tasks.DynamicNGramsExample}
 *
 * <p>Source: "paper" is Graves, Wayne &amp; Danihelka, <i>Neural Turing Machines</i>, arXiv:1410.5401. The
 * training recipe is the first stage of {@code train --task ngrams} (docs/results.md, "Dynamic n-grams"), cut
 * from 600,000 sequences to 100,000 so that the example runs in about half an hour: an LSTM controller (the
 * paper's better n-gram model), the copy task's Graves' RMSprop at 1e-4 one sequence at a time, and the parameters
 * with the lowest validation cost kept.
 */
public final class DynamicNGramsExample {
    // ---- The task ----
    /** 6-grams, 200 bits a sequence: paper Section 4.4. */
    static final DynamicNGramsTask.Params TASK = DynamicNGramsTask.Params.paper();
    /** Test lengths: shorter and longer than the 200 of training (this project's choice). */
    static final int[] TEST_LENGTHS = {50, 200, 400};

    // ---- The network: the copy network (paper Table 1) with an LSTM controller ----
    static final int CONTROLLER_SIZE = 100;
    static final int MEMORY_ROWS = 128;
    static final int MEMORY_WIDTH = 20;
    static final int READ_HEADS = 1;
    static final int WRITE_HEADS = 1;
    /** Shifts of -1, 0, +1: the range paper Section 3.3.2 takes as its example. */
    static final int SHIFT_RANGE = 1;

    // ---- Training ----
    /** Graves' RMSprop with momentum 0.9 at 1e-4: the copy recipe (paper Table 1 gives 3e-5 for this task). */
    static final double LEARNING_RATE = 1e-4;
    /** Gradients clipped element-wise to [-10, 10]: paper Section 4. */
    static final double GRADIENT_CLIP = 10;
    /** One sequence at a time, as the paper trains. */
    static final int MINIBATCH = 1;
    /** Sequences to train on: a third of the recipe's first stage (docs/results.md), to keep the example short. */
    static final long SEQUENCES = 100_000;
    static final long SEED = 1;
    /** Only a cap for a slow machine: 100,000 sequences of 200 bits take about half an hour here. */
    static final double MINUTES = 90;

    private DynamicNGramsExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner runner = ExampleRunner.fromArgs(DynamicNGramsExample.class, args, MINUTES, "dynamic-ngrams-ntm.zip");
        long seed = runner.seed(SEED);   // --seed S overrides it
        // input: the bit at step t; output: P(bit t+1 = 1)
        DynamicNGramsTask task = new DynamicNGramsTask(TASK);

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new GravesRmsProp(LEARNING_RATE))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(GRADIENT_CLIP)
                .list()
                .layer(new NtmLayer.Builder()
                        .nIn(task.inputSize())
                        .controller(ControllerType.LSTM)
                        .controllerSize(CONTROLLER_SIZE)
                        .memory(MEMORY_ROWS, MEMORY_WIDTH)
                        .readHeads(READ_HEADS)
                        .writeHeads(WRITE_HEADS)
                        .shiftRange(SHIFT_RANGE)
                        .build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID)
                        .nOut(task.outputSize())
                        .build())
                .setInputType(InputType.recurrent(task.inputSize()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        TaskIterator train = TaskIterator.builder(task).batchSize(MINIBATCH).seed(seed)
                .freshDataEachEpoch(true).dataType(DataType.FLOAT).build();
        runner.defaultMinibatches(SEQUENCES / MINIBATCH);
        // The bit errors of random n-grams barely move: the validation cost ranks the parameters.
        runner.selectBy(Selection.COST);
        runner.train(net, train);

        // The model and the Bayes-optimal predictor, scored on the same test sequences.
        GeneralisationSweep sweep = runner.sized(GeneralisationSweep
                .over("length", n -> new DynamicNGramsTask(TASK.withLength(n))).values(TEST_LENGTHS));
        SweepTable model = sweep.run(net);
        SweepTable optimum = sweep.run(task.bayesOptimalPredictor());
        ExampleRunner.print("Dynamic " + TASK.order() + "-grams, the NTM trained on " + TASK.length() + " bits:", model);
        ExampleRunner.print("The Bayes-optimal predictor on the same sequences:", optimum);

        // The paper's measure: cost in bits per sequence, against the optimum's.
        System.out.println("length  ntm_cost_bits  optimal_cost_bits  excess_bits_per_scored_bit");
        for (int i = 0; i < TEST_LENGTHS.length; i++) {
            double ntm = model.rows().get(i).meanCostBits();
            double best = optimum.rows().get(i).meanCostBits();
            int scoredBits = TEST_LENGTHS[i] - (TASK.order() - 2);   // the first N-2 targets are coin flips, unscored
            System.out.printf(Locale.ROOT, "%6d  %13.2f  %17.2f  %26.4f%n", TEST_LENGTHS[i], ntm, best, (ntm - best) / scoredBits);
        }
        runner.save(net);
    }
}
