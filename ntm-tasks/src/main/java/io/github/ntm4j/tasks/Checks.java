package io.github.ntm4j.tasks;

/**
 * Parameter checks shared by the tasks. Each message names the parameter, the value given and
 * what is allowed, so a wrong configuration can be fixed from the exception alone.
 */
final class Checks {

    private Checks() {
    }

    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    static void ordered(String minName, int min, String maxName, int max) {
        if (min > max) {
            throw new IllegalArgumentException(minName + " must be <= " + maxName + ", got "
                    + minName + "=" + min + " > " + maxName + "=" + max);
        }
    }

    static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    /** Rejects parameters whose longest example exceeds {@link SequenceTask#MAX_STEPS}. */
    static void steps(String task, String because, long steps) {
        if (steps > SequenceTask.MAX_STEPS) {
            throw new IllegalArgumentException(task + ": " + because + " gives examples of " + steps
                    + " steps; at most " + SequenceTask.MAX_STEPS + " steps are supported");
        }
    }

    /** A uniform integer in {@code [min, max]}. */
    static int uniform(java.util.Random rng, int min, int max) {
        return min + rng.nextInt(max - min + 1);
    }

    /** A fair random bit vector of {@code width} entries, each 0 or 1. */
    static float[] randomBits(java.util.Random rng, int width) {
        float[] v = new float[width];
        for (int i = 0; i < width; i++) {
            v[i] = rng.nextBoolean() ? 1f : 0f;
        }
        return v;
    }
}
