package io.github.ntm4j.tasks;

import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Drives a {@link Curriculum} from training: averages the network's minibatch score over a
 * window of iterations and reports the mean, as NTM-Lasagne's Dyck-word example did every 500
 * minibatches. Attach with {@code net.addListeners(new CurriculumListener(curriculum, 500))}.
 */
public final class CurriculumListener extends BaseTrainingListener {

    private final Curriculum curriculum;
    private final int window;
    private double sum;
    private int count;

    /**
     * @param window number of iterations averaged before each report
     */
    public CurriculumListener(Curriculum curriculum, int window) {
        this.curriculum = Objects.requireNonNull(curriculum, "curriculum");
        this.window = Checks.atLeast("window", window, 1);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        sum += model.score();
        count++;
        if (count == window) {
            curriculum.report(sum / count);
            sum = 0;
            count = 0;
        }
    }
}
