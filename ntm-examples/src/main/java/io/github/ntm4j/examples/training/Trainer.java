package io.github.ntm4j.examples.training;

import io.github.ntm4j.tasks.Curriculum;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.SequenceTask;
import io.github.ntm4j.tasks.TaskIterator;
import io.github.ntm4j.tasks.metrics.SequenceMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.ntm4j.examples.training.TrainingEvents.StopReason;

/**
 * The one training loop of the command line ({@code train}), the standalone examples and the sweep:
 * {@code net.fit(minibatch)} one minibatch at a time, a validation every {@link Builder#validateEvery}
 * sequences on a fixed validation set, until a budget runs out, the target is reached or the loss
 * diverges.
 *
 * <ul>
 *   <li>Validation is by sequences seen, not by the clock, so that the same run stops and checkpoints
 *       at the same point on any machine. It also happens when a budget ends.</li>
 *   <li>The validation set is {@link Builder#validation} sequences of the iterator's current task from
 *       a fixed seed; when a curriculum changes the task, it is drawn again and the best score forgotten.</li>
 *   <li>At every new best (ties included: the later model has trained longer for the same score) the
 *       {@link Checkpoint}, if any, saves the network, and {@link Builder#keepBestParameters} keeps a
 *       copy of its parameters, which the network gets back at the end: NTM training can fall apart after
 *       it has converged.</li>
 *   <li>Reaching the target stops training, unless {@link Builder#dropLearningRateAtTarget} asks to
 *       multiply the rate once and train on to the end of the budget (NTM-Lasagne's recipe).</li>
 *   <li>{@link Builder#curriculumOnBitErrors} reports each validation to a curriculum, which moves to a
 *       harder level when the bit errors fall under its threshold; the target counts only at its final
 *       level.</li>
 *   <li>A loss that is not finite or exceeds {@link #EXPLODED_LOSS} stops training.</li>
 * </ul>
 * What the run prints or logs is up to the {@link TrainingListener}s.
 */
public final class Trainer {
    /** A loss above this (bits of cross-entropy per minibatch) is taken as exploded: training stops. */
    public static final double EXPLODED_LOSS = 1e6;
    /** Bit errors per validation sequence that count as learned, unless {@link Builder#target} says otherwise. */
    public static final double DEFAULT_TARGET_BIT_ERRORS = 0.01;

    /** Saves the network at a new best validation score; returns where it went (for the log). */
    @FunctionalInterface
    public interface Checkpoint {
        String save(MultiLayerNetwork net) throws IOException;
    }

    /** The settings, copied from the builder so that a built Trainer does not change. */
    private record Settings(double minutes, long maxSequences, long maxMinibatches, long validateEvery,
                            int validationSequences, long validationSeed, double target, Double dropAtTarget,
                            Curriculum curriculum, boolean keepBest, Checkpoint checkpoint,
                            List<TrainingListener> listeners) {
    }

    private final Settings settings;

    private Trainer(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code net} on {@code data} (reset whenever an epoch ends).
     *
     * @param task  the task's name, for the listeners
     * @param model a one-line description of the network, for the listeners
     * @param seed  the seed the caller built the network and data with, for the listeners
     */
    public TrainingEvents.Result train(MultiLayerNetwork net, TaskIterator data, String task, String model, long seed) {
        return train(net, data, task, model, seed, seed);
    }

    /**
     * Trains {@code net} on {@code data}, as {@link #train(MultiLayerNetwork, TaskIterator, String, String, long)},
     * reporting the network's seed and the data stream's seed apart.
     */
    public TrainingEvents.Result train(MultiLayerNetwork net, TaskIterator data, String task, String model, long seed,
                                       long dataSeed) {
        Settings s = settings;
        List<TrainingListener> listeners = s.listeners;
        TrainingEvents.Start start = new TrainingEvents.Start(task, model, net.numParams(), seed, dataSeed, s.minutes,
                s.maxSequences, s.maxMinibatches, s.validateEvery, s.validationSequences, s.validationSeed);
        listeners.forEach(l -> l.started(start));

        long startNanos = System.nanoTime();
        // Elapsed against the budget, not now against a deadline: no overflow for an unlimited budget.
        long budgetNanos = Double.isInfinite(s.minutes) ? Long.MAX_VALUE : (long) (s.minutes * 60e9);
        long nextValidation = s.validateEvery;
        long minibatches = 0;
        long sequences = 0;
        double lossSum = 0;
        int lossCount = 0;
        double bitErrors = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        double target = s.target;
        boolean dropPending = s.dropAtTarget != null;
        SequenceTask validationTask = null;
        DataSet validation = null;
        INDArray bestParams = null;
        String lastCheckpoint = null;
        StopReason reason = StopReason.BUDGET;
        String problem = null;
        while (System.nanoTime() - startNanos < budgetNanos && sequences < s.maxSequences
                && minibatches < s.maxMinibatches) {
            if (!data.hasNext()) {
                data.reset();
            }
            DataSet minibatch = data.next();
            net.fit(minibatch);
            minibatches++;
            sequences += minibatch.numExamples();
            double loss = net.score();
            if (!Double.isFinite(loss) || loss > EXPLODED_LOSS) {
                reason = StopReason.DIVERGED;
                break;
            }
            lossSum += loss;
            lossCount++;
            long elapsed = System.nanoTime() - startNanos;
            if (sequences < nextValidation && elapsed < budgetNanos && sequences < s.maxSequences
                    && minibatches < s.maxMinibatches) {
                continue;
            }
            nextValidation = (sequences / s.validateEvery + 1) * s.validateEvery;
            if (data.currentTask() != validationTask) {
                validationTask = data.currentTask();
                validation = validationSet(validationTask);
                best = Double.POSITIVE_INFINITY;
            }
            bitErrors = bitErrors(net, validation);
            boolean improved = bitErrors <= best;
            if (improved) {
                best = bitErrors;
            }
            TrainingEvents.Validation v = new TrainingEvents.Validation(minibatches, sequences, loss,
                    lossSum / lossCount, bitErrors, best, improved, net.getLearningRate(0), elapsed / 1e9,
                    Math.max(0, (budgetNanos - elapsed) / 1e9));
            listeners.forEach(l -> l.validated(v));
            lossSum = 0;
            lossCount = 0;
            if (improved) {
                if (s.keepBest) {
                    bestParams = net.params().dup();
                }
                if (s.checkpoint != null) {
                    try {
                        lastCheckpoint = s.checkpoint.save(net);
                    } catch (IOException | RuntimeException e) {
                        reason = StopReason.CHECKPOINT_FAILED;
                        problem = e.getMessage();
                        break;
                    }
                    TrainingEvents.Checkpoint c = new TrainingEvents.Checkpoint(sequences, bitErrors, lastCheckpoint);
                    listeners.forEach(l -> l.checkpointed(c));
                }
            }
            Curriculum curriculum = data.curriculum();
            boolean finalTask = curriculum == null || curriculum.level() >= curriculum.finalLevel();
            if (bitErrors <= target && finalTask) {
                if (!dropPending) {
                    reason = StopReason.TARGET;
                    break;
                }
                double rate = net.getLearningRate(0) * s.dropAtTarget;
                net.setLearningRate(rate);
                dropPending = false;
                target = Double.NEGATIVE_INFINITY;
                TrainingEvents.RateDrop d = new TrainingEvents.RateDrop(sequences, rate);
                listeners.forEach(l -> l.learningRateDropped(d));
            }
            if (s.curriculum != null && s.curriculum.report(bitErrors)) {
                TrainingEvents.CurriculumLevel c = new TrainingEvents.CurriculumLevel(sequences, s.curriculum.level(),
                        s.curriculum.finalLevel());
                listeners.forEach(l -> l.curriculumAdvanced(c));
            }
        }
        boolean restored = bestParams != null;
        if (restored) {
            net.setParams(bestParams);
        }
        TrainingEvents.Result result = new TrainingEvents.Result(reason, minibatches, sequences,
                (System.nanoTime() - startNanos) / 1e9, net.score(), bitErrors, best, restored, lastCheckpoint,
                problem);
        listeners.forEach(l -> l.stopped(result));
        return result;
    }

    private DataSet validationSet(SequenceTask task) {
        return Examples.toDataSet(Examples.generate(task, settings.validationSequences, settings.validationSeed),
                DataType.FLOAT);
    }

    /** Mean bit errors per sequence of {@code net} on a validation set. */
    public static double bitErrors(MultiLayerNetwork net, DataSet validation) {
        INDArray predictions = net.output(validation.getFeatures(), false, validation.getFeaturesMaskArray(),
                validation.getLabelsMaskArray());
        return SequenceMetrics.meanBitErrors(predictions, validation.getLabels(), validation.getLabelsMaskArray());
    }

    /** The Trainer's settings; every one has a default, so only what differs needs saying. */
    public static final class Builder {
        private double minutes = Double.POSITIVE_INFINITY;
        private long maxSequences = Long.MAX_VALUE;
        private long maxMinibatches = Long.MAX_VALUE;
        private long validateEvery = 1000;
        private int validationSequences = 64;
        private long validationSeed = 20_141_020L;
        private double target = DEFAULT_TARGET_BIT_ERRORS;
        /** What the rate is multiplied by at the target, training on; null to stop there. */
        private Double dropAtTarget;
        private Curriculum curriculum;
        private boolean keepBest;
        private Checkpoint checkpoint;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** Wall-clock budget; none by default. */
        public Builder minutes(double minutes) {
            if (!(minutes > 0)) {
                throw new IllegalArgumentException("the time budget must be > 0 minutes, got " + minutes);
            }
            this.minutes = minutes;
            return this;
        }

        /** Stop after this many training sequences (the last minibatch may pass it). */
        public Builder maxSequences(long sequences) {
            this.maxSequences = positive("maxSequences", sequences);
            return this;
        }

        public Builder maxMinibatches(long minibatches) {
            this.maxMinibatches = positive("maxMinibatches", minibatches);
            return this;
        }

        /** Validate every this many sequences (default 1000). */
        public Builder validateEvery(long sequences) {
            this.validateEvery = positive("validateEvery", sequences);
            return this;
        }

        /** The validation set: {@code sequences} of the current task drawn from {@code seed} (default 64). */
        public Builder validation(int sequences, long seed) {
            this.validationSequences = (int) positive("validation sequences", sequences);
            this.validationSeed = seed;
            return this;
        }

        /** Validation bit errors per sequence that count as learned (default 0.01). */
        public Builder target(double bitErrors) {
            if (Double.isNaN(bitErrors)) {
                throw new IllegalArgumentException("the target bit errors must be a number");
            }
            this.target = bitErrors;
            return this;
        }

        /** No target: train for the whole budget (NTM-Lasagne trained for a fixed number of sequences). */
        public Builder noTarget() {
            this.target = Double.NEGATIVE_INFINITY;
            return this;
        }

        /**
         * At the target, multiply the learning rate by {@code factor} (0 < factor <= 1) once and train on to the
         * end of the budget, instead of stopping; 1 trains on at the same rate.
         */
        public Builder dropLearningRateAtTarget(double factor) {
            if (!(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("the learning rate drop at the target must be a factor in (0, 1]"
                        + " (NTM-Lasagne's is 0.1), got " + factor);
            }
            this.dropAtTarget = factor;
            return this;
        }

        /** Report each validation's bit errors to {@code curriculum} (it advances under its threshold). */
        public Builder curriculumOnBitErrors(Curriculum curriculum) {
            this.curriculum = Objects.requireNonNull(curriculum);
            return this;
        }

        /** Leave the network with its best parameters at the end, not its last. */
        public Builder keepBestParameters() {
            this.keepBest = true;
            return this;
        }

        /** Save the network at every new best validation score. */
        public Builder checkpoint(Checkpoint checkpoint) {
            this.checkpoint = Objects.requireNonNull(checkpoint);
            return this;
        }

        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        public Trainer build() {
            if (dropAtTarget != null && target == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("the learning rate drops when the target is reached; a drop does"
                        + " not go with no target");
            }
            return new Trainer(new Settings(minutes, maxSequences, maxMinibatches, validateEvery,
                    validationSequences, validationSeed, target, dropAtTarget, curriculum, keepBest, checkpoint,
                    List.copyOf(listeners)));
        }

        private static long positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
            return value;
        }
    }
}
