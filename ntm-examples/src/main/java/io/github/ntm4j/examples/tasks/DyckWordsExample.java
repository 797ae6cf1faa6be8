package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.updater.GravesRmsProp;
import io.github.ntm4j.tasks.DyckWordsTask;
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
 * Dyck words: the NTM reads a word of brackets, one per step, and says at every step whether the word
 * so far is balanced (a Dyck word); its answer at the last step classifies the whole word. Half the
 * words are near misses with the right bracket counts. A task of NTM-Lasagne, not in the paper.
 * Trained on words of up to 40 characters, then tested on longer ones.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp ntm4j.jar io.github.ntm4j.examples.tasks.DyckWordsExample}
 *
 * <p>Sources: "paper" is Graves, Wayne &amp; Danihelka, <i>Neural Turing Machines</i>, arXiv:1410.5401;
 * "NTM-Lasagne" is snipsco/ntm-lasagne, examples/dyck-words-task.py. The training recipe is the one that
 * learned the copy task (Graves' RMSprop, one sequence at a time); NTM-Lasagne's own settings for this
 * task (Adam, a curriculum on the mean loss) stalled at words of 20 within 30 minutes (docs/results.md).
 */
public final class DyckWordsExample {
    // ---- The task ----
    /** Words of 2 to 40 characters, half of them near misses: NTM-Lasagne's final curriculum range. */
    static final DyckWordsTask.Params TASK = DyckWordsTask.Params.lasagne();
    /** Test word lengths: the training range, then up to 4 times beyond it (this project's choice). */
    static final int[] TEST_LENGTHS = {10, 20, 40, 60, 80, 100, 160};

    // ---- The network: NTM-Lasagne ----
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
    /**
     * Once the validation words are all classified right, the learning rate drops tenfold and training
     * goes on to the end of the budget: NTM-Lasagne drops its rate tenfold once the loss is low.
     */
    static final double LEARNING_RATE_DROP = 0.1;
    /** Gradients clipped element-wise to [-10, 10]: the paper's setting (Section 4) for its tasks. */
    static final double GRADIENT_CLIP = 10;
    /** One word at a time, as NTM-Lasagne trains. */
    static final int MINIBATCH = 1;
    /** Words to train on: the {@code train} runs of docs/results.md trained on 258,000. */
    static final long WORDS = 258_000;
    static final long SEED = 1;
    /** Only a cap for a slow machine: the 258,000 words took 12-14 minutes here. */
    static final double MINUTES = 30;

    private DyckWordsExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner runner = ExampleRunner.fromArgs(DyckWordsExample.class, args, MINUTES, "dyck-words-ntm.zip");
        long seed = runner.seed(SEED);   // --seed S overrides it
        // inputs: one-hot '(' and ')'; output: one bit per step, "the prefix so far is a Dyck word"
        DyckWordsTask task = new DyckWordsTask(TASK);

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
        runner.defaultMinibatches(WORDS / MINIBATCH);
        runner.train(net, train);

        // Classification accuracy of whole words is the final_step_accuracy column.
        runner.printTable("Dyck words, trained on words of up to " + TASK.maxLength() + " characters:",
                GeneralisationSweep.over("length", n -> new DyckWordsTask(TASK.withLength(n))).values(TEST_LENGTHS),
                net);
        runner.save(net);
    }
}
