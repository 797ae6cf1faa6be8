package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.ControllerType;

/** {@code --controller}: the NTM's controller, by its command-line name. */
public enum Controller {
    /** A feed-forward controller (NTM-Lasagne's, and the NTM paper's for most tasks). */
    FF(ControllerType.FEED_FORWARD),
    /** An LSTM controller. */
    LSTM(ControllerType.LSTM);

    private final ControllerType type;

    Controller(ControllerType type) {
        this.type = type;
    }

    /** The layer's controller type. */
    public ControllerType type() {
        return type;
    }

    /** The command-line name of a layer's controller type. */
    public static Controller of(ControllerType type) {
        for (Controller c : values()) {
            if (c.type == type) {
                return c;
            }
        }
        throw new IllegalArgumentException("no command-line name for " + type);
    }

    @Override
    public String toString() {
        return Cli.optionName(this);
    }
}
