package io.github.ntm4j.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} over freshly generated examples of a {@link SequenceTask}.
 *
 * <p>An epoch is {@link Builder#batchesPerEpoch} minibatches of {@link Builder#batchSize}
 * examples, padded as described in {@link Examples#toDataSet}: features {@code [B, X, T]},
 * labels {@code [B, Y, T]}, feature and label masks {@code [B, T]}, lengths mixed within a
 * minibatch. The data of an epoch is a function of the seed alone: {@link #reset()} replays
 * exactly the same minibatches, unless {@link Builder#freshDataEachEpoch} asks for a new
 * stream per epoch (epoch {@code e} then uses a seed derived from {@code (seed, e)}, so a run
 * as a whole is still reproducible).
 *
 * <p>With a {@link Curriculum} the task of each minibatch is the curriculum's current one, so
 * the data also depends on when the curriculum advanced.
 *
 * <p>{@link #position()} captures where the stream is and {@link #seek(Position)} returns an iterator
 * built the same way to that point, so that training resumed from a checkpoint sees the same
 * minibatches as a run never stopped (with a curriculum, restore its level too).
 */
public final class TaskIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final SequenceTask fixedTask;
    private final Curriculum curriculum;
    private final int batchSize;
    private final int batchesPerEpoch;
    private final long seed;
    private final boolean freshDataEachEpoch;
    private final DataType dataType;
    private final int inputSize;
    private final int outputSize;

    private transient CountingRandom rng;
    private int batchesServed;
    private int epoch;
    private DataSetPreProcessor preProcessor;

    private TaskIterator(Builder b) {
        this.fixedTask = b.task;
        this.curriculum = b.curriculum;
        this.batchSize = b.batchSize;
        this.batchesPerEpoch = b.batchesPerEpoch;
        this.seed = b.seed;
        this.freshDataEachEpoch = b.freshDataEachEpoch;
        this.dataType = b.dataType;
        SequenceTask first = currentTask();
        this.inputSize = first.inputSize();
        this.outputSize = first.outputSize();
        this.rng = new CountingRandom(epochSeed());
    }

    /** An iterator over a fixed task. */
    public static Builder builder(SequenceTask task) {
        return new Builder(Objects.requireNonNull(task, "task"), null);
    }

    /** An iterator whose task follows a curriculum (e.g. a growing maximum length). */
    public static Builder builder(Curriculum curriculum) {
        return new Builder(null, Objects.requireNonNull(curriculum, "curriculum"));
    }

    /** The task the next minibatch is drawn from. */
    public SequenceTask currentTask() {
        return curriculum != null ? curriculum.task() : fixedTask;
    }

    /** The curriculum driving this iterator, or {@code null}. */
    public Curriculum curriculum() {
        return curriculum;
    }

    /** The number of epochs completed through {@link #reset()}. */
    public int epoch() {
        return epoch;
    }

    private long epochSeed() {
        // A SplitMix64-style mix so that neighbouring epochs get unrelated streams.
        if (!freshDataEachEpoch) {
            return seed;
        }
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch of " + batchesPerEpoch + " batches is over; call reset()");
        }
        Checks.atLeast("num", num, 1);
        SequenceTask task = currentTask();
        if (task.inputSize() != inputSize || task.outputSize() != outputSize) {
            throw new IllegalStateException("the curriculum changed the task widths from X=" + inputSize + ", Y="
                    + outputSize + " to X=" + task.inputSize() + ", Y=" + task.outputSize());
        }
        List<Example> examples = new ArrayList<>(num);
        for (int i = 0; i < num; i++) {
            examples.add(task.sample(rng));
        }
        batchesServed++;
        DataSet ds = Examples.toDataSet(examples, dataType);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return batchesServed < batchesPerEpoch;
    }

    /** {@code X}. */
    @Override
    public int inputColumns() {
        return inputSize;
    }

    /** {@code Y}. */
    @Override
    public int totalOutcomes() {
        return outputSize;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Starts the next epoch: the same data again, or a fresh stream if so configured. */
    @Override
    public void reset() {
        epoch++;
        batchesServed = 0;
        rng = new CountingRandom(epochSeed());
    }

    /**
     * Where the stream is: the epoch, the minibatches served in it and the random numbers drawn in it.
     *
     * @param epoch         epochs completed through {@link #reset()}
     * @param batchesServed minibatches served in this epoch
     * @param draws         calls of the epoch's {@link Random#next(int)} so far
     */
    public record Position(int epoch, int batchesServed, long draws) {
        public Position {
            if (epoch < 0 || batchesServed < 0 || draws < 0) {
                throw new IllegalArgumentException("a stream position is not negative, got epoch " + epoch
                        + ", batches " + batchesServed + ", draws " + draws);
            }
        }
    }

    /**
     * The stream's current position, for {@link #seek(Position)}.
     *
     * @throws IllegalStateException if a task drew an odd number of {@link Random#nextGaussian()}s in this
     *                               epoch: the generator then holds a cached value no position records
     */
    public Position position() {
        if (rng.gaussianPending) {
            throw new IllegalStateException("the task " + currentTask().name() + " drew an odd number of"
                    + " nextGaussian() values; the generator's cached one cannot be captured, so the stream's"
                    + " position cannot be either");
        }
        return new Position(epoch, batchesServed, rng.draws);
    }

    /**
     * Moves the stream to {@code position}, taken by {@link #position()} of an iterator built with the same
     * settings: the next minibatch is the one that iterator served next. The epoch's generator is re-seeded
     * and advanced by the recorded number of draws (a few milliseconds for an epoch of long sequences), so
     * this is exact whatever tasks the draws were made for.
     *
     * @throws IllegalArgumentException if the position is past the end of an epoch
     */
    public void seek(Position position) {
        Objects.requireNonNull(position, "position");
        if (position.batchesServed() > batchesPerEpoch) {
            throw new IllegalArgumentException("the position has " + position.batchesServed()
                    + " minibatches served in an epoch of " + batchesPerEpoch
                    + "; it was taken from an iterator built differently");
        }
        epoch = position.epoch();
        batchesServed = position.batchesServed();
        rng = new CountingRandom(epochSeed());
        for (long i = 0; i < position.draws(); i++) {
            rng.next(32);
        }
    }

    /**
     * {@link Random}, counting the calls of {@link #next(int)}, through which every one of its methods draws.
     * The numbers are those of {@code new Random(seed)}: the count is only observed. {@code nextGaussian}
     * draws a pair and caches the second, which the count misses; it is tracked so that
     * {@link #position()} can refuse rather than be wrong (the shipped tasks draw none).
     */
    private static final class CountingRandom extends Random {
        private static final long serialVersionUID = 1L;
        private long draws;
        private boolean gaussianPending;

        CountingRandom(long seed) {
            super(seed);
        }

        @Override
        protected int next(int bits) {
            draws++;
            return super.next(bits);
        }

        @Override
        public synchronized double nextGaussian() {
            long before = draws;
            double g = super.nextGaussian();
            // Draws made: a new pair, its second value cached. None: the cached value was used.
            gaussianPending = draws != before;
            return g;
        }
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** Sequence tasks have no class labels. */
    @Override
    public List<String> getLabels() {
        return null;
    }

    /** Builder of {@link TaskIterator}. */
    public static final class Builder {
        private final SequenceTask task;
        private final Curriculum curriculum;
        private int batchSize = 1;
        private int batchesPerEpoch = 1000;
        private long seed = 42L;
        private boolean freshDataEachEpoch = false;
        private DataType dataType = DataType.FLOAT;

        private Builder(SequenceTask task, Curriculum curriculum) {
            this.task = task;
            this.curriculum = curriculum;
        }

        /**
         * Examples per minibatch. Default 1, the setting of the paper, NTM-Lasagne and
         * pytorch-ntm.
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = Checks.atLeast("batchSize", batchSize, 1);
            return this;
        }

        /** Minibatches per epoch, i.e. before {@code hasNext()} turns false. Default 1000. */
        public Builder batchesPerEpoch(int batchesPerEpoch) {
            this.batchesPerEpoch = Checks.atLeast("batchesPerEpoch", batchesPerEpoch, 1);
            return this;
        }

        /** Seed of the example stream. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * If true, each {@link TaskIterator#reset()} moves to a new, still seed-determined
         * stream of examples; if false (the default) every epoch replays the same data.
         */
        public Builder freshDataEachEpoch(boolean fresh) {
            this.freshDataEachEpoch = fresh;
            return this;
        }

        /** Data type of features, labels and masks. Default {@link DataType#FLOAT}. */
        public Builder dataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "dataType");
            return this;
        }

        public TaskIterator build() {
            return new TaskIterator(this);
        }
    }
}
