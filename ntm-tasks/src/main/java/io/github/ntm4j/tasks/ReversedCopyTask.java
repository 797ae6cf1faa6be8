package io.github.ntm4j.tasks;

import java.util.Random;

/**
 * Reversed copy: emit the stored sequence last vector first.
 *
 * <p>An extra task of NTM-Lasagne ({@code examples/reversed-copy-task.py}), not in the paper.
 * It is the {@link CopyTask} episode, with the copy task's parameters, and the target reversed,
 * which forces the read head to walk memory backwards (a shift of -1 instead of +1):
 * <pre>
 *   X = bits + 1, Y = bits, T = 2L + 1
 *   t in [0, L)       input: vector t
 *   t = L             input: end marker (channel bits)
 *   t in [L+1, 2L+1)  target: vector 2L - t             (the answer steps)
 * </pre>
 */
public final class ReversedCopyTask implements SequenceTask {
    private final CopyTask.Params params;

    /** Reversed copy with NTM-Lasagne's parameters: 8 bits, lengths 1-5. */
    public ReversedCopyTask() {
        this(CopyTask.Params.lasagne());
    }

    public ReversedCopyTask(CopyTask.Params params) {
        this.params = params;
    }

    public CopyTask.Params params() {
        return params;
    }

    @Override
    public String name() {
        return "reversed-copy";
    }

    @Override
    public int inputSize() {
        return params.bits() + 1;
    }

    @Override
    public int outputSize() {
        return params.bits();
    }

    @Override
    public long maxSteps() {
        return 2L * params.maxLength() + 1;
    }

    @Override
    public Example sample(Random rng) {
        return CopyTask.sample(params, rng, true);
    }
}
