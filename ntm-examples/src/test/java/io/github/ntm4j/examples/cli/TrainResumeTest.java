package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train}'s last checkpoint and the two kinds of {@code --resume} (KillAndResumeTest kills real runs). */
class TrainResumeTest {
    @TempDir
    Path dir;

    private String[] train(String... more) {
        return train(8, more);
    }

    private String[] train(int sequences, String... more) {
        String[] base = {"train", "--task", "copy", "--max-length", "2", "--seed", "1", "--max-sequences",
                Integer.toString(sequences),
                "--validate-every", "4", "--out", dir.resolve("copy.zip").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void theLastCheckpointHoldsTheTrainersStateAndTheBestOneDoesNot() {
        CliRun run = CliRun.of(train());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(dir.resolve("copy.last.zip")));
        assertEquals(8, ModelFiles.trainerState(dir.resolve("copy.last.zip").toFile()).sequences());
        assertNull(ModelFiles.trainerState(dir.resolve("copy.zip").toFile()));
        try {
            assertEquals("ntm4j " + String.join(" ", train()), io.github.ntm4j.layer.io.SafeModelLoader.defaults()
                    .readMetadata(dir.resolve("copy.zip")).get(io.github.ntm4j.layer.io.ModelMetadata.KEY_COMMAND),
                    "the model records the command that trained it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // From the last checkpoint: exact, logged as a resume; the budget is already spent.
        run = CliRun.of(train(12, "--resume", dir.resolve("copy.last.zip").toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("resumed from=" + dir.resolve("copy.last.zip") + " sequences=8 minibatches=8"),
                run.out());
        assertTrue(run.out().contains("done stop=budget sequences=12 "), run.out());

        // From the best checkpoint: the network goes on, the counts start again, and the output says so.
        run = CliRun.of(train("--resume", dir.resolve("copy.zip").toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("is a best checkpoint"), run.out());
        assertTrue(run.out().contains("done stop=budget sequences=8 "), run.out());
    }

    @Test
    void aLastCheckpointIsNotResumedWithOtherSettings() {
        assertEquals(0, CliRun.of(train()).exitCode());
        String[] otherSeed = train("--data-seed", "2", "--resume", dir.resolve("copy.last.zip").toString());
        CliRun run = CliRun.of(otherSeed);
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("data seed 1, not 2"), run.err());

        run = CliRun.of("train", "--task", "copy", "--checkpoint-every", "10");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("--checkpoint-every writes the last checkpoint beside --out"), run.err());
    }
}
