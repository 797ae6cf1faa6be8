package io.github.ntm4j.examples;

import io.github.ntm4j.examples.cli.SerialFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model files made hostile from the shipped copy model, given to every command that loads a model:
 * each gets exit code 1 and one line naming the problem, and no payload ever runs.
 */
class HostileModelFileTest {
    @TempDir
    Path dir;
    private Path marker;
    private Map<String, byte[]> copyModel;

    /** A payload whose {@code readObject} writes a marker file: if the marker exists, code ran. */
    public static class Payload implements Serializable, DataSetPreProcessor {
        private static final long serialVersionUID = 1L;
        private final String marker;

        Payload(Path marker) {
            this.marker = marker.toString();
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            Files.writeString(Path.of(marker), "ran");
        }

        @Override
        public void preProcess(DataSet d) {
        }
    }

    @BeforeEach
    void readTheShippedModel() throws IOException {
        marker = dir.resolve("payload-ran");
        copyModel = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/models/copy.zip");
             ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                copyModel.put(e.getName(), zip.readAllBytes());
            }
        }
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    private Path copyWith(String name, String entry, byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(copyModel);
        entries.put(entry, bytes);
        return zip(name, entries);
    }

    private byte[] payload() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Payload(marker));
        }
        return bytes.toByteArray();
    }

    private void assertRefused(CliRun run, String... words) {
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        for (String w : words) {
            assertTrue(run.err().contains(w), "'" + w + "' in: " + run.err());
        }
        assertFalse(Files.exists(marker), "the payload's readObject ran");
    }

    @Test
    void aSerializedObjectInPreprocessorBinRunsInNoCommand() throws IOException {
        String file = copyWith("preprocessor.zip", "preprocessor.bin", payload()).toString();
        assertRefused(CliRun.of("eval", "--model", file, "--task", "copy", "--lengths", "5"), "preprocessor.bin");
        assertRefused(CliRun.of("demo", "--model", file), "preprocessor.bin");
        assertRefused(CliRun.of("dashboard", "--model", file, "--task", "copy", "--out",
                dir.resolve("d.png").toString()), "preprocessor.bin");
        assertRefused(CliRun.of("train", "--task", "copy", "--resume", file, "--max-sequences", "1"),
                "preprocessor.bin");
        assertRefused(CliRun.of("train", "--task", "repeat-copy", "--init-from", file, "--max-sequences", "1"),
                "preprocessor.bin");
    }

    @Test
    void aSerializedObjectWhereTheTaskNameWasIsNotDeserialized() throws IOException {
        String file = copyWith("task.zip", "objects/ntm4j-task", payload()).toString();
        assertRefused(CliRun.of("eval", "--model", file, "--task", "copy", "--lengths", "5"),
                "objects/ntm4j-task", "serialized Java object");
    }

    @Test
    void absurdDimensionsTruncatedParametersAndTraversalNamesGetOneLine() throws IOException {
        String json = new String(copyModel.get("configuration.json"), StandardCharsets.UTF_8);
        String huge = json.replace("\"memoryRows\" : 128", "\"memoryRows\" : 1000000000");
        assertTrue(!huge.equals(json));
        assertRefused(CliRun.of("eval", "--model", copyWith("rows.zip", "configuration.json",
                huge.getBytes(StandardCharsets.UTF_8)).toString(), "--task", "copy"), "maxMemoryElements");

        byte[] coefficients = copyModel.get("coefficients.bin");
        byte[] half = java.util.Arrays.copyOf(coefficients, coefficients.length / 2);
        assertRefused(CliRun.of("eval", "--model", copyWith("half.zip", "coefficients.bin", half).toString(),
                "--task", "copy"), "coefficients.bin", "truncated");

        assertRefused(CliRun.of("eval", "--model", copyWith("dots.zip", "../../.bashrc", new byte[]{1}).toString(),
                "--task", "copy"), "../../.bashrc");
    }

    @Test
    void theProcessWideFilterRejectsObjectsBeforeTheirReadObjectRuns() throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload()))) {
            in.setObjectInputFilter(SerialFilter.allowList());
            assertThrows(InvalidClassException.class, in::readObject);
        }
        assertFalse(Files.exists(marker), "the payload's readObject ran");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject("copy");
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(SerialFilter.allowList());
            assertEquals("copy", in.readObject(), "plain strings still pass");
        }
    }
}
