package io.github.ntm4j.examples.readme;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The repository's {@code README.md} as the tests read it: its fenced code blocks, taken verbatim, and the
 * Java in them compiled with {@code javax.tools}, so that what the README tells a user to paste is what the
 * tests run.
 */
public final class Readme {

    private Readme() {
    }

    /** The project's root: the parent of this module's base directory (Surefire's {@code basedir}). */
    public static Path projectDir() {
        Path module = Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path root = module.getParent();
        if (root == null || !Files.isRegularFile(root.resolve("README.md"))) {
            throw new IllegalStateException("README.md not found above the module directory " + module);
        }
        return root;
    }

    /**
     * The first code block fenced as {@code ```language} after the line {@code heading}, without its fences.
     *
     * @throws IllegalStateException if the heading or the block is missing
     */
    public static String block(String heading, String language) throws IOException {
        String text = Files.readString(projectDir().resolve("README.md"), StandardCharsets.UTF_8);
        int at = text.indexOf("\n" + heading + "\n");
        if (at < 0) {
            throw new IllegalStateException("README.md has no heading line \"" + heading + "\"");
        }
        Matcher m = Pattern.compile("\n```" + Pattern.quote(language) + "\n(.*?)\n```\n", Pattern.DOTALL)
                .matcher(text);
        if (!m.find(at)) {
            throw new IllegalStateException("README.md has no ```" + language + " block after \"" + heading + "\"");
        }
        return m.group(1) + "\n";
    }

    /** The name of the public top-level class a Java source declares. */
    public static String publicClassName(String source) {
        Matcher m = Pattern.compile("(?m)^public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(source);
        if (!m.find()) {
            throw new IllegalStateException("no public top-level class in:\n" + source);
        }
        return m.group(1);
    }

    /**
     * Compiles one Java source file with the running JDK's compiler into {@code outDir}.
     *
     * @param source    the source of one public top-level class in the default package
     * @param classpath the class path to compile against
     * @return the compiled class's name
     * @throws AssertionError with the compiler's messages if it does not compile
     */
    public static String compile(String source, String classpath, Path outDir) throws IOException {
        String name = publicClassName(source);
        Path file = outDir.resolve(name + ".java");
        Files.createDirectories(outDir);
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run the tests on a JDK");
        }
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file.toFile());
            boolean ok = javac.getTask(messages, files, null,
                    List.of("-classpath", classpath, "-d", outDir.toString(), "--release", "17", "-Xlint:none"),
                    null, units).call();
            if (!ok) {
                throw new AssertionError("README's Java block does not compile:\n" + messages);
            }
        }
        return name;
    }
}
