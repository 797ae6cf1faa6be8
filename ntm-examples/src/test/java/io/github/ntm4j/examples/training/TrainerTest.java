package io.github.ntm4j.examples.training;

import io.github.ntm4j.examples.dashboard.TrainingLog;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.updater.GravesRmsProp;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.TaskIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final CopyTask TASK = new CopyTask(new CopyTask.Params(3, 1, 3));

    @TempDir
    Path dir;

    static MultiLayerNetwork net() {
        return net(1e-3);
    }

    static MultiLayerNetwork net(double learningRate) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).updater(new GravesRmsProp(learningRate)).list()
                .layer(new NtmLayer.Builder().nIn(TASK.inputSize()).memory(8, 4).controllerSize(10).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(TASK.outputSize()).build())
                .setInputType(InputType.recurrent(TASK.inputSize())).build());
        n.init();
        return n;
    }

    static TaskIterator data() {
        return TaskIterator.builder(TASK).batchSize(2).batchesPerEpoch(7).seed(3).freshDataEachEpoch(true)
                .dataType(DataType.FLOAT).build();
    }

    /** Records every event's name in order. */
    private static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void started(TrainingEvents.Start s) {
            events.add("start");
        }

        @Override
        public void validated(TrainingEvents.Validation v) {
            events.add("validation@" + v.sequences());
        }

        @Override
        public void checkpointed(TrainingEvents.Checkpoint c) {
            events.add("checkpoint@" + c.sequences());
        }

        @Override
        public void learningRateDropped(TrainingEvents.RateDrop d) {
            events.add("lr_drop@" + d.sequences());
        }

        @Override
        public void stopped(TrainingEvents.Result r) {
            events.add("stop:" + r.reason().label());
        }
    }

    @Test
    void validatesBySequencesAndStopsAtTheBudgetDeterministically() {
        Recorder events = new Recorder();
        MultiLayerNetwork a = net();
        TrainingEvents.Result r = Trainer.builder().maxSequences(20).validateEvery(8).noTarget().listener(events)
                .build().train(a, data(), "copy", "ntm", 5);
        assertEquals(TrainingEvents.StopReason.BUDGET, r.reason());
        assertEquals(20, r.sequences());
        assertEquals(10, r.minibatches());
        // Every 8 sequences, and at the end of the budget; the first validation is always a new best.
        assertEquals(List.of("start", "validation@8", "validation@16", "validation@20", "stop:budget"),
                events.events.stream().filter(e -> !e.startsWith("checkpoint")).toList());

        MultiLayerNetwork b = net();
        Trainer.builder().maxSequences(20).validateEvery(8).noTarget().build().train(b, data(), "copy", "ntm", 5);
        assertEquals(a.params(), b.params(), "the same run twice gives the same parameters");
    }

    @Test
    void reachingTheTargetStopsOrDropsTheRateAndTrainsOn() {
        Recorder stop = new Recorder();
        TrainingEvents.Result r = Trainer.builder().maxSequences(40).validateEvery(4).target(1e9).listener(stop)
                .build().train(net(), data(), "copy", "ntm", 5);
        assertEquals(TrainingEvents.StopReason.TARGET, r.reason());
        assertEquals(4, r.sequences());

        Recorder drop = new Recorder();
        MultiLayerNetwork net = net();
        List<String> saved = new ArrayList<>();
        r = Trainer.builder().maxSequences(12).validateEvery(4).target(1e9).dropLearningRateAtTarget(0.1)
                .checkpoint(n -> {
                    saved.add("saved");
                    return "memory";
                })
                .listener(drop).build().train(net, data(), "copy", "ntm", 5);
        assertEquals(TrainingEvents.StopReason.BUDGET, r.reason());
        assertEquals(12, r.sequences());
        assertEquals(1e-4, net.getLearningRate(0), 1e-12, "dropped tenfold once");
        assertEquals(List.of("start", "validation@4", "checkpoint@4", "lr_drop@4"), drop.events.subList(0, 4));
        assertEquals(saved.size(), drop.events.stream().filter(e -> e.startsWith("checkpoint")).count());
    }

    @Test
    void keepsTheBestParametersAndStopsWhenACheckpointFails() {
        List<INDArray> checkpoints = new ArrayList<>();
        MultiLayerNetwork net = net();
        TrainingEvents.Result r = Trainer.builder().maxSequences(30).validateEvery(6).noTarget().keepBestParameters()
                .checkpoint(n -> {
                    checkpoints.add(n.params().dup());
                    return "memory";
                }).build().train(net, data(), "copy", "ntm", 5);
        assertTrue(r.restoredBest());
        assertEquals(checkpoints.get(checkpoints.size() - 1), net.params(), "left with the last best");

        r = Trainer.builder().maxSequences(30).validateEvery(6).checkpoint(n -> {
            throw new IOException("disk full");
        }).build().train(net(), data(), "copy", "ntm", 5);
        assertEquals(TrainingEvents.StopReason.CHECKPOINT_FAILED, r.reason());
        assertEquals("disk full", r.problem());
        assertEquals(6, r.sequences());
    }

    @Test
    void theJsonLinesLogReadsBackAsALearningCurve() throws IOException {
        Path file = dir.resolve("run.jsonl");
        try (JsonLinesLog log = new JsonLinesLog(file)) {
            Trainer.builder().maxSequences(24).validateEvery(8).noTarget().checkpoint(n -> "m.zip").listener(log)
                    .build().train(net(), data(), "copy", "ntm controller=ff", 5);
        }
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("{\"event\":\"start\",\"task\":\"copy\""), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("{\"event\":\"stop\",\"reason\":\"budget\""));

        TrainingLog read = TrainingLog.read(file);
        assertEquals(TrainingLog.Format.JSON_LINES, read.format());
        assertEquals(List.of(8L, 16L, 24L), read.points().stream().map(TrainingLog.Point::sequences).toList());
        assertEquals("copy", read.header().get("task"));
        assertEquals("ntm controller=ff", read.header().get("model"));
        assertTrue(read.describe().contains("3 points"), read.describe());
        assertEquals(read.checkpoints().size(), lines.stream().filter(l -> l.contains("\"checkpoint\"")).count());
    }

    @Test
    void theConsoleLinesAreTrainsFormat() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Trainer.builder().maxSequences(8).validateEvery(8).noTarget().listener(new ConsoleProgress(new PrintStream(bytes)))
                .build().train(net(), data(), "copy", "ntm", 5);
        List<String> lines = bytes.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("task=copy model=ntm params="), lines.get(0));
        assertTrue(lines.get(1).matches("sequences=8 seq_per_s=\\S+ loss=\\S+ bit_errors_per_seq=\\S+ cost_per_seq=\\S+"
                        + " time_left_s=\\S+"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("done stop=budget sequences=8 "), lines.get(2));
        TrainingLog read = TrainingLog.parse("console", lines);
        assertEquals(TrainingLog.Format.TRAIN_TEXT, read.format());
        assertNotEquals(0, read.points().size());
    }

    /**
     * Every training log kept in docs/logs (JSON lines; those first printed as text were rewritten by
     * docs/logs/from-text.py) reads as a learning curve (other measurements, such as docs/logs/dl4j-tools, sit
     * in subdirectories).
     */
    @Test
    void everyKeptLogStillReads() throws IOException {
        Path logs = Path.of("").toAbsolutePath().getParent().resolve("docs/logs");
        List<Path> files;
        try (var list = Files.list(logs)) {
            files = list.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertTrue(files.size() > 50, "found the kept logs: " + files.size());
        for (Path f : files) {
            TrainingLog log = TrainingLog.read(f);
            assertTrue(log.points().size() > 0 && log.format() == TrainingLog.Format.JSON_LINES, log.describe());
        }
    }

    /** Records every validation's scores and where the checkpoints were written. */
    private static final class Scores implements TrainingListener {
        final List<TrainingEvents.Validation> validations = new ArrayList<>();
        final List<Long> checkpoints = new ArrayList<>();
        double resumedBest = Double.NaN;

        @Override
        public void resumed(TrainingEvents.Resumed r) {
            resumedBest = r.best();
        }

        @Override
        public void validated(TrainingEvents.Validation v) {
            validations.add(v);
        }

        @Override
        public void checkpointed(TrainingEvents.Checkpoint c) {
            checkpoints.add(c.sequences());
        }
    }

    /** Where a run ranked by {@code selection} writes its best checkpoints, from the validations it measured. */
    private static List<Long> newBests(List<TrainingEvents.Validation> validations, Selection selection) {
        List<Long> at = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (TrainingEvents.Validation v : validations) {
            double score = selection.of(v.bitErrors(), v.cost());
            if (score <= best) {
                best = score;
                at.add(v.sequences());
            }
        }
        return at;
    }

    /**
     * Ranking by the cost trains the same network as ranking by bit errors and keeps the checkpoint of the lowest
     * validation cost; the two rankings pick different checkpoints on this run.
     */
    @Test
    void selectsTheBestModelByTheCostWhenAsked() {
        Scores byBits = new Scores();
        Scores byCost = new Scores();
        // A high rate: the scores wander, so the two rankings part.
        MultiLayerNetwork a = net(3e-2);
        MultiLayerNetwork b = net(3e-2);
        TrainingEvents.Result ra = Trainer.builder().maxSequences(60).validateEvery(2).noTarget()
                .checkpoint(n -> "bits.zip").listener(byBits).build().train(a, data(), "copy", "ntm", 5);
        TrainingEvents.Result rb = Trainer.builder().maxSequences(60).validateEvery(2).noTarget()
                .selectBy(Selection.COST).checkpoint(n -> "cost.zip").listener(byCost).build()
                .train(b, data(), "copy", "ntm", 5);

        assertEquals(a.params(), b.params(), "the ranking does not touch training");
        assertEquals(byBits.validations.stream().map(v -> v.bitErrors() + " " + v.cost()).toList(),
                byCost.validations.stream().map(v -> v.bitErrors() + " " + v.cost()).toList());
        assertEquals(newBests(byBits.validations, Selection.BIT_ERRORS), byBits.checkpoints);
        assertEquals(newBests(byCost.validations, Selection.COST), byCost.checkpoints);
        assertNotEquals(byBits.checkpoints, byCost.checkpoints, "a run on which the two rankings differ: "
                + byBits.validations.stream().map(v -> v.bitErrors() + "/" + v.cost()).toList());

        double lowestCost = byCost.validations.stream().mapToDouble(TrainingEvents.Validation::cost).min().orElseThrow();
        assertEquals(Selection.COST, rb.selection());
        assertEquals(lowestCost, rb.best());
        assertEquals(lowestCost, rb.bestCost());
        TrainingEvents.Validation chosen = byCost.validations.stream()
                .filter(v -> v.sequences() == byCost.checkpoints.get(byCost.checkpoints.size() - 1)).findFirst()
                .orElseThrow();
        assertEquals(chosen.bitErrors(), rb.bestBitErrors());
        assertEquals(Selection.BIT_ERRORS, ra.selection());
        assertEquals(ra.best(), ra.bestBitErrors());
    }

    /** A run resumed with the other ranking starts its best anew: the first validation after it is a new best. */
    @Test
    void aRunResumedWithAnotherRankingForgetsItsBest() {
        TrainerState[] saved = new TrainerState[1];
        MultiLayerNetwork net = net();
        Trainer.builder().maxSequences(8).validateEvery(4).noTarget().lastCheckpoint(8, (n, state) -> {
            saved[0] = state;
            return "memory";
        }).build().train(net, data(), "copy", "ntm", 5);
        assertEquals(Selection.BIT_ERRORS, saved[0].selection());
        assertTrue(Double.isFinite(saved[0].best()));

        Scores same = new Scores();
        Trainer.builder().maxSequences(12).validateEvery(4).noTarget().listener(same).build()
                .train(net(), data(), "copy", "ntm", 5, 5, new Trainer.Resume(saved[0], "memory"));
        assertEquals(saved[0].best(), same.resumedBest);

        Scores other = new Scores();
        Trainer.builder().maxSequences(12).validateEvery(4).noTarget().selectBy(Selection.COST).listener(other)
                .build().train(net(), data(), "copy", "ntm", 5, 5, new Trainer.Resume(saved[0], "memory"));
        assertEquals(Double.POSITIVE_INFINITY, other.resumedBest);
        assertTrue(other.validations.get(0).improved());
        assertEquals(other.validations.get(0).cost(), other.validations.get(0).best());
    }

    /** Clipped to a tiny global norm, Graves' RMSprop (whose ε then dominates) hardly moves the parameters. */
    @Test
    void clipsTheGlobalNormWhileItTrainsAndOnlyThen() {
        MultiLayerNetwork clipped = net();
        MultiLayerNetwork plain = net();
        INDArray start = plain.params().dup();
        Trainer.builder().maxSequences(8).validateEvery(8).noTarget().clipGlobalNorm(1e-7).build()
                .train(clipped, data(), "copy", "ntm", 5);
        Trainer.builder().maxSequences(8).validateEvery(8).noTarget().build().train(plain, data(), "copy", "ntm", 5);

        double clippedStep = clipped.params().sub(start).norm2Number().doubleValue();
        double plainStep = plain.params().sub(start).norm2Number().doubleValue();
        assertTrue(clippedStep < plainStep / 100, clippedStep + " against " + plainStep);
        assertTrue(clipped.getListeners().isEmpty(), "the clipping goes with the Trainer: " + clipped.getListeners());
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().noTarget().dropLearningRateAtTarget(0.1).build()).getMessage()
                .contains("no target"));
        assertThrows(() -> Trainer.builder().dropLearningRateAtTarget(1.5));
        assertThrows(() -> Trainer.builder().dropLearningRateAtTarget(0));
        assertThrows(() -> Trainer.builder().validateEvery(0));
        assertThrows(() -> Trainer.builder().minutes(-1));
        assertThrows(() -> Trainer.builder().clipGlobalNorm(0));
        assertThrows(() -> Trainer.builder().clipGlobalNorm(Double.NaN));
    }

    private static void assertThrows(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, e);
    }
}
