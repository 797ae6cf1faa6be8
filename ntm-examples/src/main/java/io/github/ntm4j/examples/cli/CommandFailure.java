package io.github.ntm4j.examples.cli;

/**
 * A run that cannot go on for a reason the user can fix, such as an output file that already exists:
 * its message is the one line printed, exit code 1 ({@link Cli}).
 */
public final class CommandFailure extends RuntimeException {
    public CommandFailure(String message) {
        super(message);
    }
}
