package io.github.ntm4j.examples.portable;

import io.github.ntm4j.examples.Ntm4j;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ntm4j.jar} copied on its own, without {@code spark-lib/} beside it, runs both NTM paths. The jar bundles
 * the module's compile and runtime dependencies and leaves Spark (provided) out; a library that ND4J needs and
 * Spark also brings was once mediated to Spark's provided scope and left out, so the SameDiff path failed with
 * {@code NoClassDefFoundError} (commons-collections4's PatriciaTrie). This runs {@code bench} on both paths in a
 * child JVM whose class path is exactly what the jar bundles ({@code target/bundled-class-path.txt}, written by
 * the build).
 */
class JarWithoutSparkLibTest {
    @Test
    void bothPathsRunOnWhatTheJarBundles() throws Exception {
        Path bundled = Path.of("target", "bundled-class-path.txt");
        assertTrue(Files.exists(bundled), "the build writes " + bundled.toAbsolutePath() + " before the tests");
        String classPath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(bundled).strip();
        assertTrue(!classPath.contains("spark-core"), "Spark is not bundled: " + classPath);
        Path output = Files.createTempFile("jar-alone", ".txt");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classPath, Ntm4j.class.getName(), "bench", "--batches", "1", "--length", "2",
                "--inference-length", "3", "--seconds", "0.05", "--samediff-iterations", "1"))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bench did not finish");
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("path=fused batch=1 "), out);
        assertTrue(out.contains("path=samediff batch=1 "), out);
        Files.delete(output);
    }
}
