package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.Networks;
import io.github.ntm4j.examples.training.Trainer;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.inspect.NtmInspection;
import io.github.ntm4j.tasks.Curriculum;
import io.github.ntm4j.tasks.SequenceTask;
import io.github.ntm4j.tasks.TaskIterator;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One training run as {@code train} makes it from a task's {@link Recipe}: the training task (and its
 * curriculum, if the recipe has one), a new network, the data stream and the {@link Trainer}'s settings.
 * {@code train} and every run of {@code sweep} build their runs here, so the same task, recipe, size and seeds
 * give the same parameters from either.
 *
 * <p>The two seeds mean one thing each: {@code seed} initialises the network's weights, {@code dataSeed} draws
 * the training sequences and the validation set (from {@code dataSeed + 1}). {@code train --seed S} sets both.
 * A job is used once: a curriculum advances as it trains.
 */
public final class TrainingJob {
    /** Sequences in the fixed validation set, drawn from the data seed + 1, unless {@code --validation-sequences}. */
    public static final int VALIDATION_SEQUENCES = 64;

    private final TaskName taskName;
    private final Recipe recipe;
    private final long seed;
    private final long dataSeed;
    private final long validateEvery;
    private final int validationSequences;
    private final int maxLength;
    private final SequenceTask task;
    private final Curriculum curriculum;
    private String warmStartedFrom;

    /**
     * @param maxLength     {@code --max-length}, the longest training sequence; 0 for the task's default
     * @param validateEvery sequences between validations
     * @throws UsageException if the task does not take {@code maxLength} or a curriculum
     */
    public TrainingJob(TaskName taskName, int maxLength, Recipe recipe, long seed, long dataSeed, long validateEvery) {
        this(taskName, maxLength, recipe, seed, dataSeed, validateEvery, VALIDATION_SEQUENCES);
    }

    /**
     * @param maxLength           {@code --max-length}, the longest training sequence; 0 for the task's default
     * @param validateEvery       sequences between validations
     * @param validationSequences sequences in the validation set ({@code --validation-sequences})
     * @throws UsageException if the task does not take {@code maxLength} or a curriculum
     */
    public TrainingJob(TaskName taskName, int maxLength, Recipe recipe, long seed, long dataSeed, long validateEvery,
                       int validationSequences) {
        this.taskName = taskName;
        this.validationSequences = validationSequences;
        this.recipe = recipe;
        this.seed = seed;
        this.dataSeed = dataSeed;
        this.validateEvery = validateEvery;
        this.maxLength = maxLength;
        this.task = taskName.training(maxLength);
        // With a curriculum the minibatches come from the curriculum's current task, which grows to `task`.
        this.curriculum = recipe.curriculum() == null ? null : taskName.curriculum(recipe.curriculum());
    }

    public SequenceTask task() {
        return task;
    }

    public Recipe recipe() {
        return recipe;
    }

    public long seed() {
        return seed;
    }

    public long dataSeed() {
        return dataSeed;
    }

    /**
     * A new NTM of {@code shape} with the recipe's updater, controller and activations, its weights drawn from
     * the seed, then, if the recipe has {@link Recipe#initFrom}, the weights of that model put in place of the fresh
     * ones ({@link WarmStart}; the channels the model's task lacks keep theirs).
     *
     * @throws UsageException naming an impossible size
     */
    public MultiLayerNetwork newNtm(Networks.Shape shape) {
        MultiLayerNetwork net;
        try {
            net = Networks.ntm(task, recipe.controller().type(), seed, recipe.updater().create(recipe.learningRate()),
                    recipe.keyActivation(), recipe.addActivation(), shape);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (recipe.initFrom() != null) {
            warmStartedFrom = WarmStart.apply(recipe.initFrom(), net, taskName.toString(), TrainCommand.BITS);
        }
        return net;
    }

    /** Where the weights of the last {@link #newNtm} came from, if the recipe starts from a model, else null. */
    public String warmStartedFrom() {
        return warmStartedFrom;
    }

    /**
     * The job of the recipe's second stage, or null if it has none: the same task, seed and validation interval, the
     * second stage's recipe, and the data seed + {@value Recipe.SecondStage#DATA_SEED_OFFSET} (fresh sequences and a
     * fresh validation set).
     */
    public TrainingJob secondStage() {
        Recipe second = recipe.secondStageRecipe();
        return second == null ? null : new TrainingJob(taskName, maxLength, second, seed,
                dataSeed + Recipe.SecondStage.DATA_SEED_OFFSET, validateEvery, validationSequences);
    }

    /**
     * The network a second stage starts from: the first stage's best model {@code firstBest}, with its updater state,
     * at this job's learning rate.
     *
     * @param ntm whether it is an NTM (else an LSTM baseline)
     */
    public MultiLayerNetwork startFrom(File firstBest, boolean ntm) {
        MultiLayerNetwork net = ModelFiles.load(firstBest, taskName.toString(), ntm, true);
        net.setLearningRate(recipe.learningRate());
        return net;
    }

    /** A new LSTM baseline of {@code units} a layer with the recipe's updater, its weights drawn from the seed. */
    public MultiLayerNetwork newLstmBaseline(int units) {
        return Networks.lstmBaseline(task, seed, recipe.updater().create(recipe.learningRate()), units);
    }

    /** The training stream: minibatches of the recipe's size from the data seed, fresh sequences every epoch. */
    public TaskIterator data() {
        return (curriculum != null ? TaskIterator.builder(curriculum) : TaskIterator.builder(task))
                .batchSize(recipe.batch()).seed(dataSeed).freshDataEachEpoch(true).dataType(DataType.FLOAT).build();
    }

    /**
     * The Trainer's settings from the recipe: its budgets, a validation every {@code validateEvery} sequences on
     * its validation sequences (by default {@value #VALIDATION_SEQUENCES}) from the data seed + 1, its target, rate
     * drop, curriculum, global-norm clipping and the score that picks the best model. The caller adds listeners and a checkpoint.
     */
    public Trainer.Builder trainer() {
        Trainer.Builder trainer = Trainer.builder().minutes(recipe.minutes()).maxSequences(recipe.maxSequences())
                // Validation by sequences seen, not by the clock: the same command then stops and checkpoints at
                // the same point on any machine, so a run can be reproduced exactly.
                .validateEvery(validateEvery).validation(validationSequences, dataSeed + 1)
                .target(recipe.targetBitErrors()).selectBy(recipe.selectBy());
        if (recipe.lrDrop() != null) {
            trainer.dropLearningRateAtTarget(recipe.lrDrop());
        }
        if (curriculum != null) {
            trainer.curriculumOnBitErrors(curriculum);
        }
        if (recipe.clipGlobalNorm() != null) {
            trainer.clipGlobalNorm(recipe.clipGlobalNorm());
        }
        if (recipe.averagesThisStage()) {
            trainer.averageFrom(recipe.averageFrom(), null);
        }
        return trainer;
    }

    /**
     * Adds a checkpoint that saves the best model so far to {@code file}, recording the task and {@code command}.
     * When this stage averages its parameters ({@link Recipe#averageFrom}), the average becomes {@code file} at the
     * end, and the checkpoint chosen on validation moves beside it ({@link TrainCommand#checkpointFile}).
     */
    public Trainer.Builder checkpointTo(Trainer.Builder trainer, String file, String command) {
        String name = taskName.toString();
        trainer.checkpoint(n -> {
            ModelFiles.save(n, name, command, new File(file));
            return file;
        });
        if (recipe.averagesThisStage()) {
            Path model = Path.of(file);
            Path chosen = TrainCommand.checkpointFile(model.toFile()).toPath();
            trainer.averageFrom(recipe.averageFrom(), n -> {
                if (Files.isRegularFile(model)) {
                    Files.move(model, chosen, StandardCopyOption.REPLACE_EXISTING);
                }
                ModelFiles.save(n, name, command, model.toFile());
                return file;
            });
        }
        return trainer;
    }

    /** The one-line description of {@code net} the progress line and the log start with. */
    public static String describe(MultiLayerNetwork net, Networks.Shape shape) {
        if (net.getLayer(0).conf().getLayer() instanceof NtmLayer ntm) {
            return "ntm controller=" + Controller.of(ntm.getController()) + " path="
                    + NtmInspection.pathName(net.getLayer(0))
                    + (shape.equals(Networks.LASAGNE) ? "" : " " + shape);
        }
        return "lstm-baseline 3x" + ((FeedForwardLayer) net.getLayer(0).conf().getLayer()).getNOut();
    }
}
