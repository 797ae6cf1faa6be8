package io.github.ntm4j.examples.training;

import io.github.ntm4j.tasks.TaskIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Trainer.Builder#averageFrom}: the parameters of the validations from a point on, averaged. */
class TrainerAverageTest {

    /** 30 sequences in minibatches of 2, a validation every 4 sequences (and at the end). */
    private static Trainer.Builder trainer() {
        return Trainer.builder().maxSequences(30).validateEvery(4).noTarget();
    }

    @Test
    void theAverageIsTheMeanOfTheParametersAtTheValidationsFromTheGivenPointOn() {
        List<INDArray> atValidations = new ArrayList<>();
        List<TrainingEvents.Average> reported = new ArrayList<>();
        INDArray[] saved = new INDArray[1];
        MultiLayerNetwork net = TrainerTest.net();
        trainer().injectFault((n, minibatches) -> {
            // Minibatches of 2 and a validation every 4 sequences, and at the end (30): after minibatches 2, 4, ... 14, 15.
            if (minibatches % 2 == 0 || minibatches == 15) {
                atValidations.add(n.params().dup());
            }
        }).averageFrom(12, n -> {
            saved[0] = n.params().dup();
            return "memory";
        }).listener(new TrainingListener() {
            @Override
            public void averaged(TrainingEvents.Average a) {
                reported.add(a);
            }
        }).build().train(net, TrainerTest.data(), "copy", "ntm", 5);

        // Validations at 4, 8, 12, ..., 28 and 30 sequences; from 12 on: 12, 16, 20, 24, 28, 30.
        List<INDArray> averaged = atValidations.subList(2, atValidations.size());
        assertEquals(6, averaged.size());
        INDArray mean = averaged.get(0).dup();
        for (int k = 1; k < averaged.size(); k++) {
            mean.addi(averaged.get(k));
        }
        mean.divi(averaged.size());
        assertTrue(mean.equalsWithEps(saved[0], 1e-6), "the saved average is the mean of the six validations' parameters");
        assertEquals(1, reported.size());
        TrainingEvents.Average a = reported.get(0);
        assertEquals(12, a.fromSequences());
        assertEquals(30, a.toSequences());
        assertEquals(6, a.snapshots());
        assertEquals("memory", a.where());
        assertTrue(Double.isFinite(a.bitErrors()) && Double.isFinite(a.cost()));
        // The network keeps its own last parameters.
        assertEquals(atValidations.get(atValidations.size() - 1), net.params());
        assertNotEquals(saved[0], net.params());
    }

    @Test
    void averagingChangesNeitherTheTrainingNorTheBestModel() {
        MultiLayerNetwork plain = TrainerTest.net();
        List<INDArray> plainBest = new ArrayList<>();
        trainer().keepBestParameters().checkpoint(n -> {
            plainBest.add(n.params().dup());
            return "memory";
        }).build().train(plain, TrainerTest.data(), "copy", "ntm", 5);
        MultiLayerNetwork averaging = TrainerTest.net();
        List<INDArray> averagingBest = new ArrayList<>();
        trainer().keepBestParameters().checkpoint(n -> {
            averagingBest.add(n.params().dup());
            return "memory";
        }).averageFrom(8, null).build().train(averaging, TrainerTest.data(), "copy", "ntm", 5);
        assertEquals(plainBest, averagingBest);
        assertEquals(plain.params(), averaging.params());
    }

    @Test
    void aLastCheckpointWrittenAfterAveragingBeganIsNotResumed() {
        List<TrainerState> states = new ArrayList<>();
        trainer().averageFrom(12, null).lastCheckpoint(8, (n, state) -> {
            states.add(state);
            return "memory";
        }).build().train(TrainerTest.net(), TrainerTest.data(), "copy", "ntm", 5);
        assertEquals(List.of(0, 2, 4, 6), states.stream().map(TrainerState::averaged).toList(),
                "validations averaged at the last checkpoints after 8, 16, 24 and 30 sequences");
        TrainerState before = states.get(0);
        TrainerState after = states.get(1);
        assertEquals(after, TrainerState.fromMetadata(after.toMetadata()), "the count is kept in the metadata");
        assertEquals(0, TrainerState.fromMetadata(before.toMetadata()).averaged());

        Trainer resuming = trainer().averageFrom(12, null).build();
        TaskIterator data = TrainerTest.data();
        resuming.checkResumable(before, data, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resuming.checkResumable(after, data, 5));
        assertTrue(e.getMessage().contains("the parameters of 2 validations had been averaged"), e.getMessage());
        assertTrue(e.getMessage().contains("train that stage again"), e.getMessage());
    }

    @Test
    void aStateWrittenBeforeAveragingExistedReadsAsNoneAveraged() {
        TrainerState s = new TrainerState(7, 14, 16, 18, 0.25, 3, 1.5, 2.5, Selection.COST, 40.5, 2.25,
                3.5, true, false, 1e-3, -1, new TaskIterator.Position(0, 7, 14), 0, 1.0, null, 5, 2, 8, 9, 64);
        Map<String, String> metadata = s.toMetadata();
        assertTrue(metadata.keySet().stream().noneMatch(k -> k.endsWith("averaged")));
        assertEquals(0, TrainerState.fromMetadata(metadata).averaged());
        // A count that is not a whole number is a malformed state, not a truncated one.
        Map<String, String> bad = new java.util.HashMap<>(metadata);
        bad.put(TrainerState.PREFIX + "averaged", "2.5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerState.fromMetadata(bad));
        assertTrue(e.getMessage().contains("trainer.averaged"), e.getMessage());
    }

    @Test
    void aNegativeStartIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().averageFrom(-1, null));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }
}
