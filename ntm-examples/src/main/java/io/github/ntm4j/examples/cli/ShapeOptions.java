package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.Networks;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The options that size a new NTM, shared by {@code train} and {@code sweep} (a picocli mixin). Each left out
 * keeps NTM-Lasagne's copy network's value ({@link Networks#LASAGNE}).
 */
public final class ShapeOptions {

    /** {@code --initial-state}: the NTM's state before the first step. */
    enum InitialState {
        /** The layer's fixed initial state. */
        FIXED,
        /** Learned, as parameters. */
        LEARNED;

        @Override
        public String toString() {
            return Cli.optionName(this);
        }
    }

    @Option(names = "--controller-size", paramLabel = "H", converter = Cli.PositiveInt.class,
            description = "Controller units (default: 100).")
    Integer controllerSize;

    @Option(names = "--memory-rows", paramLabel = "N", converter = Cli.PositiveInt.class,
            description = "Memory rows (default: 128).")
    Integer memoryRows;

    @Option(names = "--memory-width", paramLabel = "W", converter = Cli.PositiveInt.class,
            description = "Memory width (default: 20).")
    Integer memoryWidth;

    @Option(names = "--read-heads", paramLabel = "R", converter = Cli.PositiveInt.class,
            description = "Read heads (default: 1).")
    Integer readHeads;

    @Option(names = "--write-heads", paramLabel = "V", converter = Cli.PositiveInt.class,
            description = "Write heads (default: 1).")
    Integer writeHeads;

    @Option(names = "--initial-state", paramLabel = "fixed|learned", description = "${COMPLETION-CANDIDATES} (default: fixed).")
    InitialState initialState;

    /** The NTM's size: the options given, the rest {@link Networks#LASAGNE}'s. */
    Networks.Shape shape() {
        Networks.Shape d = Networks.LASAGNE;
        return new Networks.Shape(orElse(controllerSize, d.controllerSize()), orElse(memoryRows, d.memoryRows()),
                orElse(memoryWidth, d.memoryWidth()), orElse(readHeads, d.readHeads()),
                orElse(writeHeads, d.writeHeads()), initialState == InitialState.LEARNED);
    }

    /** The options given, as typed, in a fixed order ({@code --read-heads 2 --write-heads 2}); "" for none. */
    String asOptions() {
        StringJoiner options = new StringJoiner(" ");
        given().forEach((name, value) -> options.add(name + " " + value));
        return options.toString();
    }

    /** The first option given, or null when none is. */
    String firstGiven() {
        return given().keySet().stream().findFirst().orElse(null);
    }

    /**
     * The first option given that a warm start ({@code --init-from}) cannot take, or null: every one but
     * {@code --read-heads}, since a model's weights map onto a network with more read heads ({@link WarmStart}).
     */
    String firstGivenAgainstWarmStart() {
        return given().keySet().stream().filter(name -> !name.equals("--read-heads")).findFirst().orElse(null);
    }

    private Map<String, Object> given() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("--controller-size", controllerSize);
        options.put("--memory-rows", memoryRows);
        options.put("--memory-width", memoryWidth);
        options.put("--read-heads", readHeads);
        options.put("--write-heads", writeHeads);
        options.put("--initial-state", initialState);
        options.values().removeIf(java.util.Objects::isNull);
        return options;
    }

    private static <T> T orElse(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
