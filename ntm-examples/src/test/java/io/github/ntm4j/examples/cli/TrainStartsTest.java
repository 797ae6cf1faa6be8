package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several starts ({@code --starts K@N}): the run is the chosen start's, bit for bit the model a single run of its seeds
 * makes, and the start chosen is the one with the best validation score.
 */
class TrainStartsTest {
    @TempDir
    Path dir;

    /** Copy on lengths up to 2, 16 sequences, a validation every 4, no target, a second stage of 8. */
    private static List<String> copy(long seed, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--task", "copy", "--max-length", "2", "--seed",
                Long.toString(seed), "--max-sequences", "16", "--validate-every", "4", "--target-bit-errors", "off",
                "--second-stage", "8@1e-5", "--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static CliRun run(List<String> args) {
        return TrainSecondStageTest.run(args);
    }

    private static double[] params(Path model) {
        return TrainSecondStageTest.params(model);
    }

    @Test
    void theRunIsTheBestStartsAndEqualsASingleRunOfItsSeeds() throws Exception {
        Path many = Files.createDirectory(dir.resolve("many"));
        CliRun run = run(copy(5, many.resolve("m.zip"), "--starts", "3@8"));
        Matcher chosen = Pattern.compile("start (\\d) \\(seed (\\d+), data seed (\\d+)\\) is best on validation by "
                + "bit-errors \\(1: (\\S+), 2: (\\S+), 3: (\\S+)\\)").matcher(run.out());
        assertTrue(chosen.find(), run.out());
        int k = Integer.parseInt(chosen.group(1));
        assertEquals(4 + k, Integer.parseInt(chosen.group(2)));
        double[] scores = {Double.parseDouble(chosen.group(4)), Double.parseDouble(chosen.group(5)),
                Double.parseDouble(chosen.group(6))};
        for (int i = 0; i < 3; i++) {
            assertEquals(8, ModelFiles.trainerState(many.resolve("m.start" + (i + 1) + ".last.zip").toFile())
                    .sequences(), "start " + (i + 1) + " ran its budget");
            assertTrue(Files.isRegularFile(many.resolve("m.start" + (i + 1) + ".jsonl")));
            assertTrue(scores[k - 1] <= scores[i] && (scores[k - 1] < scores[i] || k - 1 <= i), Arrays.toString(scores));
        }

        // A single run of the chosen start's seeds: the same first stage and the same model, bit for bit.
        Path one = Files.createDirectory(dir.resolve("one"));
        run(copy(4 + k, one.resolve("s.zip")));
        assertTrue(Arrays.equals(params(one.resolve("s.stage1.zip")), params(many.resolve("m.stage1.zip"))),
                "the first stage's best");
        assertTrue(Arrays.equals(params(one.resolve("s.zip")), params(many.resolve("m.zip"))), "the model");
        assertTrue(Arrays.equals(params(many.resolve("m.start" + k + ".zip")), params(many.resolve("m.stage1.zip")))
                || run.out().contains("checkpoint=" + many.resolve("m.stage1.zip")), "the first stage's best is the "
                + "start's until the run improves on it");
        assertEquals(1000 + 4 + k, ModelFiles.trainerState(many.resolve("m.last.zip").toFile()).dataSeed());

        // Run again, the starts are not trained again, and the model is the same.
        Path again = Files.createDirectory(dir.resolve("again"));
        for (int i = 1; i <= 3; i++) {
            for (String f : new String[] {"m.start" + i + ".zip", "m.start" + i + ".last.zip"}) {
                Files.copy(many.resolve(f), again.resolve(f));
            }
        }
        CliRun rerun = run(copy(5, again.resolve("m.zip"), "--starts", "3@8"));
        assertTrue(rerun.out().contains("start 1 of 3: trained before") && rerun.out().contains("start 3 of 3: trained "
                + "before"), rerun.out());
        assertTrue(Arrays.equals(params(again.resolve("m.zip")), params(many.resolve("m.zip"))));

        // A start stopped part way (start 2 at 4 of its 8 sequences) goes on exactly when the command is run again.
        Path stopped = Files.createDirectory(dir.resolve("stopped"));
        for (String f : new String[] {"m.start1.zip", "m.start1.last.zip"}) {
            Files.copy(many.resolve(f), stopped.resolve(f));
        }
        run(List.of("train", "--task", "copy", "--max-length", "2", "--seed", "6", "--max-sequences", "4",
                "--validate-every", "4", "--target-bit-errors", "off", "--second-stage", "off", "--out",
                stopped.resolve("m.start2.zip").toString()));
        CliRun goesOn = run(copy(5, stopped.resolve("m.zip"), "--starts", "3@8"));
        assertTrue(goesOn.out().contains("start 2 of 3: goes on from " + stopped.resolve("m.start2.last.zip")
                + " at 4 sequences"), goesOn.out());
        assertTrue(Arrays.equals(params(stopped.resolve("m.start2.last.zip")),
                params(many.resolve("m.start2.last.zip"))), "start 2 as if never stopped");
        assertTrue(Arrays.equals(params(stopped.resolve("m.zip")), params(many.resolve("m.zip"))));

        // A start's last checkpoint, resumed with --starts, goes on as that start: start 2 is seed 6.
        Path resumed = Files.createDirectory(dir.resolve("resumed"));
        run(copy(5, resumed.resolve("r.zip"), "--starts", "3@8", "--resume",
                many.resolve("m.start2.last.zip").toString()));
        Path six = Files.createDirectory(dir.resolve("six"));
        run(copy(6, six.resolve("s.zip")));
        assertTrue(Arrays.equals(params(six.resolve("s.zip")), params(resumed.resolve("r.zip"))));

        // A best checkpoint does not say which start it was.
        CliRun best = CliRun.of(copy(5, dir.resolve("x.zip"), "--starts", "3@8", "--resume",
                many.resolve("m.start1.zip").toString()).toArray(new String[0]));
        assertEquals(2, best.exitCode(), best.err());
        assertTrue(best.err().contains("is a best checkpoint; with --starts, --resume takes a last checkpoint"),
                best.err());
        // Nor does a checkpoint of other seeds belong to this command's starts.
        CliRun other = CliRun.of(copy(9, dir.resolve("x.zip"), "--starts", "3@8", "--resume",
                many.resolve("m.start1.last.zip").toString()).toArray(new String[0]));
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("which is none of this command's 3 starts (data seeds 9 to 11"), other.err());
    }

    @Test
    void whatDoesNotGoWithStartsIsAUsageError() {
        for (String bad : new String[] {"1@100", "3@0", "3", "x@1"}) {
            CliRun r = CliRun.of(copy(5, dir.resolve("x.zip"), "--starts", bad).toArray(new String[0]));
            assertEquals(2, r.exitCode(), bad + ": " + r.err());
            assertTrue(r.err().contains("--starts"), r.err());
        }
        CliRun sweep = CliRun.of("sweep", "--task", "copy", "--seeds", "1", "--starts", "3@100", "--out",
                dir.resolve("s").toString());
        assertEquals(2, sweep.exitCode(), sweep.err());
        assertTrue(sweep.err().contains("--starts 3@100 is train's"), sweep.err());
    }
}
