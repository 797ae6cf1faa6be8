// For each repeat-copy model: of the N sequences `dashboard --length LENGTH --repeats REPEATS --seed S` draws
// (S = 1..N), how many it reproduces perfectly, how many it gets wrong in the vectors only (the end-marker channel
// right at every step), and how many with the end-marker channel wrong somewhere (the count lost).
// Usage: javac -cp ntm4j.jar Modes.java && java -cp ntm4j.jar:. Modes LENGTH REPEATS N MODEL.zip...
import io.github.ntm4j.examples.cli.*;
import io.github.ntm4j.layer.inspect.*;
import io.github.ntm4j.tasks.*;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.buffer.DataType;
import java.io.File;
import java.util.List;

public class Modes {
    public static void main(String[] a) throws Exception {
        int len = Integer.parseInt(a[0]), reps = Integer.parseInt(a[1]), n = Integer.parseInt(a[2]);
        for (int i = 3; i < a.length; i++) {
            MultiLayerNetwork net = ModelFiles.load(new File(a[i]), "repeat-copy");
            int perfect = 0, vectorsOnly = 0, marker = 0; long wrongBits = 0;
            for (long seed = 1; seed <= n; seed++) {
                List<Example> one = Examples.generate(TaskName.repeatCopy(len, reps), 1, seed);
                DataSet ds = Examples.toDataSet(one, DataType.FLOAT);
                INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
                INDArray y = ds.getLabels(), m = ds.getLabelsMaskArray();
                long T = y.size(2), C = y.size(1);
                int wrong = 0; boolean markerWrong = false;
                for (int t = 0; t < T; t++) {
                    if (m.getDouble(0, t) == 0) continue;
                    for (int c = 0; c < C; c++) {
                        if ((out.getDouble(0, c, t) > 0.5) != (y.getDouble(0, c, t) > 0.5)) {
                            wrong++;
                            if (c == C - 1) markerWrong = true;
                        }
                    }
                }
                wrongBits += wrong;
                if (wrong == 0) perfect++; else if (markerWrong) marker++; else vectorsOnly++;
            }
            System.out.printf("%s perfect=%d wrong_in_vectors_only=%d end_marker_wrong=%d mean_wrong_bits=%.2f%n",
                    a[i], perfect, vectorsOnly, marker, (double) wrongBits / n);
        }
    }
}
