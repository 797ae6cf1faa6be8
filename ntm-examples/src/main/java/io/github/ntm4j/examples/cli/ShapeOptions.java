package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.Networks;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The options that size a new NTM, shared by {@code train} and {@code sweep} (a picocli mixin). Each left out
 * keeps the task's value ({@link TaskName#shape()}: NTM-Lasagne's copy network, {@link Networks#LASAGNE}, but for
 * priority sort's two read and two write heads).
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

    /** The NTM's size: the options given, the rest {@code d}'s (the task's, {@link TaskName#shape()}). */
    Networks.Shape shape(Networks.Shape d) {
        return new Networks.Shape(orElse(controllerSize, d.controllerSize()), orElse(memoryRows, d.memoryRows()),
                orElse(memoryWidth, d.memoryWidth()), orElse(readHeads, d.readHeads()),
                orElse(writeHeads, d.writeHeads()),
                initialState == null ? d.learnInitialState() : initialState == InitialState.LEARNED);
    }

    /**
     * A size as the options that make it where it differs from {@link Networks#LASAGNE}, in a fixed order
     * ({@code --read-heads 2 --write-heads 2}); "" for that network. It names a sweep's setting.
     */
    static String asOptions(Networks.Shape s) {
        Networks.Shape d = Networks.LASAGNE;
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("--controller-size", s.controllerSize() == d.controllerSize() ? null : s.controllerSize());
        options.put("--memory-rows", s.memoryRows() == d.memoryRows() ? null : s.memoryRows());
        options.put("--memory-width", s.memoryWidth() == d.memoryWidth() ? null : s.memoryWidth());
        options.put("--read-heads", s.readHeads() == d.readHeads() ? null : s.readHeads());
        options.put("--write-heads", s.writeHeads() == d.writeHeads() ? null : s.writeHeads());
        options.put("--initial-state", s.learnInitialState() == d.learnInitialState() ? null
                : s.learnInitialState() ? InitialState.LEARNED : InitialState.FIXED);
        StringJoiner joined = new StringJoiner(" ");
        options.forEach((name, value) -> {
            if (value != null) {
                joined.add(name + " " + value);
            }
        });
        return joined.toString();
    }

    /** The first option given, or null when none is. */
    String firstGiven() {
        return given().keySet().stream().findFirst().orElse(null);
    }

    /**
     * The first option given that a warm start ({@code --init-from}) cannot take, or null: every one but the head
     * counts. A model's weights map onto a network with more read heads and as many write heads ({@link WarmStart},
     * which refuses any other count); a task whose recipe has other head counts than the model (priority sort's two
     * and two, from a copy model's one and one) needs them given.
     */
    String firstGivenAgainstWarmStart() {
        return given().keySet().stream().filter(name -> !name.equals("--read-heads") && !name.equals("--write-heads"))
                .findFirst().orElse(null);
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
