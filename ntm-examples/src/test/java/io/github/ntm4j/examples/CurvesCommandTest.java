package io.github.ntm4j.examples;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code curves}: a PNG from one or two train logs, and its bad arguments (exit 2) and bad logs (exit 1). */
class CurvesCommandTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static String[] run(String... args) {
        return CliRun.of(args).asArray();
    }

    static String sample() throws Exception {
        return Path.of(CurvesCommandTest.class.getResource("/logs/copy-sample.log").toURI()).toString();
    }

    @Test
    void writesAPngOfOneOrTwoLogs(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub/curves.png");
        String[] r = run("curves", "--log", sample(), "--out", png.toString(), "--window", "3");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("1 log (13 progress lines) written to"), r[1]);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(960, img.getWidth());

        Path two = dir.resolve("two.png");
        r = run("curves", "--log", sample(), "--log", sample(), "--label", "a", "--label", "b", "--log-x", "--out", two.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("2 logs (26 progress lines)"), r[1]);
        assertNotNull(ImageIO.read(two.toFile()));
    }

    @Test
    void badArgumentsAreOneLineAndExit2(@TempDir Path dir) throws Exception {
        String out = dir.resolve("c.png").toString();
        String[] noLog = run("curves", "--out", out);
        assertEquals("2", noLog[0]);
        assertTrue(noLog[2].startsWith("ntm4j: Missing required option: '--log=FILE'"), noLog[2]);
        assertTrue(noLog[2].contains("ntm4j curves --help shows the usage"), "where the usage is");
        assertEquals(1, noLog[2].strip().lines().count(), noLog[2]);
        assertEquals("2", run("curves", "--log", sample())[0], "no --out");
        String[] labels = run("curves", "--log", sample(), "--log", sample(), "--label", "x", "--out", out);
        assertEquals("2", labels[0]);
        assertTrue(labels[2].contains("1 labels for 2 logs"), labels[2]);
        assertEquals("2", run("curves", "--log", sample(), "--window", "0", "--out", out)[0]);
        assertEquals("2", run("curves", "--log", sample(), "--window", "ten", "--out", out)[0]);
        assertEquals("2", run("curves", "--log", sample(), "--colour", "red", "--out", out)[0]);
        assertEquals("2", run("curves", "--log")[0]);
    }

    @Test
    void aMissingEmptyOrUnparseableLogIsOneLineAndExit1(@TempDir Path dir) throws Exception {
        String out = dir.resolve("c.png").toString();
        String[] missing = run("curves", "--log", dir.resolve("nope.log").toString(), "--out", out);
        assertEquals("1", missing[0]);
        assertEquals("ntm4j: no log file " + dir.resolve("nope.log") + "\n", missing[2].replace("\r", ""));

        Path empty = Files.createFile(dir.resolve("empty.log"));
        String[] e = run("curves", "--log", sample(), "--log", empty.toString(), "--out", out);
        assertEquals("1", e[0]);
        assertEquals(1, e[2].strip().lines().count(), e[2]);
        assertTrue(e[2].startsWith("ntm4j: empty.log has no training progress line"), e[2]);
        assertTrue(e[2].contains("it is empty"), e[2]);

        Path junk = Files.writeString(dir.resolve("junk.log"), "WARN nothing here\nsequences=oops loss=1 bit_errors_per_seq=2\n");
        String[] j = run("curves", "--log", junk.toString(), "--out", out);
        assertEquals("1", j[0]);
        assertEquals(1, j[2].strip().lines().count(), j[2]);
        assertTrue(j[2].startsWith("ntm4j: junk.log has no training progress line"), j[2]);
        assertTrue(!Files.exists(Path.of(out)), "nothing written");
    }
}
