package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recipe's second stage ({@code --second-stage N@R}): one command makes the model the two commands it stands for
 * make, bit for bit, and a run stopped in either stage and resumed from its last checkpoint makes it too.
 */
class TrainSecondStageTest {
    @TempDir
    Path dir;

    /** Copy on lengths up to 2 for {@code sequences}, a validation every 4, no target (so both stages run whole). */
    private static List<String> copy(int sequences, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--task", "copy", "--max-length", "2", "--seed", "1",
                "--max-sequences", Integer.toString(sequences), "--validate-every", "4", "--target-bit-errors", "off",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** Runs {@code args} as the command line and asserts that it succeeded. */
    static CliRun run(List<String> args) {
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        return run;
    }

    /** The parameters of the copy model in {@code model}. */
    static double[] params(Path model) {
        return ModelFiles.load(model.toFile(), "copy").params().toDoubleVector();
    }

    @Test
    void oneCommandMakesWhatTheTwoItStandsForMake() throws Exception {
        Path one = Files.createDirectory(dir.resolve("one"));
        CliRun run = run(copy(8, one.resolve("copy.zip"), "--second-stage", "8@1e-5"));
        assertTrue(run.out().contains("second stage: from the first stage's best model (" + one.resolve("copy.stage1.zip")
                + "), 8 sequences at 0.00001 on fresh data (data seed 1001)"), run.out());
        assertTrue(run.out().contains("--second-stage 8@0.00001"), "the first stage's settings name the second: "
                + run.out());
        int twoStages = run.out().indexOf("two stages: this one, then 8 sequences at 0.00001 from its best model"
                + " (--second-stage); --second-stage off trains this one alone");
        assertTrue(twoStages >= 0 && twoStages < run.out().indexOf("task=copy"), "said before training: " + run.out());
        for (String file : new String[] {"copy.zip", "copy.last.zip", "copy.jsonl", "copy.stage1.zip",
                "copy.stage1.last.zip", "copy.stage1.jsonl"}) {
            assertTrue(Files.isRegularFile(one.resolve(file)), file);
        }
        assertEquals(1001, ModelFiles.trainerState(one.resolve("copy.last.zip").toFile()).dataSeed());

        // The same by hand: the first stage, then --resume of its best model at the second rate on data seed 1001.
        Path two = Files.createDirectory(dir.resolve("two"));
        run(copy(8, two.resolve("first.zip")));
        run(List.of("train", "--task", "copy", "--max-length", "2", "--seed", "1", "--data-seed", "1001",
                "--resume", two.resolve("first.zip").toString(), "--lr", "1e-5", "--max-sequences", "8",
                "--validate-every", "4", "--target-bit-errors", "off", "--out", two.resolve("second.zip").toString()));
        assertTrue(java.util.Arrays.equals(params(two.resolve("first.zip")), params(one.resolve("copy.stage1.zip"))));
        assertTrue(java.util.Arrays.equals(params(two.resolve("second.zip")), params(one.resolve("copy.zip"))),
                "the second stage's best model");
        assertTrue(!java.util.Arrays.equals(params(one.resolve("copy.stage1.zip")), params(one.resolve("copy.zip"))),
                "the second stage trained");
    }

    @Test
    void aRunStoppedInEitherStageResumesToTheSameModel() {
        Path whole = dir.resolve("whole.zip");
        run(copy(8, whole, "--second-stage", "8@1e-5"));

        // Stopped in the first stage, at 4 of its 8 sequences: resumed, it finishes it and then runs the second.
        Path a = dir.resolve("a.zip");
        run(copy(4, a, "--second-stage", "off"));
        CliRun resumed = run(copy(8, dir.resolve("a2.zip"), "--second-stage", "8@1e-5", "--resume",
                dir.resolve("a.last.zip").toString()));
        assertTrue(resumed.out().contains("resumed from=" + dir.resolve("a.last.zip") + " sequences=4"), resumed.out());
        assertTrue(java.util.Arrays.equals(params(whole), params(dir.resolve("a2.zip"))), resumed.out());

        // Stopped in the second stage, at 4 of its 8: its last checkpoint is told apart by its data seed.
        Path b = dir.resolve("b.zip");
        run(copy(8, b, "--second-stage", "4@1e-5"));
        resumed = run(copy(8, b, "--second-stage", "8@1e-5", "--resume", dir.resolve("b.last.zip").toString()));
        assertTrue(!resumed.out().contains("second stage: from"), "the first stage is not trained again: "
                + resumed.out());
        assertTrue(resumed.out().contains("resumed from=" + dir.resolve("b.last.zip") + " sequences=4"), resumed.out());
        assertTrue(java.util.Arrays.equals(params(whole), params(b)), resumed.out());

        // Resumed without its second stage: a usage error that says what the checkpoint is.
        CliRun off = CliRun.of(copy(8, b, "--second-stage", "off", "--resume", dir.resolve("b.last.zip").toString())
                .toArray(new String[0]));
        assertEquals(2, off.exitCode(), off.out() + off.err());
        assertTrue(off.err().contains("is the last checkpoint of a second stage (its data seed is 1001, this run's + 1000);"
                + " resume it with the --second-stage it was trained with"), off.err());
    }

    @Test
    void theSecondStageIsReadAndRefusedClearly() {
        assertEquals(new Recipe.SecondStage(50_000, 1e-5), Recipe.SecondStage.parse("50000@1e-5"));
        assertEquals("50000@0.00001", new Recipe.SecondStage(50_000, 1e-5).toString());
        assertThrows(IllegalArgumentException.class, () -> Recipe.SecondStage.parse("50000"));
        assertThrows(IllegalArgumentException.class, () -> Recipe.SecondStage.parse("0@1e-5"));
        assertThrows(IllegalArgumentException.class, () -> Recipe.SecondStage.parse("100@-1"));

        CliRun run = CliRun.of("train", "--task", "copy", "--second-stage", "1e-5");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("--second-stage: expected SEQUENCES@RATE, e.g. 50000@1e-5"), run.err());
    }

    @Test
    void nGramsRecipeHasItsSecondStageAndOffRemovesIt() {
        Recipe ngrams = TaskName.NGRAMS.recipe();
        assertEquals(new Recipe.SecondStage(50_000, 1e-5), ngrams.secondStage());
        assertTrue(ngrams.asOptions().endsWith(" --second-stage 50000@0.00001"), ngrams.asOptions());
        Recipe second = ngrams.secondStageRecipe();
        assertEquals(1e-5, second.learningRate());
        assertEquals(50_000, second.maxSequences());
        assertNull(second.secondStage());
        assertNull(TaskName.COPY.recipe().secondStage(), "copy's recipe has one stage");
    }
}
