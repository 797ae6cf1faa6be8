package io.github.ntm4j.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

class TaskIteratorTest {

    private static final List<Supplier<SequenceTask>> ALL_TASKS = List.of(
            CopyTask::new, ReversedCopyTask::new, RepeatCopyTask::new, AssociativeRecallTask::new,
            DyckWordsTask::new, PrioritySortTask::new, DynamicNGramsTask::new);

    private static List<DataSet> epoch(TaskIterator it) {
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void everyTaskGivesNcwArraysOfTheAdvertisedWidths() {
        for (Supplier<SequenceTask> s : ALL_TASKS) {
            SequenceTask task = s.get();
            TaskIterator it = TaskIterator.builder(task).batchSize(3).batchesPerEpoch(2).seed(1).build();
            assertEquals(task.inputSize(), it.inputColumns(), task.name());
            assertEquals(task.outputSize(), it.totalOutcomes(), task.name());
            assertEquals(3, it.batch());
            assertTrue(it.resetSupported());
            assertNull(it.getLabels());
            DataSet ds = it.next();
            long t = ds.getFeatures().size(2);
            assertArrayEquals(new long[] {3, task.inputSize(), t}, ds.getFeatures().shape(), task.name());
            assertArrayEquals(new long[] {3, task.outputSize(), t}, ds.getLabels().shape(), task.name());
            assertArrayEquals(new long[] {3, t}, ds.getFeaturesMaskArray().shape(), task.name());
            assertArrayEquals(new long[] {3, t}, ds.getLabelsMaskArray().shape(), task.name());
            assertEquals(DataType.FLOAT, ds.getFeatures().dataType());
            assertTrue(t <= task.maxSteps(), task.name());
            // Label mask within feature mask, and no target outside the label mask.
            Batch batch = new Batch(ds);
            for (int b = 0; b < 3; b++) {
                for (int step = 0; step < t; step++) {
                    assertTrue(batch.yMask[b][step] <= batch.xMask[b][step], task.name());
                    if (batch.yMask[b][step] == 0) {
                        for (float[] channel : batch.y[b]) {
                            assertEquals(0f, channel[step], task.name() + " target outside the answers");
                        }
                    }
                }
            }
        }
    }

    @Test
    void paddingIsAtTheEndAndMasksCoverEachExample() {
        List<Example> examples = List.of(
                new CopyTask(CopyTask.Params.paper().withLength(1)).sample(new java.util.Random(1)),
                new CopyTask(CopyTask.Params.paper().withLength(3)).sample(new java.util.Random(2)));
        Batch batch = new Batch(Examples.toDataSet(examples, DataType.FLOAT));
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0}, batch.xMask[0]);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0}, batch.yMask[0]);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1}, batch.xMask[1]);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1}, batch.yMask[1]);
        for (int t = 3; t < 7; t++) {
            for (float[] channel : batch.x[0]) {
                assertEquals(0f, channel[t], "padding is zero");
            }
        }
        assertEquals(examples.get(0).input()[0][4], batch.x[0][4][0]);
    }

    @Test
    void resetReplaysTheSameEpochAndSeedsDiffer() {
        TaskIterator it = TaskIterator.builder(new CopyTask()).batchSize(4).batchesPerEpoch(3).seed(5).build();
        List<DataSet> first = epoch(it);
        assertEquals(3, first.size());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        it.reset();
        List<DataSet> second = epoch(it);
        assertEquals(first, second);
        List<DataSet> other = epoch(TaskIterator.builder(new CopyTask()).batchSize(4).batchesPerEpoch(3).seed(6).build());
        assertNotEquals(first, other);
        // Within an epoch the minibatches differ.
        assertNotEquals(first.get(0), first.get(1));
    }

    @Test
    void freshDataEachEpochIsNewButStillReproducible() {
        Supplier<TaskIterator> make = () -> TaskIterator.builder(new CopyTask()).batchSize(2).batchesPerEpoch(2)
                .seed(5).freshDataEachEpoch(true).build();
        TaskIterator a = make.get();
        List<DataSet> a0 = epoch(a);
        a.reset();
        List<DataSet> a1 = epoch(a);
        assertNotEquals(a0, a1);
        TaskIterator b = make.get();
        assertEquals(a0, epoch(b));
        b.reset();
        assertEquals(a1, epoch(b));
        assertEquals(1, b.epoch());
    }

    @Test
    void preProcessorIsApplied() {
        TaskIterator it = TaskIterator.builder(new CopyTask()).batchesPerEpoch(1).build();
        it.setPreProcessor(ds -> ds.getFeatures().muli(2));
        DataSet ds = it.next();
        assertEquals(2.0, ds.getFeatures().maxNumber().doubleValue(), 0);
        assertTrue(it.getPreProcessor() != null);
    }

    @Test
    void iteratorParametersAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskIterator.builder(new CopyTask()).batchSize(0));
        assertTrue(e.getMessage().contains("batchSize must be >= 1, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaskIterator.builder(new CopyTask()).batchesPerEpoch(0));
    }

    @Test
    void curriculumRaisesTheMaximumLengthWhenTheMetricFallsUnderTheThreshold() {
        CopyTask.Params base = CopyTask.Params.paper();
        Curriculum curriculum = Curriculum.of(n -> new CopyTask(base.withMaxLength(n)), 2, 8, 0.1, n -> n + 3);
        TaskIterator it = TaskIterator.builder(curriculum).batchSize(50).batchesPerEpoch(100).build();
        assertEquals(2 * 2 + 1, it.next().getFeatures().size(2), "level 2: lengths up to 2");
        assertFalse(curriculum.report(0.5), "above the threshold: stay");
        assertFalse(curriculum.report(0.1), "not strictly under: stay");
        assertEquals(2, curriculum.level());
        assertTrue(curriculum.report(0.05));
        assertEquals(5, curriculum.level());
        assertEquals(2 * 5 + 1, it.next().getFeatures().size(2), "level 5: some of 50 examples have length 5");
        assertTrue(curriculum.report(0.0));
        assertEquals(8, curriculum.level(), "clamped to the final level");
        assertFalse(curriculum.report(0.0));
        assertEquals(8, ((CopyTask) it.currentTask()).params().maxLength());
    }

    @Test
    void seekingToAPositionServesWhatTheIteratorServedNextFromThere() {
        for (Supplier<SequenceTask> s : ALL_TASKS) {
            TaskIterator a = TaskIterator.builder(s.get()).batchSize(2).batchesPerEpoch(3).seed(7)
                    .freshDataEachEpoch(true).build();
            List<TaskIterator.Position> positions = new ArrayList<>();
            List<DataSet> served = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                if (!a.hasNext()) {
                    a.reset();
                }
                positions.add(a.position());
                served.add(a.next());
            }
            for (int from = 0; from < served.size(); from++) {
                TaskIterator b = TaskIterator.builder(s.get()).batchSize(2).batchesPerEpoch(3).seed(7)
                        .freshDataEachEpoch(true).build();
                b.seek(positions.get(from));
                for (int i = from; i < served.size(); i++) {
                    if (!b.hasNext()) {
                        b.reset();
                    }
                    assertEquals(served.get(i).getFeatures(), b.next().getFeatures(), s.get().name() + " from " + from);
                }
                assertEquals(a.position(), b.position());
            }
        }
    }

    @Test
    void aPositionFromADifferentlyBuiltIteratorIsRefused() {
        TaskIterator it = TaskIterator.builder(new CopyTask()).batchesPerEpoch(3).build();
        assertThrows(IllegalArgumentException.class, () -> it.seek(new TaskIterator.Position(0, 4, 10)));
        assertThrows(IllegalArgumentException.class, () -> new TaskIterator.Position(0, -1, 0));
    }

    @Test
    void aPendingGaussianRefusesToGiveAPosition() {
        CopyTask copy = new CopyTask();
        SequenceTask gaussian = new SequenceTask() {
            public String name() {
                return "gaussian";
            }

            public int inputSize() {
                return copy.inputSize();
            }

            public int outputSize() {
                return copy.outputSize();
            }

            public long maxSteps() {
                return copy.maxSteps();
            }

            public Example sample(java.util.Random rng) {
                rng.nextGaussian();
                return copy.sample(rng);
            }
        };
        TaskIterator it = TaskIterator.builder(gaussian).build();
        it.next();
        assertThrows(IllegalStateException.class, it::position);
        it.next();
        assertEquals(2, it.position().batchesServed());
    }

    @Test
    void aCurriculumRestoredToALevelGivesThatLevelsTask() {
        Curriculum c = Curriculum.doubling(n -> new CopyTask(new CopyTask.Params(8, 1, n)), 1, 8, 0.5);
        c.restoreLevel(4);
        assertEquals(4, c.level());
        assertEquals(new CopyTask(new CopyTask.Params(8, 1, 4)).maxSteps(), c.task().maxSteps());
        assertTrue(c.report(0.1));
        assertEquals(8, c.level());
        assertThrows(IllegalArgumentException.class, () -> c.restoreLevel(9));
    }
}
