package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.examples.training.Networks;
import io.github.ntm4j.examples.CliRun;
import io.github.ntm4j.examples.cli.Cli;
import io.github.ntm4j.examples.cli.TrainCommand;
import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.updater.GravesRmsProp;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.TaskIterator;
import io.github.ntm4j.layer.NtmLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each standalone task example runs end to end on a tiny budget (two minibatches, two test sequences
 * per row): it returns normally, prints its generalisation table, and saves a model that loads and
 * maps {@code [1, X, T]} inputs to {@code [1, Y, T]} outputs.
 */
class TaskExamplesTest {

    interface Main {
        void run(String[] args) throws Exception;
    }

    /** The example, its input width X and output width Y. */
    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("copy", (Main) CopyExample::main, 9, 8),
                Arguments.of("reversed-copy", (Main) ReversedCopyExample::main, 9, 8),
                Arguments.of("repeat-copy", (Main) RepeatCopyExample::main, 10, 9),
                Arguments.of("associative-recall", (Main) AssociativeRecallExample::main, 10, 8),
                Arguments.of("dyck-words", (Main) DyckWordsExample::main, 2, 1),
                Arguments.of("priority-sort", (Main) PrioritySortExample::main, 10, 8),
                Arguments.of("dynamic-ngrams", (Main) DynamicNGramsExample::main, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void runsOnATinyBudgetAndSavesAModelThatLoads(String name, Main main, int inputs, int outputs, @TempDir Path dir)
            throws Exception {
        Path model = dir.resolve(name + ".zip");
        String printed = printedBy(main, "--minibatches", "2", "--examples", "2", "--out", model.toString());

        assertTrue(printed.contains("max_minibatches=2 ") && printed.contains("bit_errors_per_seq=")
                && printed.contains("done stop=budget "), printed);
        assertTrue(printed.contains("kept the best parameters"), printed);
        assertTrue(printed.contains("mean_bit_errors") && printed.contains("mean_cost_bits"), printed);
        assertTrue(printed.contains("saved " + model), printed);

        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, inputs, 7);
        assertArrayEquals(new long[] {1, outputs, 7}, net.output(x).shape());
    }

    @Test
    void theNGramsExamplePrintsTheOptimumBesideTheModel(@TempDir Path dir) throws Exception {
        String printed = printedBy(DynamicNGramsExample::main, "--minibatches", "1", "--examples", "2",
                "--out", dir.resolve("m.zip").toString());
        assertTrue(printed.contains("Bayes-optimal"), printed);
        assertTrue(printed.contains("ntm_cost_bits  optimal_cost_bits"), printed);
    }

    @Test
    void thePrioritySortExampleTrainsTheRecipesTwoStagesAndCalibrates(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.zip");
        String printed = printedBy(PrioritySortExample::main, "--minibatches", "2", "--examples", "2",
                "--out", model.toString());
        assertTrue(printed.contains("second stage: 2 minibatches at learning rate 3.0E-5"), printed);
        assertTrue(printed.contains("max_minibatches=2 stage=2"), printed);
        // The second stage averages from 50,000 sequences on: two minibatches do not get there, so it keeps its best.
        assertTrue(printed.contains("; its parameters averaged from 50000 sequences on"), printed);
        assertFalse(printed.contains("keeps the average"), printed);
        assertTrue(printed.matches("(?s).*calibrated: temperature \\d+\\.\\d{4} on 1000 sequences, cost .*"), printed);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        NtmLayer ntm = (NtmLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(2, ntm.getReadHeads());
        assertEquals(2, ntm.getWriteHeads());
    }

    @Test
    void theRunnerRefusesImpossibleClippingAndSecondStages() {
        ExampleRunner runner = ExampleRunner.parsed(CopyExample.class, 1, "m.zip");
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runner.clipGlobalNorm(bad));
            assertTrue(e.getMessage().contains("global norm") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> runner.trainSecondStage(null, null, 0, 1e-4))
                .getMessage().contains("at least 1 minibatch, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> runner.trainSecondStage(null, null, 1, 0))
                .getMessage().contains("learning rate must be finite and above 0, got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> runner.trainSecondStage(null, null, 1, Double.NaN))
                .getMessage().contains("got NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> runner.averageSecondStageFrom(0))
                .getMessage().contains("averaging starts after 1 sequence or more, got 0"));
    }

    @Test
    void badOptionsAreOneLineAndExitCode2() {
        CliRun bad = parse("--minutes", "soon");
        assertEquals(2, bad.exitCode());
        assertEquals("CopyExample: Invalid value for option '--minutes': 'soon' is not a number (java -cp ntm4j.jar "
                + "io.github.ntm4j.examples.tasks.CopyExample --help shows the usage)", bad.err().strip());
        assertTrue(bad.oneErrorLine(), bad.err());
        for (String[] args : new String[][] {{"--epochs", "3"}, {"--out"}, {"--minutes", "0"}, {"--minibatches", "-1"}}) {
            CliRun r = parse(args);
            assertEquals(2, r.exitCode(), String.join(" ", args));
            assertTrue(r.oneErrorLine() && r.err().contains(args[0]), r.err());
        }
        CliRun seed = parse("--seed", "1.5");
        assertEquals(2, seed.exitCode());
        assertTrue(seed.err().contains("Invalid value for option '--seed': '1.5' is not a long"), seed.err());
        assertEquals("m.zip", ExampleRunner.parsed(CopyExample.class, 1, "m.zip").out().getPath());
        assertThrows(CommandLine.ParameterException.class,
                () -> ExampleRunner.parsed(CopyExample.class, 1, "m.zip", "--examples", "0"));
    }

    @Test
    void helpPrintsTheOptionsAndExitCode0() {
        CliRun help = parse("--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: java -cp ntm4j.jar io.github.ntm4j.examples.tasks.CopyExample"),
                help.out());
        for (String option : new String[] {"--minutes", "--minibatches", "--examples", "--out", "--seed"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
        assertEquals("", help.err());
    }

    /** What {@code CopyExample}'s argument parsing does with {@code args}: an exit code, or -1 to run on. */
    private static CliRun parse(String... args) {
        CommandLine cl = ExampleRunner.commandLine(CopyExample.class, ExampleRunner.parsed(CopyExample.class, 1, "m.zip"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = Cli.parse(cl, args).orElse(-1);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void seedOverridesTheExamplesOwnSeed() {
        assertEquals(7, ExampleRunner.parsed(CopyExample.class, 1, "m.zip", "--seed", "7").seed(1));
        assertEquals(-3, ExampleRunner.parsed(CopyExample.class, 1, "m.zip", "--seed", "-3").seed(1));
        assertEquals(1, ExampleRunner.parsed(CopyExample.class, 1, "m.zip").seed(1));
    }

    @Test
    void reachingTheTargetDropsTheLearningRateOnceAndTrainingGoesOn() throws Exception {
        CopyTask task = new CopyTask(CopyTask.Params.lasagne().withMaxLength(3));
        MultiLayerNetwork net = Networks.ntm(task, ControllerType.FEED_FORWARD, 1, new GravesRmsProp(1e-4));
        TaskIterator data = TaskIterator.builder(task).batchSize(400).seed(1).dataType(DataType.FLOAT).build();
        ExampleRunner runner = ExampleRunner.parsed(CopyExample.class, 1, "m.zip", "--minibatches", "4");
        runner.target(Double.POSITIVE_INFINITY);   // every validation reaches it
        runner.dropLearningRateAtTarget(0.1);

        String printed = printedBy(args -> runner.train(net, data));

        assertEquals(1e-5, net.getLearningRate(0), 1e-12, "dropped once, though every validation met it");
        assertEquals(1, printed.split("lr_drop learning_rate=1.00e-05", -1).length - 1, printed);
        assertTrue(printed.contains("done stop=budget sequences=1600 ") && !printed.contains("stopped"),
                "trained on to the budget, 4 minibatches of 400: " + printed);
        assertThrows(IllegalArgumentException.class, () -> runner.dropLearningRateAtTarget(1));
        assertThrows(IllegalArgumentException.class, () -> runner.dropLearningRateAtTarget(0));
    }

    @Test
    void theExamplesOwnMinibatchBudgetGivesWayToTheOption() throws Exception {
        CopyTask task = new CopyTask(CopyTask.Params.lasagne().withMaxLength(2));
        MultiLayerNetwork net = Networks.ntm(task, ControllerType.FEED_FORWARD, 1, new GravesRmsProp(1e-4));
        TaskIterator data = TaskIterator.builder(task).batchSize(1).seed(1).dataType(DataType.FLOAT).build();

        ExampleRunner own = ExampleRunner.parsed(CopyExample.class, 1, "m.zip");
        own.defaultMinibatches(3);
        String printed = printedBy(args -> own.train(net, data));
        assertTrue(printed.contains("max_minibatches=3 ") && printed.contains("done stop=budget sequences=3 "),
                printed);

        ExampleRunner given = ExampleRunner.parsed(CopyExample.class, 1, "m.zip", "--minibatches", "2");
        given.defaultMinibatches(5);
        printed = printedBy(args -> given.train(net, data));
        assertTrue(printed.contains("max_minibatches=2 ") && printed.contains("done stop=budget sequences=2 "),
                printed);
    }

    /** What {@code main} printed to standard output. */
    private static String printedBy(Main main, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        original.print(printed);
        return printed;
    }
}
