package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.Networks;

import io.github.ntm4j.examples.CliRun;
import io.github.ntm4j.examples.Ntm4j;
import io.github.ntm4j.examples.training.Selection;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.tasks.Curriculum;
import io.github.ntm4j.tasks.PrioritySortTask;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train}'s defaults are the task's recipe (docs/results.md), and an option given overrides one setting. */
class TrainRecipeTest {

    /** The settings {@code train} would use for {@code args}, parsed but not run. */
    private static Recipe settings(String... args) {
        CommandLine cl = Ntm4j.commandLine();
        cl.parseArgs(args);
        TrainCommand train = cl.getSubcommands().get("train").getCommand();
        return train.settings();
    }

    @Test
    void dyckAloneTrainsTheWayResultsSaysWorks() {
        // results.md: train --task dyck --batch 1 --updater graves --lr 1e-4 --lr-drop 0.1 --max-sequences 258000
        // --minutes 16, tanh keys and add vectors (the layer's default)
        Recipe dyck = settings("train", "--task", "dyck");
        assertEquals(new Recipe(Updater.GRAVES, 1e-4, 1, Controller.FF, NtmActivation.TANH, NtmActivation.TANH, 0.1,
                null, 0.01, 258_000, 16), dyck);
    }

    @Test
    void copyTrainsWithTheShippedModelsRecipe() {
        // results.md: --batch 1 --updater graves --lr 1e-4 --key-activation relu --add-activation relu --lr-drop 0.1
        // --max-sequences 50000 --minutes 10
        assertEquals(new Recipe(Updater.GRAVES, 1e-4, 1, Controller.FF, NtmActivation.RELU, NtmActivation.RELU, 0.1,
                null, 0.01, 50_000, 10), settings("train", "--task", "copy", "--max-length", "20"));
        assertEquals(settings("train", "--task", "copy"), settings("train"), "copy is the default task");
    }

    @Test
    void copyOnLengthsOneToFiveTrainsWithAnLstmControllerAtNtmLasagnesRate() {
        // results.md, "A screen of other settings" and "Training on longer": --controller lstm --lr 1e-3,
        // NTM-Lasagne's ReLU keys and adds, the rate drop at the target, 150,000 sequences (30 minutes at most);
        // the default lengths are 1-5.
        Recipe shortSequences = new Recipe(Updater.GRAVES, 1e-3, 1, Controller.LSTM, NtmActivation.RELU,
                NtmActivation.RELU, 0.1, null, 0.01, 150_000, 30);
        assertEquals(shortSequences, settings("train", "--task", "copy"));
        assertEquals(shortSequences, settings("train", "--task", "copy", "--max-length", "5"));
        assertEquals(shortSequences, settings("train", "--task", "copy", "--max-length", "3"));
        assertEquals(Controller.FF, settings("train", "--task", "copy", "--max-length", "6").controller());
        assertEquals(1e-4, settings("train", "--task", "copy", "--max-length", "6").learningRate());
        assertEquals(shortSequences, TaskName.COPY.recipe());
        // Only copy's recipe depends on the length.
        assertEquals(TaskName.DYCK.recipe(), settings("train", "--task", "dyck", "--max-length", "40"));
    }

    @Test
    void everyTaskHasTheRecipeItsEvidenceIsFor() {
        // results.md, "Repeat copy": from the shipped copy-1-5 model, copy-1-5's settings at 1e-3, the whole range,
        // on the next seeds until one's write head is sharp, at most thirty.
        assertEquals(new Recipe(Updater.GRAVES, 1e-3, 1, Controller.LSTM, NtmActivation.RELU, NtmActivation.RELU, 0.1,
                null, 0.01, 30_000, 30, null, Selection.BIT_ERRORS, null, "copy-1-5",
                new Recipe.Starts(30, 30_000, Recipe.Starts.Choice.SHARP_WRITE_HEAD)), TaskName.REPEAT_COPY.recipe());
        assertEquals(Networks.LASAGNE, TaskName.REPEAT_COPY.shape(), "copy-1-5's network, one read head");
        // The former recipe and the runs of the arm, as their commands spell them out with this jar.
        assertEquals(new Recipe(Updater.GRAVES, 3e-4, 1, Controller.LSTM, NtmActivation.RELU, NtmActivation.RELU, 0.1,
                null, 0.01, 30_000, 30, null, Selection.BIT_ERRORS, null, "copy-1-5"),
                settings("train", "--task", "repeat-copy", "--lr", "3e-4", "--starts", "off"));
        assertEquals(TaskName.REPEAT_COPY.recipe().startRecipe(), settings("train", "--task", "repeat-copy", "--starts",
                "off"), "one start of the rule is one run of the arm");
        // Its documented runs from fresh weights, as their commands spell them out.
        assertEquals(new Recipe(Updater.RMSPROP, 1e-3, 16, Controller.FF, NtmActivation.TANH, NtmActivation.TANH, null,
                1.0, 0.01, Long.MAX_VALUE, 30), settings("train", "--task", "repeat-copy", "--init-from", "off",
                "--updater", "rmsprop", "--lr", "1e-3", "--batch", "16", "--controller", "ff", "--key-activation", "tanh",
                "--add-activation", "tanh", "--lr-drop", "off", "--curriculum", "1", "--max-sequences", "off",
                "--minutes", "30", "--starts", "off"));
        // results.md, "Priority sort": three starts of 40,000, two read and two write heads at 3e-4, clipped at 50,
        // then 100,000 at 3e-5, whose parameters are averaged from 50,000 on.
        assertEquals(new Recipe(Updater.GRAVES, 3e-4, 1, Controller.FF, NtmActivation.TANH, NtmActivation.TANH, null,
                null, 0.01, 200_000, 120, 50.0, Selection.BIT_ERRORS, new Recipe.SecondStage(100_000, 3e-5), null,
                new Recipe.Starts(3, 40_000), 50_000L), TaskName.PRIORITY_SORT.recipe());
        // The averaging is the last stage's: the starts and the first stage do not average, the second stage does.
        assertEquals(null, TaskName.PRIORITY_SORT.recipe().startRecipe().averageFrom());
        assertFalse(TaskName.PRIORITY_SORT.recipe().averagesThisStage());
        assertTrue(TaskName.PRIORITY_SORT.recipe().secondStageRecipe().averagesThisStage());
        // The checkpoint instead of the average: what the runs before the averaged ones kept.
        Recipe checkpoint = settings("train", "--task", "priority-sort", "--average-from", "off");
        assertEquals(null, checkpoint.averageFrom());
        assertTrue(checkpoint.asOptionsAgainst(TaskName.PRIORITY_SORT.recipe()).endsWith(" --average-from off"));
        assertEquals(1234L, settings("train", "--task", "priority-sort", "--average-from", "1234").averageFrom());
        // One start: what the sweeps of seeds 1-9 ran, and their setting's name.
        Recipe oneStart = settings("train", "--task", "priority-sort", "--starts", "off", "--average-from", "off");
        assertEquals(new Recipe(Updater.GRAVES, 3e-4, 1, Controller.FF, NtmActivation.TANH, NtmActivation.TANH, null,
                null, 0.01, 200_000, 120, 50.0, Selection.BIT_ERRORS, new Recipe.SecondStage(100_000, 3e-5)), oneStart);
        assertEquals(40_000, TaskName.PRIORITY_SORT.recipe().startRecipe().maxSequences());
        // A quick check with a small budget stays quick: each start gets the first stage's budget at most.
        assertEquals(4, settings("train", "--task", "priority-sort", "--max-sequences", "4").startRecipe()
                .maxSequences());
        assertTrue(oneStart.asOptionsAgainst(TaskName.PRIORITY_SORT.recipe()).endsWith(" --starts off --average-from off"));
        // The former recipe, as its documented sweep spells it out.
        assertEquals(new Recipe(Updater.GRAVES, 1e-4, 1, Controller.FF, NtmActivation.TANH, NtmActivation.TANH, null,
                null, 0.01, 200_000, 30), settings("train", "--task", "priority-sort", "--lr", "1e-4",
                "--clip-global-norm", "off", "--second-stage", "off", "--minutes", "30", "--starts", "off",
                "--average-from", "off"));
        assertEquals(Controller.LSTM, TaskName.REVERSED_COPY.recipe().controller());
        assertEquals(Double.NEGATIVE_INFINITY, TaskName.NGRAMS.recipe().targetBitErrors());
        assertEquals(Controller.LSTM, TaskName.NGRAMS.recipe().controller());
        assertEquals(Selection.COST, TaskName.NGRAMS.recipe().selectBy());
        for (TaskName t : TaskName.values()) {
            assertEquals(t.recipe(), settings("train", "--task", t.toString()), t.toString());
        }
    }

    @Test
    void prioritySortTakesACurriculumOverItsInputsThatItsRecipeDoesNotUse() {
        assertNull(TaskName.PRIORITY_SORT.recipe().curriculum(), "screened, it did not help (results.md)");
        assertEquals(2.0, settings("train", "--task", "priority-sort", "--curriculum", "2").curriculum());
        Curriculum c = TaskName.PRIORITY_SORT.curriculum(2.0);
        assertEquals(5, c.level());
        assertEquals(20, c.finalLevel());
        assertEquals(new PrioritySortTask.Params(8, 5, 4), ((PrioritySortTask) c.task()).params());
    }

    @Test
    void anOptionGivenOverridesOnlyItsSetting() {
        Recipe r = settings("train", "--task", "copy", "--lr", "1e-3", "--batch", "4", "--key-activation", "tanh",
                "--minutes", "0.5");
        assertEquals(new Recipe(Updater.GRAVES, 1e-3, 4, Controller.LSTM, NtmActivation.TANH, NtmActivation.RELU, 0.1,
                null, 0.01, 150_000, 0.5), r);
        assertNull(settings("train", "--task", "dyck", "--lr-drop", "off").lrDrop(), "stop at the target");
        assertNull(settings("train", "--task", "dyck", "--target-bit-errors", "off").lrDrop(),
                "no target, so no drop at it");
        assertNull(settings("train", "--task", "repeat-copy", "--curriculum", "off").curriculum());
        assertEquals(NtmActivation.HARD_SIGMOID,
                settings("train", "--add-activation", "HARD-sigmoid").addActivation(), "any case");
        assertEquals(Controller.LSTM, settings("train", "--controller", "LSTM").controller());
    }

    @Test
    void globalNormClippingIsAnOptionOffByDefault() {
        assertNull(settings("train", "--task", "copy").clipGlobalNorm());
        Recipe clipped = settings("train", "--task", "copy", "--clip-global-norm", "50");
        assertEquals(50.0, clipped.clipGlobalNorm());
        assertTrue(clipped.asOptions().endsWith(" --clip-global-norm 50"), clipped.asOptions());
        assertNull(settings("train", "--clip-global-norm", "off").clipGlobalNorm());
        // Unset, the options (which name a sweep's directory) are what they were before the setting existed.
        assertTrue(!settings("train").asOptions().contains("clip"), settings("train").asOptions());
        CliRun bad = CliRun.of("train", "--clip-global-norm", "0");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--clip-global-norm"), bad.err());
    }

    @Test
    void trainPrintsItsSettingsAndTheHelpShowsEveryRecipe() {
        CliRun run = CliRun.of("train", "--task", "dyck", "--max-sequences", "2", "--validate-every", "1", "--lr", "3e-4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("settings: --updater graves --lr 0.0003 --batch 1 --controller ff "
                + "--key-activation tanh --add-activation tanh --lr-drop 0.1 --target-bit-errors 0.01 "
                + "--max-sequences 2 --minutes 16 (the dyck recipe, and the options given)"), run.out());

        String help = CliRun.of("train", "--help").out();
        for (TaskName t : TaskName.values()) {
            assertTrue(help.contains("  " + t + ": " + t.evidence()), t + " in " + help);
        }
        assertTrue(help.replaceAll("\\s+", " ").contains(TaskName.COPY.recipe().asOptions()), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("copy --max-length 6 or more: " + TaskName.COPY.evidence(6)
                + ". " + TaskName.COPY.recipe(6).asOptions()), help);
        assertTrue(help.contains("(default: the task's recipe)"), help);
    }

    /**
     * A sweep's setting is named by the size's difference from NTM-Lasagne's network, whether the task or an option
     * makes it: that network names nothing, so the directories of settings run before sizes existed keep their names.
     */
    @Test
    void aSizeIsNamedByItsDifferenceFromTheLasagneNetwork() {
        assertEquals("", ShapeOptions.asOptions(Networks.LASAGNE));
        assertEquals("--memory-rows 64 --read-heads 2 --write-heads 2 --initial-state learned",
                ShapeOptions.asOptions(new Networks.Shape(100, 64, 20, 2, 2, true)));
        assertEquals("--read-heads 2 --write-heads 2", ShapeOptions.asOptions(TaskName.PRIORITY_SORT.shape()));
        for (TaskName t : TaskName.values()) {
            if (t != TaskName.PRIORITY_SORT) {
                assertEquals(Networks.LASAGNE, t.shape(), t.toString());
            }
        }
        ShapeOptions none = new ShapeOptions();
        Networks.Shape learned = new Networks.Shape(100, 128, 20, 1, 1, true);
        assertEquals(learned, none.shape(learned), "every size option left out keeps the task's value");
        none.initialState = ShapeOptions.InitialState.FIXED;
        assertEquals(Networks.LASAGNE, none.shape(learned), "--initial-state fixed overrides it");
        String help = CliRun.of("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains(TaskName.PRIORITY_SORT.recipe().asOptions() + " --read-heads 2 --write-heads 2"), help);
    }

    @Test
    void initFromNamesAModelOrTurnsTheRecipesWarmStartOff() {
        assertEquals("copy-1-5", settings("train", "--task", "repeat-copy", "--init-from", "copy-1-5").initFrom());
        assertNull(settings("train", "--task", "repeat-copy", "--init-from", "off").initFrom());
        Recipe warm = settings("train", "--task", "repeat-copy", "--init-from", "copy-1-5");
        assertTrue(warm.asOptions().contains(" --init-from copy-1-5"), warm.asOptions());
        assertTrue(!warm.withoutWarmStart().asOptions().contains("--init-from"), "no warm start, no option: older "
                + "settings hashes stand");
        CliRun sized = CliRun.of("train", "--task", "repeat-copy", "--init-from", "copy-1-5", "--memory-rows", "64",
                "--max-sequences", "1");
        assertEquals(2, sized.exitCode(), sized.err());
        assertTrue(sized.err().contains("--memory-rows sizes a new NTM; it does not go with --init-from"), sized.err());
        CliRun recipe = CliRun.of("train", "--task", "repeat-copy", "--starts", "off", "--max-sequences", "2",
                "--validate-every", "1");
        assertEquals(0, recipe.exitCode(), recipe.err());
        assertTrue(recipe.out().contains("init-from=the shipped copy-1-5 model"), recipe.out());
        assertTrue(!recipe.out().contains("heads="), "NTM-Lasagne's network, whose size is not printed: " + recipe.out());
        CliRun twoReads = CliRun.of("train", "--task", "repeat-copy", "--read-heads", "2", "--starts", "off",
                "--max-sequences", "2", "--validate-every", "1");
        assertEquals(0, twoReads.exitCode(), twoReads.err());
        assertTrue(twoReads.out().contains(" heads=2+1 "), "a read head added to copy-1-5's: " + twoReads.out());
        CliRun fewerReads = CliRun.of("train", "--task", "repeat-copy", "--init-from", "copy-1-5", "--read-heads", "1",
                "--write-heads", "2", "--max-sequences", "1");
        assertEquals(2, fewerReads.exitCode(), fewerReads.err());
        assertTrue(fewerReads.err().contains("--init-from needs the same NTM") && fewerReads.err().contains("heads 1+1")
                && fewerReads.err().contains("heads 1+2"), "the write heads must be the model's: " + fewerReads.err());
        CliRun recipeSized = CliRun.of("train", "--task", "repeat-copy", "--memory-rows", "64", "--max-sequences", "1");
        assertEquals(2, recipeSized.exitCode(), recipeSized.err());
        assertTrue(recipeSized.err().contains("the repeat-copy recipe starts from copy-1-5; give --init-from off"),
                recipeSized.err());
        CliRun baseline = CliRun.of("sweep", "--task", "repeat-copy", "--baseline", "lstm", "--init-from", "copy-1-5",
                "--seeds", "1", "--out", "target/refused-before-it-is-made");
        assertEquals(2, baseline.exitCode(), baseline.err());
        assertTrue(baseline.err().contains("--init-from starts a new NTM from another task's model; it does not go with "
                + "--baseline"), baseline.err());
    }

    /** The settings line names what the options turn off of the task's recipe, so that it gives the same run back. */
    @Test
    void theSettingsLineNamesWhatIsTurnedOff() {
        CliRun run = CliRun.of("train", "--task", "repeat-copy", "--init-from", "off", "--starts", "off",
                "--curriculum", "1", "--max-sequences", "2", "--validate-every", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("--max-sequences 2 --minutes 30 --init-from off --starts off (the repeat-copy"
                + " recipe"), run.out());
        Recipe ngrams = settings("train", "--task", "ngrams", "--second-stage", "off", "--max-sequences", "off");
        assertTrue(ngrams.asOptionsAgainst(TaskName.NGRAMS.recipe()).endsWith(" --select-by cost --max-sequences off"
                + " --second-stage off"), ngrams.asOptionsAgainst(TaskName.NGRAMS.recipe()));
        assertEquals(TaskName.NGRAMS.recipe().asOptions(), TaskName.NGRAMS.recipe().asOptionsAgainst(
                TaskName.NGRAMS.recipe()), "nothing turned off, nothing added");
    }
}
