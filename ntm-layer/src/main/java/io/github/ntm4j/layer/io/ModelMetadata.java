package io.github.ntm4j.layer.io;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What NTM4J records about a model beside DL4J's entries: the task it was trained on, the command that
 * trained it, the versions that wrote it and the file format. Stored as plain JSON text (a flat object
 * of strings) in the zip entry {@value ModelEntries#METADATA}, so reading it runs no code.
 */
public final class ModelMetadata {
    /** The format this code writes; a file with a larger number was written by a newer NTM4J. */
    public static final int FORMAT_VERSION = 1;

    public static final String KEY_FORMAT = "format";
    public static final String KEY_TASK = "task";
    public static final String KEY_COMMAND = "command";
    public static final String KEY_NTM4J_VERSION = "ntm4j.version";
    public static final String KEY_DL4J_VERSION = "dl4j.version";

    private static final int MAX_VALUE_LENGTH = 8192;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> values;

    private ModelMetadata(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Metadata for a model of {@code task} trained by {@code command} (may be null), with this build's versions. */
    public static ModelMetadata of(String task, String command) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(KEY_FORMAT, Integer.toString(FORMAT_VERSION));
        v.put(KEY_TASK, Objects.requireNonNull(task, "task"));
        if (command != null) {
            v.put(KEY_COMMAND, command);
        }
        v.put(KEY_NTM4J_VERSION, BuildVersions.NTM4J);
        v.put(KEY_DL4J_VERSION, BuildVersions.DL4J);
        return new ModelMetadata(v);
    }

    /** This metadata with one more (or a replaced) value. */
    public ModelMetadata with(String key, String value) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return new ModelMetadata(v);
    }

    /** The value under {@code key}, or null. */
    public String get(String key) {
        return values.get(key);
    }

    /** The task the model was trained on, or null if the file does not say. */
    public String task() {
        return values.get(KEY_TASK);
    }

    /** Every value, sorted by key. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Metadata holding only a task name, for files written before the metadata entry existed. */
    static ModelMetadata legacy(String task) {
        return new ModelMetadata(Map.of(KEY_TASK, task));
    }

    /** Metadata for a file that has none. */
    static ModelMetadata none() {
        return new ModelMetadata(Map.of());
    }

    byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        values.forEach(node::put);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the metadata entry: a flat JSON object of strings, in a format this code knows. */
    static ModelMetadata parse(byte[] json) throws InvalidModelFileException {
        String text = new String(json, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw bad("it is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw bad("it is not a JSON object");
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().asText().length() > MAX_VALUE_LENGTH) {
                throw bad("its value '" + e.getKey() + "' is not a string of at most " + MAX_VALUE_LENGTH
                        + " characters");
            }
            v.put(e.getKey(), e.getValue().asText());
        }
        String format = v.get(KEY_FORMAT);
        int version;
        try {
            version = format == null ? -1 : Integer.parseInt(format);
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (version < 1) {
            throw bad("its format '" + format + "' is not a format version");
        }
        if (version > FORMAT_VERSION) {
            throw new InvalidModelFileException("the model file has format " + version + ", written by a newer NTM4J ("
                    + v.getOrDefault(KEY_NTM4J_VERSION, "unknown version") + "); this NTM4J ("
                    + BuildVersions.NTM4J + ") reads format " + FORMAT_VERSION + " and older: upgrade NTM4J to load it");
        }
        return new ModelMetadata(v);
    }

    private static InvalidModelFileException bad(String problem) {
        return new InvalidModelFileException("entry " + ModelEntries.METADATA + " is refused: " + problem);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelMetadata m && m.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** The versions of this build, filtered into a resource by Maven. */
    static final class BuildVersions {
        static final String NTM4J;
        static final String DL4J;

        static {
            Properties p = new Properties();
            try (InputStream in = ModelMetadata.class.getResourceAsStream("versions.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            NTM4J = p.getProperty("ntm4j.version", "unknown");
            DL4J = p.getProperty("dl4j.version", "unknown");
        }

        private BuildVersions() {
        }
    }
}
