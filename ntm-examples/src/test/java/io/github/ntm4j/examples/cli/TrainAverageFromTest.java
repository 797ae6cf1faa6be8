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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --average-from N}: the last stage's parameters averaged over its validations from N sequences on,
 * validated, and saved as {@code --out}; the checkpoint chosen on validation, moved beside it, is what {@code --out}
 * would be without; a last checkpoint written after averaging began is refused by {@code --resume} with the reason.
 */
class TrainAverageFromTest {
    @TempDir
    Path dir;

    /** Copy on lengths up to 2, a validation every 4 sequences, no target. */
    private static List<String> copy(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--task", "copy", "--max-length", "2", "--seed", "5",
                "--validate-every", "4", "--target-bit-errors", "off", "--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void theLastStagesAverageBecomesTheModelAndTheChosenCheckpointMovesBesideIt() throws Exception {
        Path model = dir.resolve("m.zip");
        CliRun run = TrainSecondStageTest.run(copy(model, "--max-sequences", "16", "--second-stage", "12@1e-4",
                "--average-from", "4"));
        // The second stage (12 sequences, validations at 4, 8, 12) is averaged; the first stage is not.
        Matcher m = Pattern.compile("average of (\\d+) validations' parameters \\(sequences 4-12\\): bit_errors_per_seq="
                + "(\\S+) cost_per_seq=(\\S+) saved=(\\S+)").matcher(run.out());
        assertTrue(m.find(), run.out());
        assertEquals("3", m.group(1));
        assertEquals(model.toString(), m.group(4));
        assertTrue(run.out().contains("--second-stage 12@0.0001 --average-from 4"), run.out());
        double averageBitErrors = Double.parseDouble(m.group(2));
        assertFalse(m.find(), "one average, the second stage's: " + run.out());
        assertFalse(Files.readString(dir.resolve("m.stage1.jsonl")).contains("\"average\""));
        String log = Files.readString(dir.resolve("m.jsonl"));
        assertTrue(log.contains("{\"event\":\"average\",\"from_sequences\":4,\"to_sequences\":12,\"snapshots\":3,"), log);

        // The averaged model is a model of the task like any other: eval reads it, and scores the second stage's
        // validation set (data seed 5 + 1000) as training did.
        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--task", "copy",
                "--max-length", "2", "--validation-of", "1005");
        assertEquals(0, eval.exitCode(), eval.err());
        Matcher scored = Pattern.compile("bit_errors_per_seq=(\\S+)").matcher(eval.out());
        assertTrue(scored.find(), eval.out());
        assertEquals(averageBitErrors, Double.parseDouble(scored.group(1)), 6e-4, run.out() + eval.out());

        // Without --average-from the same run keeps as its model the checkpoint kept beside the average, bit for bit.
        Path plain = dir.resolve("p.zip");
        TrainSecondStageTest.run(copy(plain, "--max-sequences", "16", "--second-stage", "12@1e-4"));
        assertEquals(ModelFiles.load(plain.toFile(), "copy").params(),
                ModelFiles.load(dir.resolve("m.checkpoint.zip").toFile(), "copy").params());
        assertFalse(ModelFiles.load(plain.toFile(), "copy").params().equals(
                ModelFiles.load(model.toFile(), "copy").params()));
        assertFalse(Files.exists(dir.resolve("p.checkpoint.zip")));
    }

    @Test
    void aLastCheckpointWrittenAfterAveragingBeganIsRefusedWithTheReason() {
        Path model = dir.resolve("m.zip");
        TrainSecondStageTest.run(copy(model, "--max-sequences", "12", "--second-stage", "off", "--average-from", "4"));
        CliRun resume = CliRun.of(copy(dir.resolve("r.zip"), "--max-sequences", "16", "--second-stage", "off",
                "--resume", dir.resolve("m.last.zip").toString()).toArray(new String[0]));
        assertEquals(2, resume.exitCode(), resume.out() + resume.err());
        assertTrue(resume.err().contains("the checkpoint was written after the parameters of 3 validations had been"
                + " averaged"), resume.err());
    }
}
