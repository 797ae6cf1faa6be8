package io.github.ntm4j.examples.reliability;

import io.github.ntm4j.examples.Ntm4j;
import io.github.ntm4j.examples.cli.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train} killed ({@code destroyForcibly}, SIGKILL on Linux) at random moments and resumed with
 * {@code --resume model.last.zip} reaches bit for bit the parameters, updater state and validation numbers of a run
 * never killed (docs/reliability.md, "Resuming training"). Each run is a child JVM running the CLI with the test's
 * class path; a tiny copy task, 300 sequences, a last checkpoint every 10: 13-25 s in all. Each kill comes at a
 * random moment after the run has written at least one new last checkpoint, so each resumed run gets further.
 */
class KillAndResumeTest {
    private static final int KILLS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> train(Path out) {
        return new ArrayList<>(List.of("train", "--task", "copy", "--max-length", "3", "--seed", "1",
                "--max-sequences", "300", "--validate-every", "50", "--checkpoint-every", "10",
                "--out", out.toString()));
    }

    @Test
    void aRunKilledAtRandomMomentsAndResumedEndsAsOneNeverKilled() throws Exception {
        Path whole = Files.createDirectories(dir.resolve("whole")).resolve("copy.zip");
        Process reference = start(train(whole), dir.resolve("whole.out"), null);
        assertTrue(reference.waitFor(120, TimeUnit.SECONDS), "the uninterrupted run did not finish");
        assertEquals(0, reference.exitValue(), Files.readString(dir.resolve("whole.out")));

        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path killed = Files.createDirectories(dir.resolve("killed")).resolve("copy.zip");
        Path last = killed.resolveSibling("copy.last.zip");
        List<Long> killedAt = new ArrayList<>();
        for (int kill = 0; kill <= KILLS; kill++) {
            List<String> command = train(killed);
            if (Files.exists(last)) {
                command.addAll(List.of("--resume", last.toString()));
            }
            CountDownLatch training = new CountDownLatch(1);
            Path output = dir.resolve("killed-" + kill + ".out");
            Process p = start(command, output, training);
            if (kill == KILLS) {
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the last resumed run did not finish");
                assertEquals(0, p.exitValue(), Files.readString(output));
                break;
            }
            // Kill at a random moment of training, once the run has written a new last checkpoint (so that every
            // kill comes after some progress, even on a busy machine): anywhere between checkpoints, or in a save.
            Object before = version(last);
            assertTrue(training.await(60, TimeUnit.SECONDS), "the child did not start training: "
                    + Files.readString(output));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Objects.equals(before, version(last)) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(10);
            }
            Thread.sleep(random.nextInt(600));
            p.destroyForcibly().waitFor();
            assertTrue(Files.exists(last), "no last checkpoint after the kill: " + Files.readString(output));
            killedAt.add(ModelFiles.trainerState(last.toFile()).sequences());
        }
        assertEquals(KILLS, killedAt.stream().distinct().count(), "each run got further: " + killedAt);
        String context = "kill seed " + seed + ", last checkpoints after the kills at " + killedAt + " sequences";
        System.out.println("KillAndResumeTest: " + context);
        assertArrayEquals(entry(whole.resolveSibling("copy.last.zip"), "coefficients.bin"),
                entry(last, "coefficients.bin"), "final parameters, " + context);
        assertArrayEquals(entry(whole.resolveSibling("copy.last.zip"), "updaterState.bin"),
                entry(last, "updaterState.bin"), "final updater state, " + context);
        assertArrayEquals(entry(whole, "coefficients.bin"), entry(killed, "coefficients.bin"),
                "best checkpoint, " + context);
        assertEquals(validations(whole.resolveSibling("copy.jsonl")), validations(killed.resolveSibling("copy.jsonl")),
                "validation numbers, " + context);
        assertTrue(Files.readString(killed.resolveSibling("copy.jsonl")).contains("\"event\":\"resume\""), context);
    }

    /** Starts the CLI in a child JVM, its output to {@code output}; {@code training} counts down at its header. */
    private static Process start(List<String> args, Path output, CountDownLatch training) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G", "-cp", System.getProperty("java.class.path"),
                Ntm4j.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        Thread drain = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                StringBuilder line = new StringBuilder();
                for (int c; (c = in.read()) != -1; ) {
                    Files.writeString(output, String.valueOf((char) c), StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    if (c == '\n') {
                        if (training != null && line.toString().startsWith("task=")) {
                            training.countDown();
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    /** Which version of {@code file} is there (a save renames a new file over it), or null if none is. */
    private static Object version(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime());
    }

    private static byte[] entry(Path zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    in.transferTo(bytes);
                    return bytes.toByteArray();
                }
            }
        }
        throw new AssertionError(zip + " has no " + name);
    }

    /**
     * The validations of a log by sequence count: losses and bit errors. A validation logged twice (after the last
     * checkpoint and before a kill, then again after the resume) must give the same numbers both times.
     */
    private static Map<Long, String> validations(Path log) throws IOException {
        Map<Long, String> byCount = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode n = JSON.readTree(line);
            if (n.path("event").asText().equals("validation")) {
                String numbers = Arrays.asList(n.get("minibatches"), n.get("loss"), n.get("mean_loss"),
                        n.get("bit_errors_per_seq"), n.get("learning_rate")).toString();
                String before = byCount.put(n.get("sequences").asLong(), numbers);
                assertTrue(before == null || before.equals(numbers), "validation at " + n.get("sequences")
                        + " logged as " + before + " and " + numbers);
            }
        }
        return byCount;
    }
}
