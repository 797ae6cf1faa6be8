package io.github.ntm4j.layer;

/**
 * The network that reads the input and the last read vectors and drives the heads
 * (Graves et al. 2014, section 3).
 */
public enum ControllerType {
    /**
     * One dense layer: {@code h = act(u · Wc + bc)}. NTM-Lasagne's choice; its memory is then the
     * only recurrent state, which makes the heads' behaviour easy to read.
     */
    FEED_FORWARD,
    /**
     * A standard LSTM without peepholes: gates {@code [i, f, o, g] = u · Wc + h_prev · Rc + bc},
     * {@code c = σ(f) c_prev + σ(i) tanh(g)}, {@code h = σ(o) tanh(c)}. Its {@code h} drives the heads.
     */
    LSTM
}
