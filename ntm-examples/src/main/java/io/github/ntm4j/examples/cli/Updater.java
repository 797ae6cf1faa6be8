package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.updater.GravesRmsProp;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/** {@code --updater}: the optimiser, by its command-line name. */
public enum Updater {
    /** DL4J's RMSprop, without momentum. */
    RMSPROP,
    /** Graves' RMSprop with momentum 0.9 ({@link GravesRmsProp}): the NTM paper's and NTM-Lasagne's. */
    GRAVES,
    /** DL4J's Adam. */
    ADAM;

    /** The updater at learning rate {@code lr}. */
    public IUpdater create(double lr) {
        switch (this) {
            case GRAVES: return new GravesRmsProp(lr);
            case ADAM: return new Adam(lr);
            default: return new RmsProp(lr);
        }
    }

    @Override
    public String toString() {
        return Cli.optionName(this);
    }
}
