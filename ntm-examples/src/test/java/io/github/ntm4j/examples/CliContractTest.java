package io.github.ntm4j.examples;

import io.github.ntm4j.examples.cli.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's contract, for every command: {@code --help} and {@code help} exit 0; a usage error is
 * exactly one line on standard error naming the option, exit code 2; a failed run one line, exit code 1,
 * with the stack trace only under {@code --verbose}.
 */
class CliContractTest {

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"demo", "train", "eval", "dashboard", "curves", "export", "calibrate", "bench", "sweep"})
    void everyCommandHasHelp(String command) {
        CliRun help = CliRun.of(command, "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: ntm4j " + command + " "), help.out());
        assertTrue(help.out().contains("--help") && help.out().contains("--verbose"), help.out());
        assertEquals("", help.err());
        assertEquals(help.out(), CliRun.of("help", command).out(), "help COMMAND prints the same");
    }

    @Test
    void helpListsTheCommandsAndVersionNamesTheVersions() {
        CliRun help = CliRun.of("help");
        assertEquals(0, help.exitCode(), help.err());
        for (String command : new String[]{"demo", "train", "eval", "dashboard", "curves", "export", "calibrate", "bench", "sweep", "help"}) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " in " + help.out());
        }
        assertEquals(help.out(), CliRun.of("--help").out());
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().matches("ntm4j \\d+\\.\\d+\\.\\d+\\S*, Deeplearning4j 1\\.0\\.0-M2\\.1, Java \\S+\\R"),
                version.out());
    }

    @Test
    void aUsageErrorIsOneLineNamingTheOptionWithExitCode2() {
        CliRun bogus = CliRun.of("train", "--bogus");
        assertEquals(2, bogus.exitCode());
        assertEquals("ntm4j: Unknown option: '--bogus' (ntm4j train --help shows the usage)", bogus.err().strip());
        assertTrue(bogus.oneErrorLine(), bogus.err());
        assertEquals("", bogus.out());

        String[][] bad = {
                {"train", "--minutes", "abc"}, {"train", "--lr", "0"}, {"train", "--lr", "-1e-4"},
                {"train", "--lr-drop", "0"}, {"train", "--lr-drop", "1.5"}, {"train", "--batch", "0"},
                {"train", "--controller", "gru"}, {"eval", "--lengths", "10,x"}, {"bench", "--paths", "gpu"},
                {"demo", "--length", "0"}, {"curves", "--window", "-2", "--log", "a", "--out", "b"},
                {"dashboard", "--seed", "1.5", "--out", "x.png"}};
        for (String[] args : bad) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.oneErrorLine(), r.err());
            assertTrue(r.err().contains(args[1]), args[1] + " named in " + r.err());
        }
        CliRun none = CliRun.of();
        assertEquals(2, none.exitCode());
        assertTrue(none.oneErrorLine() && none.err().startsWith("ntm4j: give a command: demo, train,"), none.err());
    }

    @Test
    void valuesThatAreNotImpossibleAreAccepted() {
        // Options.getDouble rejected every value <= 0; a negative seed and a zero target are fine.
        CliRun r = CliRun.of("train", "--task", "copy", "--seed", "-7", "--target-bit-errors", "0", "--lr-drop", "1",
                "--max-sequences", "1", "--validate-every", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("seed=-7"), r.out());
    }

    /** A command whose run throws what no command expects. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Option(names = Cli.VERBOSE)
        boolean verbose;

        @Override
        public Integer call() {
            throw new IllegalStateException("the kernel fell over\nsecond line");
        }
    }

    @Test
    void aFailedRunIsOneLineWithExitCode1AndAStackTraceOnlyWithVerbose() {
        CliRun quiet = CliRun.of(() -> Cli.configure(new CommandLine(new Boom()), "ntm4j"));
        assertEquals(1, quiet.exitCode());
        assertEquals("ntm4j: IllegalStateException: the kernel fell over (--verbose prints the stack trace)",
                quiet.err().strip());
        CliRun verbose = CliRun.of(() -> Cli.configure(new CommandLine(new Boom()), "ntm4j"), "--verbose");
        assertEquals(1, verbose.exitCode());
        assertTrue(verbose.err().startsWith("ntm4j: IllegalStateException: the kernel fell over"), verbose.err());
        assertTrue(verbose.err().contains("\tat " + Boom.class.getName() + ".call("), verbose.err());

        CliRun missing = CliRun.of("eval", "--model", "no-such-model.zip", "--verbose");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().startsWith("ntm4j: model file no-such-model.zip does not exist"), missing.err());
        assertTrue(missing.err().contains("\tat "), "--verbose after the command: " + missing.err());
        CliRun missingQuiet = CliRun.of("eval", "--model", "no-such-model.zip");
        assertTrue(missingQuiet.oneErrorLine(), missingQuiet.err());
    }
}
