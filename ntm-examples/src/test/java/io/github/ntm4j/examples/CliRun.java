package io.github.ntm4j.examples;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** One run of the {@code ntm4j} command line in this JVM ({@code CommandLine.execute}), with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        return of(Ntm4j::commandLine, args);
    }

    /**
     * Executes a command line with picocli's writers and {@code System.out}/{@code System.err} (where the
     * commands print their results) captured. It is made once they are: picocli's default execution strategy
     * keeps the {@code System.out} of the moment it was made, and prints help there.
     */
    public static CliRun of(Supplier<CommandLine> commandLine, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream capturedOut = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream capturedErr = new PrintStream(e, true, StandardCharsets.UTF_8);
        System.setOut(capturedOut);
        System.setErr(capturedErr);
        try {
            CommandLine cl = commandLine.get();
            cl.setOut(new PrintWriter(capturedOut, true));
            cl.setErr(new PrintWriter(capturedErr, true));
            int code = cl.execute(args);
            return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** {exit code, stdout, stderr}, the shape the command-line tests were written against. */
    String[] asArray() {
        return new String[]{String.valueOf(exitCode), out, err};
    }

    /** Whether standard error is exactly one line. */
    public boolean oneErrorLine() {
        return err.strip().lines().count() == 1 && err.endsWith(System.lineSeparator());
    }
}
