package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.updater.GravesRmsProp;
import io.github.ntm4j.tasks.AssociativeRecallTask;
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
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Associative recall: the NTM reads a list of items (each a few 8-bit vectors between delimiters),
 * then one of them as a query, and must answer with the item that followed it in the list (Graves et
 * al. 2014, Section 4.3). Trained on 2-6 items, then tested on more.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp ntm4j.jar io.github.ntm4j.examples.tasks.AssociativeRecallExample}
 *
 * <p>Sources: "paper" is Graves, Wayne &amp; Danihelka, <i>Neural Turing Machines</i>, arXiv:1410.5401;
 * "NTM-Lasagne" is snipsco/ntm-lasagne, examples/associative-recall-task.py. The training recipe is the one
 * that learned the copy task (Graves' RMSprop, one episode at a time); with it three seeds of three learned
 * this task within 27,000 episodes (docs/results.md).
 */
public final class AssociativeRecallExample {
    // ---- The task ----
    /**
     * 8-bit vectors, items of 1-3 vectors, 2-6 items: NTM-Lasagne. The paper's setting (6 bits, items
     * of 3 vectors) is {@code AssociativeRecallTask.Params.paper()}.
     */
    static final AssociativeRecallTask.Params TASK = AssociativeRecallTask.Params.lasagne();
    /** Test item counts: like the paper (Section 4.3), more items than the 6 of training. */
    static final int[] TEST_ITEMS = {3, 6, 9, 12, 15, 20};

    // ---- The network: NTM-Lasagne (the paper's Table 1 uses 4 heads and a 256-unit controller) ----
    static final int CONTROLLER_SIZE = 100;
    static final int MEMORY_ROWS = 128;
    static final int MEMORY_WIDTH = 20;
    static final int READ_HEADS = 1;
    static final int WRITE_HEADS = 1;
    /** Shifts of -1, 0, +1: NTM-Lasagne's num_shifts=3. */
    static final int SHIFT_RANGE = 1;

    /** tanh keys and add vectors (the layer's default): with ReLU the recipe generalised less (docs/results.md). */
    static final NtmActivation KEY_ACTIVATION = NtmActivation.TANH;
    static final NtmActivation ADD_ACTIVATION = NtmActivation.TANH;

    // ---- Training ----
    /** Graves' RMSprop with momentum 0.9 at 1e-4: paper Section 4 and Table 1, NTM-Lasagne's copy task. */
    static final double LEARNING_RATE = 1e-4;
    /** Tenfold lower once the validation episodes are all answered right: NTM-Lasagne drops its rate tenfold. */
    static final double LEARNING_RATE_DROP = 0.1;
    /** Gradients clipped element-wise to [-10, 10]: paper Section 4. */
    static final double GRADIENT_CLIP = 10;
    /** One episode at a time, as NTM-Lasagne trains. */
    static final int MINIBATCH = 1;
    /** Episodes to train on: the {@code train} runs of docs/results.md trained on 50,000. */
    static final long EPISODES = 50_000;
    static final long SEED = 1;
    /** Only a cap for a slow machine: the 50,000 episodes took 2-3 minutes here. */
    static final double MINUTES = 15;

    private AssociativeRecallExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner runner = ExampleRunner.fromArgs(AssociativeRecallExample.class, args, MINUTES,
                "associative-recall-ntm.zip");
        long seed = runner.seed(SEED);   // --seed S overrides it
        // inputs: 8 bits + item delimiter + query delimiter; outputs: 8 bits
        AssociativeRecallTask task = new AssociativeRecallTask(TASK);

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new GravesRmsProp(LEARNING_RATE))
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
                        .keyActivation(KEY_ACTIVATION)
                        .addActivation(ADD_ACTIVATION)
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
        runner.dropLearningRateAtTarget(LEARNING_RATE_DROP);
        runner.defaultMinibatches(EPISODES / MINIBATCH);
        runner.train(net, train);

        runner.printTable("Associative recall, trained on " + TASK.minItems() + "-" + TASK.maxItems() + " items:",
                GeneralisationSweep.over("items", n -> new AssociativeRecallTask(TASK.withItems(n))).values(TEST_ITEMS), net);
        runner.save(net);
    }
}
