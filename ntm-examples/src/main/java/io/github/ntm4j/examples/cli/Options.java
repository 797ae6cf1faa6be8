package io.github.ntm4j.examples.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options, checked against the names a command knows. */
final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> all = new HashMap<>();

    Options(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                throw new UsageException("unknown option \"" + a + "\"; known: --" + String.join(", --", known));
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + a + " needs a value");
            }
            values.put(a.substring(2), args[++i]);
            all.computeIfAbsent(a.substring(2), k -> new ArrayList<>()).add(args[i]);
        }
    }

    /** The value of an option; when it is given several times, the last one. */
    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Whether the option was given. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every value of a repeatable option, in the order given; empty if it was not given. */
    List<String> getAll(String name) {
        return List.copyOf(all.getOrDefault(name, List.of()));
    }

    long getLong(String name, long fallback, long min) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new UsageException("--" + name + " must be >= " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs an integer, got \"" + v + "\"");
        }
    }

    double getDouble(String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0)) {
                throw new UsageException("--" + name + " must be > 0, got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number, got \"" + v + "\"");
        }
    }
}
