package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.examples.cli.Cli;
import picocli.CommandLine.Option;

import java.io.File;

/**
 * The options every standalone example takes, a picocli mixin. Unset, they leave the example's own
 * settings (its budget, its seed, its file name).
 */
public final class ExampleOptions {
    @Option(names = "--minutes", paramLabel = "M", converter = Cli.PositiveDouble.class,
            description = "Stop training after M minutes (default: the example's own budget).")
    Double minutes;

    @Option(names = "--minibatches", paramLabel = "N", converter = Cli.PositiveLong.class,
            description = "Stop training after N minibatches (default: the example's own, or no limit).")
    Long minibatches;

    @Option(names = "--examples", paramLabel = "E", converter = Cli.PositiveInt.class, defaultValue = "100",
            description = "Test sequences per row of the generalisation table (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save the trained network (default: the "
            + "example's file name, in the working directory).")
    File out;

    @Option(names = "--log", paramLabel = "FILE", description = "Also write the training log there, one JSON object "
            + "per line and event (ntm4j curves plots it).")
    File log;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the weights and the training data, any whole "
            + "number (default: the example's own).")
    Long seed;
}
