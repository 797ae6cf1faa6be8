package io.github.ntm4j.layer.io;

import org.deeplearning4j.util.ModelSerializer;

import java.util.List;

/** The zip entries of a model file: DL4J's own, and the project's metadata. */
final class ModelEntries {
    static final String CONFIGURATION = ModelSerializer.CONFIGURATION_JSON;
    static final String COEFFICIENTS = ModelSerializer.COEFFICIENTS_BIN;
    static final String UPDATER_STATE = ModelSerializer.UPDATER_BIN;
    static final String NO_PARAMS = ModelSerializer.NO_PARAMS_MARKER;
    /** The project's metadata: a JSON object of strings (task, command, versions, format). */
    static final String METADATA = "ntm4j-metadata.json";
    /**
     * Where files written before {@link #METADATA} existed keep their task name: a Java-serialized
     * {@code String} written by {@code ModelSerializer.addObjectToFile}. Read by hand, never by
     * {@code ObjectInputStream}.
     */
    static final String LEGACY_TASK = "objects/ntm4j-task";

    /** Every entry the safe loader accepts; anything else is refused by name. */
    static final List<String> ALLOWED = List.of(CONFIGURATION, COEFFICIENTS, UPDATER_STATE, NO_PARAMS, METADATA,
            LEGACY_TASK);

    private ModelEntries() {
    }
}
