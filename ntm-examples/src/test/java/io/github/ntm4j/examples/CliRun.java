package io.github.ntm4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** One run of the {@code ntm4j} command line in this JVM, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o));
        System.setErr(new PrintStream(e));
        try {
            int code = Ntm4j.run(args);
            return new CliRun(code, o.toString(), e.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** {exit code, stdout, stderr}, the shape the command-line tests were written against. */
    String[] asArray() {
        return new String[]{String.valueOf(exitCode), out, err};
    }
}
