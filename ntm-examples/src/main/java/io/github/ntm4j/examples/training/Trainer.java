package io.github.ntm4j.examples.training;

import io.github.ntm4j.layer.updater.GlobalNormClipping;
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
import java.util.Collection;
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
 *   <li>Every validation measures the bit errors and the cost per sequence; {@link Builder#selectBy} says which
 *       of the two ranks the models (bit errors by default).</li>
 *   <li>At every new best (ties included: the later model has trained longer for the same score) the
 *       {@link Checkpoint}, if any, saves the network, and {@link Builder#keepBestParameters} keeps a
 *       copy of its parameters, which the network gets back at the end: NTM training can fall apart after
 *       it has converged.</li>
 *   <li>Reaching the target stops training, unless {@link Builder#dropLearningRateAtTarget} asks to
 *       multiply the rate once and train on to the end of the budget (NTM-Lasagne's recipe).</li>
 *   <li>{@link Builder#curriculumOnBitErrors} reports each validation to a curriculum, which moves to a
 *       harder level when the bit errors fall under its threshold; the target counts only at its final
 *       level.</li>
 *   <li>A loss that is not finite or exceeds {@link #EXPLODED_LOSS}, or parameters that are not finite, stop
 *       training, unless {@link Builder#rollbacks} allows going back to the last checkpoint at a lower
 *       rate.</li>
 *   <li>{@link Builder#lastCheckpoint} saves, every so many sequences, the network with its updater and a
 *       {@link TrainerState}; {@link #train(MultiLayerNetwork, TaskIterator, String, String, long, long, Resume)}
 *       continues from one exactly: a run stopped at any moment and resumed reaches the same parameters, bit
 *       for bit, as one never stopped.</li>
 *   <li>{@link Builder#averageFrom} averages the parameters of every validation from a point on (Polyak
 *       averaging); at the end the average is validated on the same set, reported and saved, and the network is
 *       left as it would be without it.</li>
 *   <li>Every 30 seconds a garbage collection frees the native memory of dead ND4J arrays ({@link Nd4jGarbage};
 *       {@code -Dntm4j.gcWindowMillis=N} sets the interval, 0 switches it off).</li>
 * </ul>
 * What the run prints or logs is up to the {@link TrainingListener}s.
 */
public final class Trainer {
    /** A loss above this (bits of cross-entropy per minibatch) is taken as exploded: training stops. */
    public static final double EXPLODED_LOSS = 1e6;
    /** Bit errors per validation sequence that count as learned, unless {@link Builder#target} says otherwise. */
    public static final double DEFAULT_TARGET_BIT_ERRORS = 0.01;
    /** What a rollback multiplies the learning rate by, unless {@link Builder#rollbacks} says otherwise. */
    public static final double DEFAULT_ROLLBACK_RATE_FACTOR = 0.5;

    /** Saves the network at a new best validation score; returns where it went (for the log). */
    @FunctionalInterface
    public interface Checkpoint {
        String save(MultiLayerNetwork net) throws IOException;
    }

    /**
     * Saves the network (with its updater state) and the trainer's {@link TrainerState}, everything a run
     * needs to continue exactly; returns where it went.
     */
    @FunctionalInterface
    public interface LastCheckpoint {
        String save(MultiLayerNetwork net, TrainerState state) throws IOException;
    }

    /** A run to continue: the state of a last checkpoint, and where it was read from (for the log). */
    public record Resume(TrainerState state, String from) {
        public Resume {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(from, "from");
        }
    }

    /** A test's hook, called after every {@code fit}: it may spoil the network to simulate a fault. */
    @FunctionalInterface
    interface Fault {
        void afterFit(MultiLayerNetwork net, long minibatches);
    }

    /** The settings, copied from the builder so that a built Trainer does not change. */
    private record Settings(double minutes, long maxSequences, long maxMinibatches, long validateEvery,
                            int validationSequences, long validationSeed, double target, Double dropAtTarget,
                            Curriculum curriculum, boolean keepBest, Checkpoint checkpoint, long lastEvery,
                            LastCheckpoint lastCheckpoint, int maxRollbacks, double rollbackFactor, Fault fault,
                            Double clipGlobalNorm, Selection selection, long averageFrom, Checkpoint averageCheckpoint,
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
        return train(net, data, task, model, seed, dataSeed, null);
    }

    /**
     * Trains {@code net} on {@code data}, continuing the run {@code resume} describes if it is not null: then
     * {@code net} is the network of that last checkpoint (with its updater state) and {@code data} a stream built
     * as that run's was; the stream is moved to the checkpoint's position and the curriculum to its level, and
     * with the same settings the run reaches the parameters it would have reached had it never stopped.
     *
     * @throws IllegalArgumentException if the checkpoint was written by a run with another data seed, minibatch
     *                                  size or validation, or this Trainer keeps the best parameters in memory
     *                                  (which a checkpoint does not hold)
     */
    public TrainingEvents.Result train(MultiLayerNetwork net, TaskIterator data, String task, String model, long seed,
                                       long dataSeed, Resume resume) {
        // Global-norm clipping is a DL4J listener on the network for as long as this Trainer trains it.
        Collection<org.deeplearning4j.optimize.api.TrainingListener> netListeners = new ArrayList<>(net.getListeners());
        if (settings.clipGlobalNorm != null) {
            net.addListeners(new GlobalNormClipping(settings.clipGlobalNorm));
        }
        try {
            return trainWith(net, data, task, model, seed, dataSeed, resume);
        } finally {
            net.setListeners(netListeners);
        }
    }

    private TrainingEvents.Result trainWith(MultiLayerNetwork net, TaskIterator data, String task, String model,
                                            long seed, long dataSeed, Resume resume) {
        Settings s = settings;
        List<TrainingListener> listeners = s.listeners;
        TrainingEvents.Start start = new TrainingEvents.Start(task, model, net.numParams(), seed, dataSeed, s.minutes,
                s.maxSequences, s.maxMinibatches, s.validateEvery, s.validationSequences, s.validationSeed);
        Run run = new Run(net, data, dataSeed);
        if (resume == null) {
            listeners.forEach(l -> l.started(start));
        } else {
            checkResumable(resume.state(), data, dataSeed);
            run.restore(resume.state());
            if (resume.state().selection() != s.selection) {
                // Ranked by another score before: that run's best says nothing about this one's.
                run.forgetBest();
            }
            TrainingEvents.Resumed r = new TrainingEvents.Resumed(start, resume.from(), run.minibatches,
                    run.sequences, run.best, net.getLearningRate(0), levelOf(data), run.rollbacks);
            listeners.forEach(l -> l.resumed(r));
        }
        // Where a rollback returns to: the last checkpoint, or the start.
        Snapshot snapshot = s.maxRollbacks > 0 ? run.snapshot() : null;

        long startNanos = System.nanoTime() - (long) (run.elapsedBefore * 1e9);
        // Elapsed against the budget, not now against a deadline: no overflow for an unlimited budget.
        long budgetNanos = Double.isInfinite(s.minutes) ? Long.MAX_VALUE : (long) (s.minutes * 60e9);
        StopReason reason = StopReason.BUDGET;
        String problem = null;
        Nd4jGarbage garbage = Nd4jGarbage.fromProperty();
        while (System.nanoTime() - startNanos < budgetNanos && run.sequences < s.maxSequences
                && run.minibatches < s.maxMinibatches) {
            if (!data.hasNext()) {
                data.reset();
            }
            DataSet minibatch = data.next();
            net.fit(minibatch);
            garbage.collectIfDue();
            run.minibatches++;
            run.sequences += minibatch.numExamples();
            if (s.fault != null) {
                s.fault.afterFit(net, run.minibatches);
            }
            double loss = net.score();
            // The parameters are checked too: the cross-entropy clips its input, so NaN parameters (after a NaN
            // gradient) can give a finite loss, and training would go on with them silently.
            if (!Double.isFinite(loss) || loss > EXPLODED_LOSS || !finite(net.params())) {
                if (snapshot == null || run.rollbacks >= s.maxRollbacks) {
                    reason = StopReason.DIVERGED;
                    break;
                }
                long at = run.sequences;
                double rate = net.getLearningRate(0) * s.rollbackFactor;
                run.restore(snapshot);
                run.rollbacks++;
                net.setLearningRate(rate);
                TrainingEvents.Rollback b = new TrainingEvents.Rollback(at, loss, snapshot.state.sequences(), rate,
                        run.rollbacks, s.maxRollbacks);
                listeners.forEach(l -> l.rolledBack(b));
                continue;
            }
            run.lossSum += loss;
            run.lossCount++;
            long elapsed = System.nanoTime() - startNanos;
            boolean budgetEnds = elapsed >= budgetNanos || run.sequences >= s.maxSequences
                    || run.minibatches >= s.maxMinibatches;
            if (run.sequences >= run.nextValidation || budgetEnds) {
                run.nextValidation = (run.sequences / s.validateEvery + 1) * s.validateEvery;
                if (data.currentTask() != run.validationTask) {
                    run.validationTask = data.currentTask();
                    run.validation = validationSet(run.validationTask);
                    run.forgetBest();
                    run.forgetAverage();
                }
                Scores scores = validate(net, run.validation);
                run.bitErrors = scores.bitErrors();
                run.cost = scores.cost();
                if (run.sequences >= s.averageFrom) {
                    run.addToAverage();
                }
                boolean improved = s.selection.of(run.bitErrors, run.cost) <= run.best;
                if (improved) {
                    run.best = s.selection.of(run.bitErrors, run.cost);
                    run.bestBitErrors = run.bitErrors;
                    run.bestCost = run.cost;
                }
                TrainingEvents.Validation v = new TrainingEvents.Validation(run.minibatches, run.sequences, loss,
                        run.lossSum / run.lossCount, run.bitErrors, run.cost, run.best, improved,
                        net.getLearningRate(0), elapsed / 1e9, Math.max(0, (budgetNanos - elapsed) / 1e9));
                listeners.forEach(l -> l.validated(v));
                run.lossSum = 0;
                run.lossCount = 0;
                if (improved) {
                    if (s.keepBest) {
                        run.bestParams = net.params().dup();
                    }
                    if (s.checkpoint != null) {
                        try {
                            run.bestCheckpoint = s.checkpoint.save(net);
                        } catch (IOException | RuntimeException e) {
                            reason = StopReason.CHECKPOINT_FAILED;
                            problem = e.getMessage();
                            break;
                        }
                        TrainingEvents.Checkpoint c = new TrainingEvents.Checkpoint(run.sequences, run.bitErrors,
                                run.cost, run.bestCheckpoint);
                        listeners.forEach(l -> l.checkpointed(c));
                    }
                }
                Curriculum curriculum = data.curriculum();
                boolean finalTask = curriculum == null || curriculum.level() >= curriculum.finalLevel();
                boolean targetReached = false;
                if (run.bitErrors <= run.target && finalTask) {
                    if (!run.dropPending) {
                        targetReached = true;
                    } else {
                        double rate = net.getLearningRate(0) * s.dropAtTarget;
                        net.setLearningRate(rate);
                        run.dropPending = false;
                        run.target = Double.NEGATIVE_INFINITY;
                        TrainingEvents.RateDrop d = new TrainingEvents.RateDrop(run.sequences, rate);
                        listeners.forEach(l -> l.learningRateDropped(d));
                    }
                }
                if (targetReached) {
                    reason = StopReason.TARGET;
                    problem = saveLast(run, startNanos);
                    if (problem != null) {
                        reason = StopReason.CHECKPOINT_FAILED;
                    }
                    break;
                }
                if (s.curriculum != null && s.curriculum.report(run.bitErrors)) {
                    TrainingEvents.CurriculumLevel c = new TrainingEvents.CurriculumLevel(run.sequences,
                            s.curriculum.level(), s.curriculum.finalLevel());
                    listeners.forEach(l -> l.curriculumAdvanced(c));
                }
            }
            if (s.lastCheckpoint != null && (run.sequences >= run.nextLast || budgetEnds)) {
                problem = saveLast(run, startNanos);
                if (problem != null) {
                    reason = StopReason.CHECKPOINT_FAILED;
                    break;
                }
                if (snapshot != null) {
                    snapshot = run.snapshot();
                }
            }
        }
        if (run.averaged > 0 && (reason == StopReason.BUDGET || reason == StopReason.TARGET)) {
            problem = reportAverage(run);
            if (problem != null) {
                reason = StopReason.CHECKPOINT_FAILED;
            }
        }
        boolean restored = run.bestParams != null;
        if (restored) {
            net.setParams(run.bestParams);
        }
        TrainingEvents.Result result = new TrainingEvents.Result(reason, run.minibatches, run.sequences,
                (System.nanoTime() - startNanos) / 1e9, net.score(), run.bitErrors, run.best, s.selection,
                run.bestBitErrors, run.bestCost, restored, run.bestCheckpoint, problem);
        listeners.forEach(l -> l.stopped(result));
        return result;
    }

    /**
     * Validates the run's averaged parameters, saves them if the settings say where, and reports them; the network
     * keeps its own parameters. Returns the error of the save, or null.
     */
    private String reportAverage(Run run) {
        INDArray own = run.net.params().dup();
        run.net.setParams(run.average);
        String where = null;
        String problem = null;
        Scores scores = validate(run.net, run.validation);
        try {
            if (settings.averageCheckpoint != null) {
                where = settings.averageCheckpoint.save(run.net);
            }
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage();
        } finally {
            run.net.setParams(own);
        }
        if (problem == null) {
            TrainingEvents.Average a = new TrainingEvents.Average(run.averageStart, run.sequences, run.averaged,
                    scores.bitErrors(), scores.cost(), where);
            settings.listeners.forEach(l -> l.averaged(a));
        }
        return problem;
    }

    /** Writes the last checkpoint, if one is configured; returns the error, or null. */
    private String saveLast(Run run, long startNanos) {
        if (settings.lastCheckpoint == null) {
            return null;
        }
        run.nextLast = (run.sequences / settings.lastEvery + 1) * settings.lastEvery;
        try {
            settings.lastCheckpoint.save(run.net, run.state((System.nanoTime() - startNanos) / 1e9));
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    /**
     * Checks that this Trainer can continue the run of {@code state} on {@code data}: the same data seed, minibatch
     * size and validation, a curriculum if and only if that run had one, and no best parameters kept in memory.
     *
     * @throws IllegalArgumentException naming what differs
     */
    public void checkResumable(TrainerState state, TaskIterator data, long dataSeed) {
        Settings s = settings;
        if (s.keepBest) {
            throw new IllegalArgumentException("a run that keeps its best parameters in memory cannot be resumed:"
                    + " a last checkpoint does not hold them");
        }
        String differs = state.dataSeed() != dataSeed ? "data seed " + state.dataSeed() + ", not " + dataSeed
                : state.batchSize() != data.batch() ? "minibatches of " + state.batchSize() + ", not " + data.batch()
                : state.validateEvery() != s.validateEvery ? "a validation every " + state.validateEvery()
                + " sequences, not " + s.validateEvery
                : state.validationSequences() != s.validationSequences ? "a validation set of "
                + state.validationSequences() + " sequences, not " + s.validationSequences
                : state.validationSeed() != s.validationSeed ? "another validation set (seed " + state.validationSeed()
                + ", not " + s.validationSeed + ")" : null;
        if (differs != null) {
            throw new IllegalArgumentException("the checkpoint was written by a run with " + differs
                    + "; resume it with the settings it was trained with");
        }
        if (state.averaged() > 0) {
            throw new IllegalArgumentException("the checkpoint was written after the parameters of "
                    + state.averaged() + " validations had been averaged, and it does not hold their average;"
                    + " train that stage again from its start (or from its best model, without averaging)");
        }
        if ((state.curriculumLevel() >= 0) != (data.curriculum() != null)) {
            throw new IllegalArgumentException("the checkpoint was written by a run " + (state.curriculumLevel() >= 0
                    ? "with" : "without") + " a curriculum, and this one is not");
        }
    }

    private static int levelOf(TaskIterator data) {
        return data.curriculum() == null ? -1 : data.curriculum().level();
    }

    /** Whether every value of {@code a} is finite: one sum, non-finite if any value is (parameters do not overflow it). */
    private static boolean finite(INDArray a) {
        return Double.isFinite(a.sumNumber().doubleValue());
    }

    /** A copy, in memory, of the run at its last checkpoint (or its start), for a rollback. */
    private record Snapshot(TrainerState state, INDArray params, INDArray updaterState, int iterations,
                            int epochs, INDArray average, long averageStart) {
    }

    /** The changing state of one run of {@link #train}. */
    private final class Run {
        final MultiLayerNetwork net;
        final TaskIterator data;
        final long dataSeed;
        long nextValidation = settings.validateEvery;
        long nextLast = settings.lastEvery;
        long minibatches;
        long sequences;
        double lossSum;
        int lossCount;
        double bitErrors = Double.NaN;
        double cost = Double.NaN;
        double best = Double.POSITIVE_INFINITY;   // the selection's score of the best model on this validation set
        double bestBitErrors = Double.NaN;
        double bestCost = Double.NaN;
        double target = settings.target;
        boolean dropPending = settings.dropAtTarget != null;
        SequenceTask validationTask;
        DataSet validation;
        INDArray bestParams;
        /** The mean of the parameters at the validations from {@link Builder#averageFrom} on, and how many. */
        INDArray average;
        int averaged;
        long averageStart = -1;
        String bestCheckpoint;
        int rollbacks;
        double elapsedBefore;

        Run(MultiLayerNetwork net, TaskIterator data, long dataSeed) {
            this.net = net;
            this.data = data;
            this.dataSeed = dataSeed;
        }

        TrainerState state(double elapsedSeconds) {
            return new TrainerState(minibatches, sequences, nextValidation, nextLast, lossSum, lossCount, bitErrors,
                    cost, settings.selection, best, bestBitErrors, bestCost, validationTask != null && validationTask == data.currentTask(), !dropPending
                    && settings.dropAtTarget != null && target == Double.NEGATIVE_INFINITY, net.getLearningRate(0),
                    levelOf(data), data.position(), rollbacks, elapsedSeconds, bestCheckpoint, dataSeed, data.batch(),
                    settings.validateEvery, settings.validationSeed, settings.validationSequences, averaged);
        }

        /** Adds the network's parameters to the running mean, in place: mean += (p - mean) / k. */
        void addToAverage() {
            INDArray p = net.params();
            averaged++;
            if (average == null) {
                average = p.dup();
                averageStart = sequences;
            } else {
                average.addi(p.sub(average).divi(averaged));
            }
        }

        /** Sets the counters, the data stream and the curriculum from {@code state} (not the network). */
        void restore(TrainerState state) {
            minibatches = state.minibatches();
            sequences = state.sequences();
            nextValidation = state.nextValidation();
            nextLast = state.nextLastCheckpoint();
            lossSum = state.lossSum();
            lossCount = state.lossCount();
            bitErrors = state.bitErrors();
            cost = state.cost();
            best = state.best();
            bestBitErrors = state.bestBitErrors();
            bestCost = state.bestCost();
            dropPending = settings.dropAtTarget != null && !state.dropped();
            target = state.dropped() ? Double.NEGATIVE_INFINITY : settings.target;
            rollbacks = state.rollbacks();
            elapsedBefore = state.elapsedSeconds();
            bestCheckpoint = state.bestCheckpoint();
            if (state.curriculumLevel() >= 0) {
                data.curriculum().restoreLevel(state.curriculumLevel());
                if (settings.curriculum != null && settings.curriculum != data.curriculum()) {
                    settings.curriculum.restoreLevel(state.curriculumLevel());
                }
            }
            data.seek(state.data());
            validationTask = state.validationCurrent() ? data.currentTask() : null;
            validation = validationTask == null ? null : validationSet(validationTask);
        }

        /** No best yet: a new validation set, or a resumed run that ranked by another score. */
        void forgetBest() {
            best = Double.POSITIVE_INFINITY;
            bestBitErrors = Double.NaN;
            bestCost = Double.NaN;
        }

        /** No average: the validation set changed (a curriculum's new level). */
        void forgetAverage() {
            average = null;
            averaged = 0;
            averageStart = -1;
        }

        Snapshot snapshot() {
            INDArray updater = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
            return new Snapshot(state(elapsedBefore), net.params().dup(), updater == null ? null : updater.dup(),
                    net.getIterationCount(), net.getEpochCount(), average == null ? null : average.dup(), averageStart);
        }

        /** Puts the network and the run back as they were at {@code snapshot}. */
        void restore(Snapshot snapshot) {
            double elapsed = elapsedBefore;
            int rolled = rollbacks;
            restore(snapshot.state);
            elapsedBefore = elapsed;   // the clock does not go back
            rollbacks = rolled;
            net.setParams(snapshot.params);
            if (snapshot.updaterState != null) {
                net.getUpdater().getStateViewArray().assign(snapshot.updaterState);
            }
            net.setIterationCount(snapshot.iterations);
            net.setEpochCount(snapshot.epochs);
            average = snapshot.average == null ? null : snapshot.average.dup();
            averaged = snapshot.state.averaged();
            averageStart = snapshot.averageStart;
        }
    }

    private DataSet validationSet(SequenceTask task) {
        return Examples.toDataSet(Examples.generate(task, settings.validationSequences, settings.validationSeed),
                DataType.FLOAT);
    }

    /** Mean bit errors per sequence of {@code net} on a validation set. */
    public static double bitErrors(MultiLayerNetwork net, DataSet validation) {
        return validate(net, validation).bitErrors();
    }

    /** A validation's two scores, means per sequence: wrong bits, and the cost in bits. */
    public record Scores(double bitErrors, double cost) {
    }

    /** Both scores of {@code net} on a validation set, from one pass. */
    public static Scores validate(MultiLayerNetwork net, DataSet validation) {
        INDArray predictions = net.output(validation.getFeatures(), false, validation.getFeaturesMaskArray(),
                validation.getLabelsMaskArray());
        INDArray labels = validation.getLabels();
        INDArray mask = validation.getLabelsMaskArray();
        return new Scores(SequenceMetrics.meanBitErrors(predictions, labels, mask),
                SequenceMetrics.meanCostBits(predictions, labels, mask));
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
        private long lastEvery;
        private LastCheckpoint lastCheckpoint;
        private int maxRollbacks;
        private double rollbackFactor = DEFAULT_ROLLBACK_RATE_FACTOR;
        private Fault fault;
        private Double clipGlobalNorm;
        private Selection selection = Selection.BIT_ERRORS;
        private long averageFrom = Long.MAX_VALUE;
        private Checkpoint averageCheckpoint;
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

        /**
         * Save everything needed to continue exactly ({@link LastCheckpoint}) every {@code everySequences}
         * sequences, and when the run ends by its budget or its target.
         */
        public Builder lastCheckpoint(long everySequences, LastCheckpoint lastCheckpoint) {
            this.lastEvery = positive("the last checkpoint's interval", everySequences);
            this.lastCheckpoint = Objects.requireNonNull(lastCheckpoint);
            return this;
        }

        /**
         * On a loss that is not finite or exceeds {@link #EXPLODED_LOSS}, or parameters that are not finite,
         * go back to the last checkpoint (kept in memory; the start before the first) and continue with the
         * learning rate multiplied by {@code rateFactor}, at most {@code max} times in the run; after that,
         * stop as {@link StopReason#DIVERGED}. None by default: the first divergence stops training.
         */
        public Builder rollbacks(int max, double rateFactor) {
            if (max < 0) {
                throw new IllegalArgumentException("the number of rollbacks must be >= 0, got " + max);
            }
            if (!(rateFactor > 0 && rateFactor <= 1)) {
                throw new IllegalArgumentException("the rollback's rate factor must be in (0, 1], got " + rateFactor);
            }
            this.maxRollbacks = max;
            this.rollbackFactor = rateFactor;
            return this;
        }

        /** For tests: a hook called after every {@code fit}, which may spoil the network. */
        Builder injectFault(Fault fault) {
            this.fault = Objects.requireNonNull(fault);
            return this;
        }

        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Scales every gradient to a global L2 norm of at most {@code maxNorm} while this Trainer trains
         * ({@link GlobalNormClipping}, before the network's own per-layer clipping); none by default.
         *
         * @throws IllegalArgumentException unless {@code maxNorm} is finite and above 0
         */
        public Builder clipGlobalNorm(double maxNorm) {
            new GlobalNormClipping(maxNorm);
            this.clipGlobalNorm = maxNorm;
            return this;
        }

        /**
         * Which validation score picks the best model: the one a {@link Checkpoint} saves and
         * {@link #keepBestParameters} keeps ({@link Selection#BIT_ERRORS} by default). The target and a curriculum
         * stay on the bit errors.
         */
        public Builder selectBy(Selection selection) {
            this.selection = Objects.requireNonNull(selection);
            return this;
        }

        /**
         * Averages the parameters of every validation from {@code sequences} sequences on (Polyak averaging, as in
         * stochastic weight averaging); when the run ends by its budget or target, the average is validated on the
         * same set, saved by {@code save} (may be null) and reported ({@link TrainingListener#averaged}). The
         * network, the best checkpoint and the selection are what they would be without it. None by default.
         */
        public Builder averageFrom(long sequences, Checkpoint save) {
            if (sequences < 0) {
                throw new IllegalArgumentException("averaging starts at 0 sequences or later, got " + sequences);
            }
            this.averageFrom = sequences;
            this.averageCheckpoint = save;
            return this;
        }

        public Trainer build() {
            if (dropAtTarget != null && target == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("the learning rate drops when the target is reached; a drop does"
                        + " not go with no target");
            }
            return new Trainer(new Settings(minutes, maxSequences, maxMinibatches, validateEvery,
                    validationSequences, validationSeed, target, dropAtTarget, curriculum, keepBest, checkpoint, lastEvery,
                    lastCheckpoint, maxRollbacks, rollbackFactor, fault, clipGlobalNorm, selection, averageFrom,
                    averageCheckpoint, List.copyOf(listeners)));
        }

        private static long positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
            return value;
        }
    }
}
