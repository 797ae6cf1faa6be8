package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --validation-sequences N}: the validation set that picks the best model (and a start) has N
 * sequences, the log and the last checkpoint say so, {@code eval --validation-of} scores the same set, and a run
 * cannot go on or rank its starts on a set of another size.
 */
class TrainValidationSequencesTest {
    @TempDir
    Path dir;

    /** Copy on lengths up to 2, 16 sequences, a validation every 4, no target, one stage. */
    private static List<String> copy(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--task", "copy", "--max-length", "2", "--seed", "5",
                "--max-sequences", "16", "--validate-every", "4", "--target-bit-errors", "off", "--second-stage",
                "off", "--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** The last value of {@code key=} on the lines of {@code out} that start with {@code prefix}. */
    private static double last(String out, String prefix, String key) {
        Matcher m = Pattern.compile("(?m)^" + prefix + ".*\\b" + key + "=(\\S+)").matcher(out);
        Double value = null;
        while (m.find()) {
            value = Double.parseDouble(m.group(1));
        }
        assertTrue(value != null, out);
        return value;
    }

    @Test
    void theValidationSetHasTheSizeGivenAndEvalScoresTheSameSet() throws Exception {
        Path model = dir.resolve("m.zip");
        CliRun run = TrainSecondStageTest.run(copy(model, "--validation-sequences", "16"));
        String log = Files.readString(dir.resolve("m.jsonl"));
        assertTrue(log.contains("\"validation_sequences\":16"), log);
        assertEquals(16, ModelFiles.trainerState(dir.resolve("m.last.zip").toFile()).validationSequences());

        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--task", "copy", "--max-length", "2",
                "--validation-of", "5", "--validation-sequences", "16");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("validation set of seed 5 (16 sequences from seed 6)"), eval.out());
        // The saved model is the best checkpoint: its score on the same 16 sequences is the last one reported.
        assertEquals(last(run.out(), "checkpoint=", "bit_errors_per_seq"),
                last(eval.out(), "validation set", "bit_errors_per_seq"), 0.0006, run.out() + eval.out());

        CliRun eval64 = CliRun.of("eval", "--model", model.toString(), "--task", "copy", "--max-length", "2",
                "--validation-of", "5");
        assertTrue(eval64.out().contains("(64 sequences from seed 6)"), eval64.out());
    }

    @Test
    void aRunGoesOnAndRanksItsStartsOnlyOnASetOfTheSameSize() {
        Path model = dir.resolve("m.zip");
        TrainSecondStageTest.run(copy(model, "--validation-sequences", "16", "--starts", "2@8"));

        CliRun rerun = CliRun.of(copy(model, "--validation-sequences", "32", "--starts", "2@8").toArray(new String[0]));
        assertEquals(2, rerun.exitCode(), rerun.err());
        assertTrue(rerun.err().contains("was validated on 16 sequences, not 32: give --validation-sequences 16, "
                + "or another --out"), rerun.err());

        TrainSecondStageTest.run(copy(dir.resolve("one.zip"), "--validation-sequences", "16"));
        CliRun resume = CliRun.of(copy(dir.resolve("r.zip"), "--resume",
                dir.resolve("one.last.zip").toString()).toArray(new String[0]));
        assertTrue(resume.exitCode() != 0, resume.out());
        assertTrue(resume.err().contains("a validation set of 16 sequences, not 64"), resume.err());
    }

    @Test
    void impossibleOrMisplacedSizesAreUsageErrors() {
        for (String bad : new String[] {"0", "-3", "x"}) {
            CliRun r = CliRun.of(copy(dir.resolve("x.zip"), "--validation-sequences", bad).toArray(new String[0]));
            assertEquals(2, r.exitCode(), bad + ": " + r.err());
            assertTrue(r.err().contains("--validation-sequences"), r.err());
        }
        CliRun eval = CliRun.of("eval", "--pretrained", "copy", "--validation-sequences", "16");
        assertEquals(2, eval.exitCode(), eval.err());
        assertTrue(eval.err().contains("--validation-sequences goes with --validation-of"), eval.err());
    }
}
