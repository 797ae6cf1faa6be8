package io.github.ntm4j.examples.cli;

/** A bad command line: printed with the usage, exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
