package io.github.ntm4j.examples.cli;

import java.io.ObjectInputFilter;

/**
 * The command line's process-wide Java deserialization filter (JEP 290), as defence in depth: the
 * CLI reads model files with {@code SafeModelLoader}, which never deserializes, but DL4J and ND4J
 * have other {@code ObjectInputStream}s inside. The filter is an allow-list: strings, boxed numbers
 * and arrays of primitives, shallow and small; any class, any other object is rejected before its
 * {@code readObject} can run.
 *
 * <p>Only the application's {@code main} installs it: a library must not decide for the whole JVM.
 */
public final class SerialFilter {
    /** JEP 290 pattern syntax: allowed classes, limits, then {@code !*} rejects everything else. */
    static final String PATTERN = "java.lang.String;java.lang.Number;java.lang.Integer;java.lang.Long;"
            + "java.lang.Double;java.lang.Float;java.lang.Boolean;maxdepth=8;maxrefs=10000;maxarray=10000000;!*";

    private SerialFilter() {
    }

    /** The allow-list filter. */
    public static ObjectInputFilter allowList() {
        return ObjectInputFilter.Config.createFilter(PATTERN);
    }

    /**
     * Installs {@link #allowList()} for the whole process, unless one is already set (for instance by
     * {@code -Djdk.serialFilter=...} on the command line, which then wins).
     *
     * @return whether this call installed it
     */
    public static boolean installProcessWide() {
        if (ObjectInputFilter.Config.getSerialFilter() != null) {
            return false;
        }
        ObjectInputFilter.Config.setSerialFilter(allowList());
        return true;
    }
}
