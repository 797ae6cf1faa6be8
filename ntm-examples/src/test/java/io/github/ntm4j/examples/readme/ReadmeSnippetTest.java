package io.github.ntm4j.examples.readme;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Using NtmLayer in your own network" block, compiled and run exactly as it stands, learns what
 * the README says it learns: at most 1 wrong bit in any of 100 fresh copy sequences of length 20.
 */
class ReadmeSnippetTest {

    static final String HEADING = "## Using NtmLayer in your own network";

    /** The line the block ends with: its own evaluation of what it trained. */
    private static final Pattern RESULT = Pattern.compile(
            "length 20: at most (\\d+) wrong bits in any of (\\d+) fresh sequences");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theReadmeProgramLearnsToCopy(@TempDir Path dir) throws Exception {
        String source = Readme.block(HEADING, "java");
        String name = Readme.compile(source, System.getProperty("java.class.path"), dir);

        String printed = runMain(name, dir);
        System.out.print(printed);
        Matcher m = RESULT.matcher(printed);
        assertTrue(m.find(), "the README program did not print its result line:\n" + printed);
        assertEquals(100, Integer.parseInt(m.group(2)), "test sequences");
        int worst = Integer.parseInt(m.group(1));
        assertTrue(worst <= 1, "the README promises at most 1 wrong bit per sequence; the worst had " + worst);
    }

    /** Runs {@code name.main(new String[0])} from the classes in {@code dir}, and returns what it printed. */
    private static String runMain(String name, Path dir) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeSnippetTest.class.getClassLoader())) {
            Method main = loader.loadClass(name).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
