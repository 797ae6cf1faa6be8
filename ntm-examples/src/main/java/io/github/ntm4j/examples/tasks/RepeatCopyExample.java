package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.tasks.Curriculum;
import io.github.ntm4j.tasks.RepeatCopyTask;
import io.github.ntm4j.tasks.TaskIterator;
import io.github.ntm4j.tasks.metrics.GeneralisationSweep;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Repeat copy: the NTM reads a sequence of random 8-bit vectors and a repeat count R, then writes the
 * sequence R times followed by an end marker: a nested loop (Graves et al. 2014, Section 4.2). Tested
 * on longer sequences and on more repeats than in training.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp ntm4j.jar io.github.ntm4j.examples.tasks.RepeatCopyExample --minutes 30}
 *
 * <p>Sources: "paper" is Graves, Wayne &amp; Danihelka, <i>Neural Turing Machines</i>, arXiv:1410.5401;
 * "NTM-Lasagne" is snipsco/ntm-lasagne, examples/repeat-copy.py; "pytorch-ntm" is
 * loudinthecloud/pytorch-ntm, tasks/repeatcopytask.py.
 */
public final class RepeatCopyExample {
    // ---- The task ----
    /**
     * 8-bit vectors, sequences of 3-5 vectors, 1-5 repeats given as R flagged steps: NTM-Lasagne.
     * The paper's setting (lengths and repeats 1-10, R as one normalised number) is
     * {@code RepeatCopyTask.Params.paper()}.
     */
    static final RepeatCopyTask.Params TASK = RepeatCopyTask.Params.lasagne();
    /** Test lengths (all repeat counts of training): the training range, then up to 4 times beyond it. */
    static final int[] TEST_LENGTHS = {3, 5, 10, 15, 20};
    /** Test repeat counts (all lengths of training): the paper tests more repeats than trained on (Section 4.2). */
    static final int[] TEST_REPEATS = {2, 5, 8, 10};

    // ---- The network: paper Table 1 (feed-forward controller), NTM-Lasagne ----
    static final int CONTROLLER_SIZE = 100;
    static final int MEMORY_ROWS = 128;
    static final int MEMORY_WIDTH = 20;
    static final int READ_HEADS = 1;
    static final int WRITE_HEADS = 1;
    /** Shifts of -1, 0, +1: NTM-Lasagne's num_shifts=3. */
    static final int SHIFT_RANGE = 1;

    // ---- Training ----
    /**
     * RMSprop at 1e-3. The paper (Table 1) and pytorch-ntm use 1e-4; here 1e-4 and 3e-4 on the whole task
     * never got the heads moving, and 1e-3 with the curriculum below learned it (docs/results.md).
     */
    static final double LEARNING_RATE = 1e-3;
    /**
     * Start with one repeat and allow one more whenever the validation bit errors per sequence fall under
     * this: this project's curriculum (neither the paper nor NTM-Lasagne used one), the one that worked.
     */
    static final double CURRICULUM_BIT_ERRORS = 1.0;
    /** Gradients clipped element-wise to [-10, 10]: paper Section 4. */
    static final double GRADIENT_CLIP = 10;
    /** The paper, NTM-Lasagne and pytorch-ntm train on one sequence at a time; 16 is this project's choice. */
    static final int MINIBATCH = 16;
    /**
     * Repeat copy is fragile: with this main, seed 3 reached the full task (0 validation bit errors)
     * after 249,008 sequences and 211 s, while seed 2 was still at two repeats after 30 minutes
     * (docs/examples.md). From fresh weights with this curriculum, {@code train} converged on four seeds of five;
     * {@code train --task repeat-copy} starts from the shipped copy-1-5 model instead, and every fresh seed of
     * ten learned the task that way (docs/results.md).
     */
    static final long SEED = 3;
    /** Room for a slower machine or a slower seed: seed 3 needed under 4 minutes here. */
    static final double MINUTES = 30;

    private RepeatCopyExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner runner = ExampleRunner.fromArgs(RepeatCopyExample.class, args, MINUTES, "repeat-copy-ntm.zip");
        long seed = runner.seed(SEED);   // --seed S overrides it
        // inputs: 8 bits + repeat flag + delimiter; outputs: 8 bits + end marker
        RepeatCopyTask task = new RepeatCopyTask(TASK);

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new RmsProp(LEARNING_RATE))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(GRADIENT_CLIP)
                .list()
                .layer(new NtmLayer.Builder()
                        .nIn(task.inputSize())
                        .controller(ControllerType.FEED_FORWARD)
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

        // Minibatches come from the curriculum's current task: repeats 1..level.
        Curriculum curriculum = RepeatCopyTask.repeatsCurriculum(TASK, CURRICULUM_BIT_ERRORS);
        TaskIterator train = TaskIterator.builder(curriculum).batchSize(MINIBATCH).seed(seed)
                .freshDataEachEpoch(true).dataType(DataType.FLOAT).build();
        runner.advanceOnBitErrors(curriculum);
        runner.train(net, train);

        runner.printTable("Repeat copy by length (repeats " + TASK.minRepeats() + "-" + TASK.maxRepeats() + "):",
                GeneralisationSweep.over("length", n -> new RepeatCopyTask(TASK.withLength(n))).values(TEST_LENGTHS), net);
        runner.printTable("Repeat copy by repeats (lengths " + TASK.minLength() + "-" + TASK.maxLength() + "):",
                GeneralisationSweep.over("repeats", r -> new RepeatCopyTask(TASK.withRepeats(r))).values(TEST_REPEATS), net);
        runner.save(net);
    }
}
