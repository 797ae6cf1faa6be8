package io.github.ntm4j.examples.cli;

/**
 * A command line whose options parse but do not go together, found by a command's own checks: one line
 * on standard error, exit code 2, like picocli's own usage errors ({@link Cli}).
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
