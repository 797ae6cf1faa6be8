// Whether two repeat-copy model files hold the same parameters. Usage: javac -cp ntm4j.jar SameParams.java && java -cp ntm4j.jar:. SameParams A.zip B.zip
import io.github.ntm4j.examples.cli.*;
import java.io.File;
public class SameParams { public static void main(String[] a) throws Exception {
  var x = ModelFiles.load(new File(a[0]), "repeat-copy"); var y = ModelFiles.load(new File(a[1]), "repeat-copy");
  System.out.println("equal params: " + x.params().equals(y.params()) + " maxdiff=" + x.params().sub(y.params()).amaxNumber());
}}
