package io.github.ntm4j.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What every NTM4J command line shares, the {@code ntm4j.jar} commands and the standalone mains alike:
 * how errors are reported and the option types picocli does not know.
 *
 * <ul>
 *   <li>A usage error (an unknown option, a value that does not parse or is impossible, a
 *       {@link UsageException}) is one line on standard error naming the option, exit code
 *       {@value #USAGE_ERROR}.</li>
 *   <li>A run that fails (a model file that cannot be used, an output file that exists, anything thrown)
 *       is one line too, exit code {@value #RUN_FAILED}; {@code --verbose} adds the stack trace.</li>
 *   <li>Enum options take their lower-case, hyphenated names ({@code associative-recall},
 *       {@code hard-sigmoid}) in any case.</li>
 * </ul>
 */
public final class Cli {
    /** Exit code of a bad command line (picocli's and the earlier hand-written parsers'). */
    public static final int USAGE_ERROR = CommandLine.ExitCode.USAGE;
    /** Exit code of a run that failed. */
    public static final int RUN_FAILED = CommandLine.ExitCode.SOFTWARE;
    /** The option that turns a failure's one line into a stack trace as well. */
    public static final String VERBOSE = "--verbose";

    private Cli() {
    }

    /**
     * {@code cl} with NTM4J's error reporting, and its enum options converted from their
     * {@link #optionName}s, for its command and every subcommand added so far.
     *
     * @param program the name error lines start with, e.g. {@code ntm4j} or {@code CopyExample}
     */
    public static CommandLine configure(CommandLine cl, String program) {
        registerEnums(cl);
        return cl.setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(usageErrors(program))
                .setExecutionExceptionHandler(failures(program));
    }

    /** Registers an {@link EnumConverter} for the enum type of every option of {@code cl} and its subcommands. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerEnums(CommandLine cl) {
        for (CommandLine c : commands(cl)) {
            for (OptionSpec option : c.getCommandSpec().options()) {
                for (Class<?> type : option.auxiliaryTypes()) {   // the element type of a list option too
                    if (type.isEnum()) {
                        c.registerConverter((Class) type, new EnumConverter((Class<? extends Enum<?>>) type));
                    }
                }
            }
        }
    }

    private static List<CommandLine> commands(CommandLine cl) {
        List<CommandLine> all = new ArrayList<>(List.of(cl));
        for (CommandLine sub : cl.getSubcommands().values()) {
            all.addAll(commands(sub));
        }
        return all;
    }

    /**
     * Parses {@code args} into the fields of {@code cl}'s command, for a main that runs its own code
     * afterwards: the exit code to stop with if it should stop now ({@code --help} or {@code --version}
     * printed: 0; a usage error, printed as one line: {@value #USAGE_ERROR}), or empty if it should run.
     */
    public static OptionalInt parse(CommandLine cl, String... args) {
        try {
            Integer helpShown = CommandLine.executeHelpRequest(cl.parseArgs(args));
            return helpShown == null ? OptionalInt.empty() : OptionalInt.of(helpShown);
        } catch (ParameterException e) {
            try {
                return OptionalInt.of(cl.getParameterExceptionHandler().handleParseException(e, args));
            } catch (Exception unexpected) {
                throw new IllegalStateException(unexpected);
            }
        }
    }

    /** A usage error: one line naming the problem and where the usage is. */
    private static IParameterExceptionHandler usageErrors(String program) {
        return (e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(usageLine(program, e.getMessage(), failed));
            failed.getErr().flush();
            return USAGE_ERROR;
        };
    }

    private static String usageLine(String program, String message, CommandLine cl) {
        return program + ": " + message + " (" + cl.getCommandSpec().qualifiedName() + " --help shows the usage)";
    }

    /**
     * A {@link UsageException} from a command's own checks is a usage error; anything else ends the run
     * with one line: the message of the failures a user can fix ({@link ModelFiles.ModelFileException},
     * {@link CommandFailure}), the exception's type as well for the others.
     */
    private static IExecutionExceptionHandler failures(String program) {
        return (e, cl, parsed) -> {
            PrintWriter err = cl.getErr();
            boolean usage = e instanceof UsageException;
            if (usage) {
                err.println(usageLine(program, e.getMessage(), cl));
            } else {
                boolean expected = e instanceof ModelFiles.ModelFileException || e instanceof CommandFailure;
                String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
                err.println(program + ": " + (expected ? message : e.getClass().getSimpleName() + ": " + message
                        + (verbose(parsed) ? "" : " (" + VERBOSE + " prints the stack trace)")));
            }
            if (verbose(parsed)) {
                e.printStackTrace(err);
            }
            err.flush();
            return usage ? USAGE_ERROR : RUN_FAILED;
        };
    }

    /** Whether {@value #VERBOSE} was given to the command or to any command above it. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** The name an enum constant has on the command line: lower case, '-' for '_' ({@code HARD_SIGMOID}: hard-sigmoid). */
    public static String optionName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The command-line names of an enum's constants, comma-separated, for help texts. */
    public static String optionNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Cli::optionName).collect(Collectors.joining(", "));
    }

    /** An enum constant by its {@link #optionName}, in any case. */
    private static final class EnumConverter implements ITypeConverter<Enum<?>> {
        private final Class<? extends Enum<?>> type;

        EnumConverter(Class<? extends Enum<?>> type) {
            this.type = type;
        }

        @Override
        public Enum<?> convert(String value) {
            for (Enum<?> constant : type.getEnumConstants()) {
                if (optionName(constant).equalsIgnoreCase(value) || constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            throw new TypeConversionException("expected one of " + optionNames(type) + " but was '" + value + "'");
        }
    }

    /** An integer of at least 1 (a count, a size, a length). */
    public static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) positive(value, Integer.MAX_VALUE);
        }
    }

    /** A long of at least 1 (a number of sequences). */
    public static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return positive(value, Long.MAX_VALUE);
        }
    }

    /** A whole number above 0, or {@code off}: {@link Long#MAX_VALUE}, no limit. */
    public static final class PositiveLongOrOff implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return value.trim().equalsIgnoreCase("off") ? Long.MAX_VALUE : positive(value, Long.MAX_VALUE);
        }
    }

    private static long positive(String value, long max) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        if (n < 1 || n > max) {
            throw new TypeConversionException("must be a whole number from 1 to " + max + ", got " + value);
        }
        return n;
    }

    /** A finite number above 0 (a learning rate, minutes, seconds, a threshold). */
    public static final class PositiveDouble implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = number(value);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new TypeConversionException("must be above 0, got " + value);
            }
            return d;
        }
    }

    /** What the converters below return for {@code off}: a setting switched off. */
    public static final double OFF = Double.NaN;

    /** Whether a value of the converters below is {@code off}. */
    public static boolean isOff(double value) {
        return Double.isNaN(value);
    }

    /** A factor in (0, 1] (what a learning rate is multiplied by), or {@code off}: {@link #OFF}. */
    public static final class FractionOrOff implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.equalsIgnoreCase("off")) {
                return OFF;
            }
            double d = number(value);
            if (!(d > 0 && d <= 1)) {
                throw new TypeConversionException("must be in (0, 1] or off, got " + value);
            }
            return d;
        }
    }

    /** A finite number above 0 (a threshold), or {@code off}: {@link #OFF}. */
    public static final class PositiveOrOff implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return value.equalsIgnoreCase("off") ? OFF : new PositiveDouble().convert(value);
        }
    }

    /** A number of at least 0 (an error count), or {@code off}: negative infinity, never reached. */
    public static final class NonNegativeOrOff implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.equalsIgnoreCase("off")) {
                return Double.NEGATIVE_INFINITY;
            }
            double d = number(value);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new TypeConversionException("must be a number of at least 0 or off, got " + value);
            }
            return d;
        }
    }

    static double number(String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
    }
}
