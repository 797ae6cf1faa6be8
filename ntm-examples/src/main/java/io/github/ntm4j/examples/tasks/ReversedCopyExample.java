package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.ReversedCopyTask;
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
 * Reversed copy: the NTM reads a sequence of random 8-bit vectors, then writes it back last vector
 * first, so the read head has to walk memory backwards. An extra task of NTM-Lasagne, not in the paper.
 * Trained on lengths 1-5, then tested on longer sequences.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp ntm4j.jar io.github.ntm4j.examples.tasks.ReversedCopyExample --minutes 30}
 *
 * <p>Sources: "paper" is Graves, Wayne &amp; Danihelka, <i>Neural Turing Machines</i>, arXiv:1410.5401;
 * "NTM-Lasagne" is snipsco/ntm-lasagne, examples/reversed-copy-task.py.
 */
public final class ReversedCopyExample {
    // ---- The task ----
    /** 8-bit vectors, sequences of 1 to 5 of them: NTM-Lasagne (size=8, max_length=5). */
    static final CopyTask.Params TASK = CopyTask.Params.lasagne();
    /** Test lengths: the training range, then up to 8 times beyond it (this project's choice). */
    static final int[] TEST_LENGTHS = {5, 10, 20, 40};

    // ---- The network: NTM-Lasagne's reversed-copy model ----
    /**
     * NTM-Lasagne uses a recurrent controller (RecurrentController, 100 units) for this task; the
     * recurrent controller NtmLayer offers is an LSTM.
     */
    static final ControllerType CONTROLLER = ControllerType.LSTM;
    static final int CONTROLLER_SIZE = 100;
    static final int MEMORY_ROWS = 128;
    static final int MEMORY_WIDTH = 20;
    static final int READ_HEADS = 1;
    static final int WRITE_HEADS = 1;
    /** Shifts of -1, 0, +1: NTM-Lasagne's num_shifts=3. */
    static final int SHIFT_RANGE = 1;

    // ---- Training ----
    /** 1e-3: NTM-Lasagne (its graves_rmsprop, Graves' RMSprop variant; DL4J's RmsProp is the plain one). */
    static final double LEARNING_RATE = 1e-3;
    /** Gradients clipped element-wise to [-10, 10]: paper Section 4. */
    static final double GRADIENT_CLIP = 10;
    /** NTM-Lasagne trains on one sequence at a time; 16 is this project's choice (faster per sequence). */
    static final int MINIBATCH = 16;
    static final long SEED = 1;
    /** Not yet measured for this task: a budget in line with the copy task's (docs/results.md). */
    static final double MINUTES = 30;

    private ReversedCopyExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner runner = ExampleRunner.fromArgs(ReversedCopyExample.class, args, MINUTES, "reversed-copy-ntm.zip");
        long seed = runner.seed(SEED);   // --seed S overrides it
        ReversedCopyTask task = new ReversedCopyTask(TASK);   // inputs: 8 bits + end marker; outputs: 8 bits

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new RmsProp(LEARNING_RATE))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(GRADIENT_CLIP)
                .list()
                .layer(new NtmLayer.Builder()
                        .nIn(task.inputSize())
                        .controller(CONTROLLER)
                        .controllerSize(CONTROLLER_SIZE)
                        .memory(MEMORY_ROWS, MEMORY_WIDTH)
                        .readHeads(READ_HEADS)
                        .writeHeads(WRITE_HEADS)
                        .shiftRange(SHIFT_RANGE)
                        .build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT)   // one sigmoid per output bit
                        .activation(Activation.SIGMOID)
                        .nOut(task.outputSize())
                        .build())
                .setInputType(InputType.recurrent(task.inputSize()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        // Fresh random sequences for every minibatch, masked so that only the answer steps are scored.
        TaskIterator train = TaskIterator.builder(task).batchSize(MINIBATCH).seed(seed)
                .freshDataEachEpoch(true).dataType(DataType.FLOAT).build();
        runner.train(net, train);

        runner.printTable("Reversed copy, trained on lengths " + TASK.minLength() + "-" + TASK.maxLength() + ":",
                GeneralisationSweep.over("length", n -> new ReversedCopyTask(TASK.withLength(n))).values(TEST_LENGTHS), net);
        runner.save(net);
    }
}
