package io.github.ntm4j.layer.io;

import java.io.IOException;

/**
 * A model file that {@link SafeModelLoader} refuses: not a model zip, an entry a DL4J model does not
 * have, more bytes than the limits allow, a configuration that is impossible or would not fit in
 * memory, parameters that do not match it. The message is one line that names the problem (and the
 * entry) and, where there is one, the fix.
 */
public class InvalidModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidModelFileException(String message) {
        super(message);
    }

    public InvalidModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
