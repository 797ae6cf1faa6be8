package io.github.ntm4j.examples;

import io.github.ntm4j.examples.cli.BenchCommand;
import io.github.ntm4j.examples.cli.TrainCommand;
import io.github.ntm4j.examples.cli.UsageException;

import java.util.Arrays;

/**
 * The {@code ntm4j.jar} command line: {@code java -jar ntm-examples/target/ntm4j.jar <command> [options]}.
 * Bad arguments print the usage and exit with code 2.
 */
public final class Ntm4j {
    static final String USAGE = String.join("\n",
            "usage: java -jar ntm4j.jar <command> [options]",
            "commands:",
            "  train   train an NTM on a task and print its progress",
            "          " + TrainCommand.USAGE,
            "  bench   time training and inference of the copy configuration, fused and portable paths side by side",
            "          " + BenchCommand.USAGE);

    private Ntm4j() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "train":
                    return new TrainCommand(rest).run();
                case "bench":
                    return new BenchCommand(rest).run();
                default:
                    throw new UsageException("unknown command \"" + args[0] + "\"");
            }
        } catch (UsageException e) {
            System.err.println("ntm4j: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
    }
}
