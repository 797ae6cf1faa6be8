package io.github.ntm4j.examples;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code eval --pretrained}, and output files: into {@code --out-dir}, never over an existing file without {@code --force}. */
class OutputFilesTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void evalRunsAShippedModel(@TempDir Path dir) throws Exception {
        CliRun dyck = CliRun.of("eval", "--pretrained", "dyck", "--lengths", "40", "--examples", "20", "--csv", "t.csv",
                "--out-dir", dir.toString());
        assertEquals(0, dyck.exitCode(), dyck.err());
        assertTrue(dyck.out().lines().anyMatch(l -> l.strip().startsWith("40 ")), dyck.out());
        assertTrue(Files.readString(dir.resolve("t.csv")).startsWith("length,"), "the CSV went into --out-dir");

        CliRun again = CliRun.of("eval", "--pretrained", "dyck", "--lengths", "40", "--examples", "20", "--csv", "t.csv",
                "--out-dir", dir.toString());
        assertEquals(1, again.exitCode());
        assertEquals("ntm4j: " + dir.resolve("t.csv") + " exists; give --force to overwrite it, or another file name",
                again.err().strip());

        CliRun mismatch = CliRun.of("eval", "--pretrained", "copy-1-5", "--task", "dyck");
        assertEquals(2, mismatch.exitCode());
        assertTrue(mismatch.oneErrorLine() && mismatch.err().contains("is a model of the copy task, not of dyck"),
                mismatch.err());
        CliRun unknown = CliRun.of("eval", "--pretrained", "sort");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no pretrained model called sort ships with ntm4j (there are: copy, copy-1-5,"),
                unknown.err());
        assertTrue(CliRun.of("eval", "--help").out().contains("/models/NAME.zip"), "--help says where the models are");
    }

    @Test
    void demoNamesItsDashboardAfterTheModelAndOverwritesNothing(@TempDir Path dir) throws Exception {
        CliRun copy15 = CliRun.of("demo", "--pretrained", "copy-1-5", "--length", "5", "--seed", "1", "--out-dir",
                dir.toString());
        assertEquals(0, copy15.exitCode(), copy15.err());
        assertTrue(Files.isRegularFile(dir.resolve("copy-1-5-dashboard.png")), "named after the model");
        assertFalse(Files.exists(dir.resolve("copy-dashboard.png")), "not the copy model's name");

        byte[] before = Files.readAllBytes(dir.resolve("copy-1-5-dashboard.png"));
        CliRun again = CliRun.of("demo", "--pretrained", "copy-1-5", "--length", "6", "--seed", "2", "--out-dir",
                dir.toString());
        assertEquals(1, again.exitCode());
        assertTrue(again.oneErrorLine(), again.err());
        assertTrue(again.err().contains("copy-1-5-dashboard.png exists; give --force"), again.err());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("copy-1-5-dashboard.png")), "left alone");
    }

    @Test
    void dashboardAndCurvesWriteIntoOutDirAndOverwriteOnlyWithForce(@TempDir Path dir) throws Exception {
        String[] dashboard = {"dashboard", "--length", "5", "--out", "d.png", "--gif", "d.gif", "--out-dir", dir.toString()};
        assertEquals(0, CliRun.of(dashboard).exitCode());
        assertTrue(Files.isRegularFile(dir.resolve("d.png")) && Files.isRegularFile(dir.resolve("d.gif")));
        CliRun refused = CliRun.of(dashboard);
        assertEquals(1, refused.exitCode());
        assertTrue(refused.oneErrorLine() && refused.err().contains("d.png exists; give --force"), refused.err());
        String[] forced = java.util.Arrays.copyOf(dashboard, dashboard.length + 1);
        forced[dashboard.length] = "--force";
        assertEquals(0, CliRun.of(forced).exitCode());

        String log = Path.of(getClass().getResource("/logs/copy-sample.log").toURI()).toString();
        assertEquals(0, CliRun.of("curves", "--log", log, "--out", "c.png", "--out-dir", dir.toString()).exitCode());
        assertTrue(Files.isRegularFile(dir.resolve("c.png")));
        CliRun curves = CliRun.of("curves", "--log", log, "--out", "c.png", "--out-dir", dir.toString());
        assertEquals(1, curves.exitCode());
        assertTrue(curves.err().contains("c.png exists; give --force"), curves.err());
        assertEquals(0, CliRun.of("curves", "--log", log, "--out", "c.png", "--out-dir", dir.toString(), "--force")
                .exitCode());
    }
}
