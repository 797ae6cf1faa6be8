package io.github.ntm4j.layer.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/** Builds the hostile and broken model zips the tests feed the loader, from a genuine one. */
final class ModelZips {
    private ModelZips() {
    }

    /** Every entry of a zip, in order. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static Path write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    /** A copy of {@code genuine} with one entry added or replaced. */
    static Path with(Path genuine, Path out, String entry, byte[] bytes) throws IOException {
        Map<String, byte[]> entries = entries(genuine);
        entries.put(entry, bytes);
        return write(out, entries);
    }

    /** A copy of {@code genuine} whose configuration JSON has {@code from} replaced by {@code to}. */
    static Path withConfiguration(Path genuine, Path out, String from, String to) throws IOException {
        String json = new String(entries(genuine).get("configuration.json"), StandardCharsets.UTF_8);
        if (!json.contains(from)) {
            throw new AssertionError("the configuration has no '" + from + "'");
        }
        return with(genuine, out, "configuration.json", json.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] serialized(Serializable o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }
}
