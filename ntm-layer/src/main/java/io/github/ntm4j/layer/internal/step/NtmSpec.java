package io.github.ntm4j.layer.internal.step;

import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmDimensions;

import java.util.Objects;

/**
 * What one NTM step reads of a layer's configuration: its sizes and its three activations. Both step
 * implementations take this, never the DL4J configuration, so the step knows nothing of JSON, updaters or
 * the runtime; the runtime builds it from the configuration in one place
 * ({@code NtmRecurrentLayer.specOf}).
 *
 * <p>The initial state (memory value, learned or not) and the LSTM forget-gate bias are not here: the
 * step is given its initial state and its parameters ({@link io.github.ntm4j.layer.NtmState},
 * {@link io.github.ntm4j.layer.NtmParams}), and never makes either.
 *
 * @param dims                 X, N, W, H, R, V, S and the controller type
 * @param controllerActivation the activation of a feed-forward controller's {@code h} (ignored by an LSTM)
 * @param keyActivation        the activation of the keys k
 * @param addActivation        the activation of the add vectors a
 */
public record NtmSpec(NtmDimensions dims, NtmActivation controllerActivation, NtmActivation keyActivation,
                      NtmActivation addActivation) {

    public NtmSpec {
        Objects.requireNonNull(dims, "NtmSpec: dims");
        Objects.requireNonNull(controllerActivation, "NtmSpec: controllerActivation");
        Objects.requireNonNull(keyActivation, "NtmSpec: keyActivation");
        Objects.requireNonNull(addActivation, "NtmSpec: addActivation");
    }

    @Override
    public String toString() {
        return "NtmSpec(" + dims + ", controllerActivation=" + controllerActivation + ", key=" + keyActivation
                + ", add=" + addActivation + ")";
    }
}
