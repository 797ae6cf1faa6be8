package io.github.ntm4j.examples.training;

import io.github.ntm4j.layer.io.ModelFileWriter;
import io.github.ntm4j.layer.io.ModelMetadata;
import io.github.ntm4j.layer.io.SafeModelLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The last checkpoint, resuming from it, and rolling back to it after a fault (docs/reliability.md). */
class TrainerResumeTest {
    @TempDir
    Path dir;

    /** Every validation's numbers, in order. */
    private static final class Validations implements TrainingListener {
        final List<String> lines = new ArrayList<>();
        final List<TrainingEvents.Rollback> rollbacks = new ArrayList<>();

        @Override
        public void validated(TrainingEvents.Validation v) {
            lines.add(v.minibatches() + " " + v.sequences() + " " + v.loss() + " " + v.meanLoss() + " "
                    + v.bitErrors() + " " + v.best() + " " + v.learningRate());
        }

        @Override
        public void rolledBack(TrainingEvents.Rollback b) {
            rollbacks.add(b);
        }
    }

    /** 30 sequences over two epochs of the stream, a rate drop at the first validation, a checkpoint every 6. */
    private static Trainer.Builder trainer() {
        return Trainer.builder().maxSequences(30).validateEvery(8).target(1e9).dropLearningRateAtTarget(0.5);
    }

    @Test
    void resumingFromEveryLastCheckpointEndsWhereTheRunNeverStoppedDid() throws IOException {
        List<Path> files = new ArrayList<>();
        Validations whole = new Validations();
        MultiLayerNetwork reference = TrainerTest.net();
        trainer().listener(whole).lastCheckpoint(6, (n, state) -> {
            Path file = dir.resolve("last-" + state.sequences() + ".zip");
            ModelMetadata metadata = ModelMetadata.of("copy", null);
            for (Map.Entry<String, String> e : state.toMetadata().entrySet()) {
                metadata = metadata.with(e.getKey(), e.getValue());
            }
            ModelFileWriter.write(n, file, true, metadata);
            files.add(file);
            return file.toString();
        }).build().train(reference, TrainerTest.data(), "copy", "ntm", 5);
        assertEquals(List.of("last-6.zip", "last-12.zip", "last-18.zip", "last-24.zip", "last-30.zip"),
                files.stream().map(f -> f.getFileName().toString()).toList());

        for (Path file : files.subList(0, 4)) {
            SafeModelLoader.Loaded<MultiLayerNetwork> loaded = SafeModelLoader.defaults()
                    .loadMultiLayerNetwork(file, true);
            TrainerState state = TrainerState.fromMetadata(loaded.metadata().asMap());
            Validations resumed = new Validations();
            MultiLayerNetwork net = loaded.network();
            trainer().listener(resumed).build().train(net, TrainerTest.data(), "copy", "ntm", 5, 5,
                    new Trainer.Resume(state, file.toString()));
            assertEquals(reference.params(), net.params(), "resumed from " + file.getFileName());
            assertEquals(whole.lines.subList(whole.lines.size() - resumed.lines.size(), whole.lines.size()),
                    resumed.lines, "the validations after " + file.getFileName());
        }
    }

    @Test
    void aCurriculumsLevelAndValidationSetAreResumedToo() {
        // Threshold 1e9: the level doubles at every validation, 1 -> 2 -> 3 (the widths stay those of copy 1-3).
        java.util.function.Supplier<io.github.ntm4j.tasks.TaskIterator> data = () -> {
            io.github.ntm4j.tasks.Curriculum c = io.github.ntm4j.tasks.Curriculum.doubling(
                    n -> new io.github.ntm4j.tasks.CopyTask(new io.github.ntm4j.tasks.CopyTask.Params(3, 1, n)), 1, 3,
                    1e9);
            return io.github.ntm4j.tasks.TaskIterator.builder(c).batchSize(2).batchesPerEpoch(7).seed(3)
                    .freshDataEachEpoch(true).build();
        };
        List<TrainerState> states = new ArrayList<>();
        List<INDArray[]> networks = new ArrayList<>();
        Validations whole = new Validations();
        MultiLayerNetwork reference = TrainerTest.net();
        io.github.ntm4j.tasks.TaskIterator first = data.get();
        Trainer.builder().maxSequences(30).validateEvery(8).noTarget().curriculumOnBitErrors(first.curriculum())
                .listener(whole).lastCheckpoint(6, (n, state) -> {
                    states.add(state);
                    networks.add(new INDArray[] {n.params().dup(), n.getUpdater().getStateViewArray().dup()});
                    return "memory";
                }).build().train(reference, first, "copy", "ntm", 5);
        assertEquals(3, first.curriculum().level());
        for (int i = 0; i < states.size() - 1; i++) {
            MultiLayerNetwork net = TrainerTest.net();
            net.setParams(networks.get(i)[0]);
            net.getUpdater().getStateViewArray().assign(networks.get(i)[1]);
            net.setIterationCount((int) states.get(i).minibatches());
            io.github.ntm4j.tasks.TaskIterator it = data.get();
            Validations resumed = new Validations();
            Trainer.builder().maxSequences(30).validateEvery(8).noTarget().curriculumOnBitErrors(it.curriculum())
                    .listener(resumed).build().train(net, it, "copy", "ntm", 5, 5,
                            new Trainer.Resume(states.get(i), "memory"));
            assertEquals(reference.params(), net.params(), "resumed at " + states.get(i).sequences());
            assertEquals(whole.lines.subList(whole.lines.size() - resumed.lines.size(), whole.lines.size()),
                    resumed.lines, "the validations after " + states.get(i).sequences());
        }
    }

    @Test
    void theStateSurvivesItsMetadataForm() {
        TrainerState s = new TrainerState(7, 14, 16, 18, 0.1 + 0.2, 3, 1.5, 140.25 / 3, Selection.COST, 40.5, 2.25,
                40.5, false, true, 1e-4 / 3, 2, new io.github.ntm4j.tasks.TaskIterator.Position(1, 0, 12345), 1, 2.5,
                null, -9, 2, 8, 10, 64);
        assertEquals(s, TrainerState.fromMetadata(s.toMetadata()));
        TrainerState first = new TrainerState(7, 14, 16, 18, 0.1 + 0.2, 3, Double.NaN, Double.NaN,
                Selection.BIT_ERRORS, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, false, true, 1e-4 / 3, 2,
                new io.github.ntm4j.tasks.TaskIterator.Position(1, 0, 12345), 1, 2.5, null, -9, 2, 8, 10, 64);
        assertEquals(first, TrainerState.fromMetadata(first.toMetadata()));
        // A checkpoint from before the cost was measured: ranked by bit errors, its best's cost unknown.
        Map<String, String> older = new java.util.HashMap<>(s.toMetadata());
        for (String key : new String[]{"cost", "selected_by", "best_bit_errors", "best_cost"}) {
            older.remove("trainer." + key);
        }
        TrainerState read = TrainerState.fromMetadata(older);
        assertEquals(Selection.BIT_ERRORS, read.selection());
        assertEquals(40.5, read.bestBitErrors());
        assertTrue(Double.isNaN(read.cost()) && Double.isNaN(read.bestCost()));
        older.put("trainer.selected_by", "luck");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainerState.fromMetadata(older)).getMessage()
                .contains("trainer.selected_by"));
        assertNull(TrainerState.fromMetadata(Map.of("task", "copy")));
        Map<String, String> broken = new java.util.HashMap<>(s.toMetadata());
        broken.put("trainer.sequences", "many");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainerState.fromMetadata(broken)).getMessage()
                .contains("trainer.sequences"));
    }

    @Test
    void aRunWithAnotherDataSeedIsNotResumed() {
        TrainerState[] saved = new TrainerState[1];
        trainer().maxSequences(6).lastCheckpoint(6, (n, state) -> {
            saved[0] = state;
            return "memory";
        }).build().train(TrainerTest.net(), TrainerTest.data(), "copy", "ntm", 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer().build()
                .train(TrainerTest.net(), TrainerTest.data(), "copy", "ntm", 5, 6, new Trainer.Resume(saved[0], "m")));
        assertTrue(e.getMessage().contains("data seed 5, not 6"), e.getMessage());
    }

    @Test
    void aNanUpdateRollsBackToTheLastCheckpointAtALowerRateAndIsLogged() throws IOException {
        Validations events = new Validations();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path log = dir.resolve("run.jsonl");
        MultiLayerNetwork net = TrainerTest.net();
        boolean[] spoiled = {false};
        TrainingEvents.Result r;
        try (JsonLinesLog json = new JsonLinesLog(log)) {
            r = Trainer.builder().maxSequences(30).validateEvery(8).noTarget().rollbacks(3, 0.5)
                    .lastCheckpoint(4, (n, state) -> "memory")
                    .injectFault((n, minibatches) -> {
                        // Once, at the 5th minibatch (10 sequences): as if the gradient had held a NaN.
                        if (minibatches == 5 && !spoiled[0]) {
                            spoiled[0] = true;
                            n.params().putScalar(0, Double.NaN);
                        }
                    })
                    .listener(events).listener(json).listener(new ConsoleProgress(new PrintStream(console)))
                    .build().train(net, TrainerTest.data(), "copy", "ntm", 5);
        }
        assertEquals(TrainingEvents.StopReason.BUDGET, r.reason());
        assertEquals(30, r.sequences());
        assertEquals(1, events.rollbacks.size());
        TrainingEvents.Rollback b = events.rollbacks.get(0);
        assertEquals(10, b.atSequences());
        assertEquals(8, b.toSequences(), "back to the last checkpoint");
        assertEquals(5e-4, b.learningRate(), 1e-12);
        assertEquals(5e-4, net.getLearningRate(0), 1e-12);
        assertTrue(Double.isFinite(net.params().sumNumber().doubleValue()));
        assertTrue(console.toString().contains("rollback 1 of 3: the parameters stopped being finite"), console.toString());
        assertTrue(Files.readString(log).contains("\"event\":\"rollback\",\"sequences\":10"), Files.readString(log));
        assertEquals(List.of(8L, 16L, 24L, 30L), io.github.ntm4j.examples.dashboard.TrainingLog.read(log).points()
                .stream().map(io.github.ntm4j.examples.dashboard.TrainingLog.Point::sequences).toList());
    }

    @Test
    void aFaultThatKeepsComingBackStopsAsDivergedAfterTheRollbacks() {
        Validations events = new Validations();
        MultiLayerNetwork net = TrainerTest.net();
        TrainingEvents.Result r = Trainer.builder().maxSequences(30).validateEvery(8).noTarget().rollbacks(3, 0.5)
                .lastCheckpoint(4, (n, state) -> "memory")
                .injectFault((n, minibatches) -> {
                    if (minibatches >= 5) {
                        n.params().putScalar(0, Double.POSITIVE_INFINITY);
                    }
                })
                .listener(events).build().train(net, TrainerTest.data(), "copy", "ntm", 5);
        assertEquals(TrainingEvents.StopReason.DIVERGED, r.reason());
        assertEquals(List.of(1, 2, 3), events.rollbacks.stream().map(TrainingEvents.Rollback::rollback).toList());
        assertEquals(1e-3 / 8, events.rollbacks.get(2).learningRate(), 1e-12);

        // Without rollbacks, the first divergence stops training. NaN parameters count, though the loss, which clips
        // the predictions, can stay finite with them.
        r = Trainer.builder().maxSequences(30).validateEvery(8).noTarget()
                .injectFault((n, minibatches) -> n.params().putScalar(0, Double.NaN))
                .build().train(TrainerTest.net(), TrainerTest.data(), "copy", "ntm", 5);
        assertEquals(TrainingEvents.StopReason.DIVERGED, r.reason());
        assertEquals(2, r.sequences());
    }
}
