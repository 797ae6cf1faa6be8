package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.tasks.Curriculum;
import io.github.ntm4j.tasks.CurriculumListener;
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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Dyck words: the NTM reads a word of brackets, one per step, and says at every step whether the word
 * so far is balanced (a Dyck word); its answer at the last step classifies the whole word. Half the
 * words are near misses with the right bracket counts. A task of NTM-Lasagne, not in the paper.
 * Trained on words of up to 40 characters (reached by a curriculum), then tested on longer ones.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp ntm4j.jar io.github.ntm4j.examples.tasks.DyckWordsExample --minutes 30}
 *
 * <p>Sources: "paper" is Graves, Wayne &amp; Danihelka, <i>Neural Turing Machines</i>, arXiv:1410.5401;
 * "NTM-Lasagne" is snipsco/ntm-lasagne, examples/dyck-words-task.py.
 */
public final class DyckWordsExample {
    // ---- The task ----
    /**
     * NTM-Lasagne's curriculum: words of up to 10 characters at first; every 500 minibatches, if the
     * mean loss is under 1e-4, the longest word doubles, up to 40 characters.
     */
    static final int CURRICULUM_WINDOW = 500;
    /** Test word lengths: the training range, then beyond it (this project's choice). */
    static final int[] TEST_LENGTHS = {10, 20, 40, 60, 80, 100};

    // ---- The network: NTM-Lasagne ----
    static final int CONTROLLER_SIZE = 100;
    static final int MEMORY_ROWS = 128;
    static final int MEMORY_WIDTH = 20;
    static final int READ_HEADS = 1;
    static final int WRITE_HEADS = 1;
    /** Shifts of -1, 0, +1: NTM-Lasagne's num_shifts=3. */
    static final int SHIFT_RANGE = 1;

    // ---- Training ----
    /** Adam at 5e-4: NTM-Lasagne. */
    static final double LEARNING_RATE = 5e-4;
    /** Gradients clipped element-wise to [-10, 10]: the paper's setting (Section 4) for its tasks. */
    static final double GRADIENT_CLIP = 10;
    /** NTM-Lasagne trains on one word at a time; 16 is this project's choice. */
    static final int MINIBATCH = 16;
    static final long SEED = 1;
    /** Not yet measured for this task: a budget in line with the copy task's (docs/results.md). */
    static final double MINUTES = 30;

    private DyckWordsExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleRunner runner = ExampleRunner.fromArgs(DyckWordsExample.class, args, MINUTES, "dyck-words-ntm.zip");
        // inputs: one-hot '(' and ')'; output: one bit per step, "the prefix so far is a Dyck word"
        Curriculum curriculum = DyckWordsTask.lasagneCurriculum();
        DyckWordsTask task = (DyckWordsTask) curriculum.task();

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .dataType(DataType.FLOAT)
                .updater(new Adam(LEARNING_RATE))
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

        // The iterator draws from the curriculum's current task; the listener reports the mean loss to it.
        TaskIterator train = TaskIterator.builder(curriculum).batchSize(MINIBATCH).seed(SEED)
                .freshDataEachEpoch(true).dataType(DataType.FLOAT).build();
        net.addListeners(new CurriculumListener(curriculum, CURRICULUM_WINDOW));
        runner.train(net, train);
        System.out.println("the curriculum reached words of up to " + curriculum.level() + " characters");

        // Classification accuracy of whole words is the final_step_accuracy column.
        runner.printTable("Dyck words, trained on words of up to " + curriculum.level() + " characters:",
                GeneralisationSweep.over("length", n -> new DyckWordsTask(task.params().withLength(n))).values(TEST_LENGTHS),
                net);
        runner.save(net);
    }
}
