import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.io.File;
import java.util.Arrays;
// The Graves RMSprop state of n-gram checkpoints: java -cp ntm4j.jar UpdaterState.java MODEL.zip...
// Prints the parameters' norm, quantiles of the step denominators sqrt(max(N - G², 0) + 1e-4) and of |Δ|, the last step.
public class UpdaterState {
  public static void main(String[] a) throws Exception {
    for (String f : a) {
      MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new File(f), true);
      INDArray s = net.getUpdater().getStateViewArray().dup().reshape(-1);
      long n = s.length() / 3;
      double[] N = s.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).toDoubleVector();
      double[] G = s.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n, 2*n)).toDoubleVector();
      double[] D = s.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2*n, 3*n)).toDoubleVector();
      double[] den = new double[(int) n]; double[] step = new double[(int) n];
      for (int i = 0; i < n; i++) { den[i] = Math.sqrt(Math.max(N[i]-G[i]*G[i],0)+1e-4); step[i]=Math.abs(D[i]); }
      Arrays.sort(den); Arrays.sort(step);
      double[] p = net.params().toDoubleVector(); double norm=0; for (double x: p) norm+=x*x;
      System.out.printf("%s params=%d |theta|=%.2f iters=%d den q01=%.4g q10=%.4g q50=%.4g q90=%.4g | |delta| q50=%.3g q90=%.3g q99=%.3g max=%.3g%n", f, n, Math.sqrt(norm), net.getIterationCount(),
        den[(int)(0.01*n)], den[(int)(0.1*n)], den[(int)(0.5*n)], den[(int)(0.9*n)], step[(int)(0.5*n)], step[(int)(0.9*n)], step[(int)(0.99*n)], step[(int)n-1]);
    }
  }
}
