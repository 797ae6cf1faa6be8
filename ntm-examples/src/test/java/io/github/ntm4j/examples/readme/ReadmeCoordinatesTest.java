package io.github.ntm4j.examples.readme;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application whose pom holds exactly the README's "Maven coordinates" block resolves to a lean class
 * path (one platform's native binaries), on which the README's program compiles and an NTM runs.
 *
 * <p>Maven resolves the application in a child process against a temporary local repository. That repository
 * holds this build's {@code ntm-layer} and {@code ntm-tasks} (jarred from their {@code target/classes}, so
 * {@code mvn test} alone suffices) and links everything else to the user's local repository, so nothing of
 * this project's version is installed where other builds would see it, and third-party jars already
 * downloaded are not downloaded again.
 */
class ReadmeCoordinatesTest {

    static final String HEADING = "## Maven coordinates";
    static final String GROUP_PATH = "io/github/ntm4j";
    static final String VERSION = "0.1.0-SNAPSHOT";
    /** Fixed, so that the run does not depend on which version Maven would pick. */
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    /** JavaCPP's platform classifiers, as in {@code nd4j-native-1.0.0-M2.1-linux-x86_64.jar}. */
    static final String NATIVE_JAR = ".*-(linux|macosx|windows|android|ios)-[a-z0-9_]+\\.jar";
    /** The README's numbers on Linux x86-64 are 37 jars and 153 MB; with every platform's natives, 782 MB. */
    static final long MAX_CLASSPATH_BYTES = 250_000_000L;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theReadmesCoordinatesGiveALeanClassPathThatRunsTheReadmeProgram(@TempDir Path dir) throws Exception {
        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve(".mvn"));   // stops Maven from looking for a .mvn/ further up
        Files.writeString(app.resolve("pom.xml"), applicationPom(Readme.block(HEADING, "xml")), StandardCharsets.UTF_8);
        Path repo = dir.resolve("repo");
        try {
            checkApplication(dir, app, localRepository(repo));
        } finally {
            unlink(repo);
        }
    }

    private static void checkApplication(Path dir, Path app, Path repo) throws Exception {
        Path cpFile = app.resolve("classpath.txt");
        run(app, maven(), "-B", "-q", "-Dmaven.repo.local=" + repo, DEPENDENCY_PLUGIN + ":build-classpath",
                "-Dmdep.outputFile=" + cpFile);
        String classpath = Files.readString(cpFile, StandardCharsets.UTF_8).trim();
        List<Path> jars = Arrays.stream(classpath.split(java.io.File.pathSeparator)).map(Paths::get)
                .collect(Collectors.toList());
        List<String> names = jars.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
        List<String> natives = names.stream().filter(n -> n.matches(NATIVE_JAR)).collect(Collectors.toList());
        long bytes = 0;
        for (Path jar : jars) {
            bytes += Files.size(jar);
        }
        System.out.printf(Locale.ROOT, "README coordinates: %d jars, %.0f MB, native: %s%n", jars.size(),
                bytes / 1e6, natives);

        assertTrue(names.contains("ntm-layer-" + VERSION + ".jar"), names.toString());
        assertTrue(names.contains("ntm-tasks-" + VERSION + ".jar"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("deeplearning4j-nn-")), names.toString());
        String platform = Loader.getPlatform();
        assertTrue(natives.stream().anyMatch(n -> n.startsWith("nd4j-native-") && n.endsWith("-" + platform + ".jar")),
                "no nd4j-native binaries for " + platform + ": " + natives);
        assertTrue(natives.stream().allMatch(n -> n.endsWith("-" + platform + ".jar")),
                "natives of other platforms than " + platform + ": " + natives);
        assertTrue(bytes <= MAX_CLASSPATH_BYTES, "class path of " + bytes / 1_000_000 + " MB");

        // Every import the README's program needs is on that class path, and an NTM runs on its natives.
        Path classes = dir.resolve("classes");
        Readme.compile(Readme.block(ReadmeSnippetTest.HEADING, "java"), classpath, classes);
        Readme.compile(PROBE, classpath, classes);
        String out = run(app, javaExecutable(), "-cp", classes + java.io.File.pathSeparator + classpath, "Probe");
        assertTrue(out.contains("ntm output [1, 120, 5]"), out);
    }

    /** Builds an NTM on the resolved class path and runs it on one short sequence. */
    static final String PROBE = String.join("\n",
            "import io.github.ntm4j.layer.NtmLayer;",
            "import org.deeplearning4j.nn.conf.NeuralNetConfiguration;",
            "import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;",
            "import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;",
            "import org.nd4j.linalg.factory.Nd4j;",
            "public class Probe {",
            "    public static void main(String[] args) {",
            "        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()",
            "            .layer(new NtmLayer.Builder().nIn(9).build())",
            "            .layer(new RnnOutputLayer.Builder().nOut(8).build()).build());",
            "        net.init();",
            "        System.out.println(\"ntm output \" + java.util.Arrays.toString(",
            "            net.feedForward(Nd4j.rand(1, 9, 5)).get(1).shape()));",
            "    }",
            "}",
            "");

    /** A minimal application pom with {@code dependencies} inside its {@code <dependencies>}. */
    static String applicationPom(String dependencies) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>com.example</groupId>\n"
                + "  <artifactId>ntm-application</artifactId>\n"
                + "  <version>1.0</version>\n"
                + "  <dependencies>\n" + dependencies + "  </dependencies>\n"
                + "</project>\n";
    }

    /**
     * A local repository holding this build's parent pom, {@code ntm-layer} and {@code ntm-tasks}, with every
     * other entry a link into the user's local repository.
     */
    static Path localRepository(Path repo) throws IOException {
        Path user = Paths.get(System.getProperty("ntm4j.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Path group = repo.resolve(GROUP_PATH);
        Files.createDirectories(group);
        // Link the siblings of each folder on the way down to io/github/ntm4j, which stays our own.
        Path within = Paths.get("");
        for (Path part : Paths.get(GROUP_PATH)) {
            Path userLevel = user.resolve(within.toString());
            if (Files.isDirectory(userLevel)) {
                try (Stream<Path> entries = Files.list(userLevel)) {
                    for (Path entry : (Iterable<Path>) entries::iterator) {
                        Path link = repo.resolve(within.toString()).resolve(entry.getFileName().toString());
                        if (!entry.getFileName().equals(part) && !Files.exists(link)) {
                            Files.createSymbolicLink(link, entry);
                        }
                    }
                }
            }
            within = within.resolve(part);
        }
        Path project = Readme.projectDir();
        install(group, "ntm4j-parent", project.resolve("pom.xml"), null);
        for (String module : List.of("ntm-layer", "ntm-tasks")) {
            install(group, module, project.resolve(module).resolve("pom.xml"),
                    project.resolve(module).resolve("target").resolve("classes"));
        }
        return repo;
    }

    /** Deletes the links {@link #localRepository} made (not what they point to). */
    private static void unlink(Path repo) throws IOException {
        if (!Files.isDirectory(repo)) {
            return;
        }
        try (Stream<Path> all = Files.walk(repo)) {   // walk does not follow links
            for (Path p : (Iterable<Path>) all.filter(Files::isSymbolicLink)::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Lays out one artifact as {@code mvn install} would: its pom and, unless null, a jar of {@code classes}. */
    private static void install(Path group, String artifact, Path pom, Path classes) throws IOException {
        Path dir = group.resolve(artifact).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"));
        if (classes == null) {
            return;
        }
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(classes + " is missing: build the reactor (mvn -B test) first");
        }
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve(artifact + "-" + VERSION + ".jar")));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
    }

    /** The {@code mvn} of the Maven running the build (Surefire is given its home), else the one on the PATH. */
    static String maven() {
        String home = System.getProperty("ntm4j.mavenHome");
        if (home != null && !home.isBlank() && Files.isExecutable(Paths.get(home, "bin", "mvn"))) {
            return Paths.get(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a command in {@code dir}; returns its output, or fails with it if the exit code is not 0. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Path log = Files.createTempFile(dir, "run", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            // no input
        }
        int code = p.waitFor();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, code, String.join(" ", command) + " failed:\n" + out);
        return out;
    }
}
