package io.github.ntm4j.examples;

import io.github.ntm4j.examples.training.Networks;
import io.github.ntm4j.examples.cli.ModelFiles;
import io.github.ntm4j.examples.cli.TrainCommand;
import io.github.ntm4j.examples.dashboard.DashboardPixels;
import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.tasks.CopyTask;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dashboard} and {@code demo --dashboard} on the shipped copy model, and their bad arguments. */
class DashboardCommandTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static String[] run(String... args) {
        return CliRun.of(args).asArray();
    }

    @Test
    void dashboardOfTheShippedModel(@TempDir File dir) throws Exception {
        File png = new File(dir, "copy-20.png");
        File gif = new File(dir, "copy-20.gif");
        String[] r = run("dashboard", "--task", "copy", "--length", "20", "--seed", "3", "--out", png.getPath(),
                "--gif", gif.getPath());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("dashboard written to " + png.getPath()), r[1]);
        BufferedImage img = ImageIO.read(png);
        assertNotNull(img);
        NtmLayer conf = (NtmLayer) ModelFiles.loadResource("/models/copy.zip", "copy").getLayer(0).conf().getLayer();
        int heads = conf.getReadHeads() + conf.getWriteHeads();
        assertEquals(3 + heads + 1, DashboardPixels.frames(img, DashboardPixels.frameColumn()), "input, target, prediction, every head, memory");
        assertTrue(img.getWidth() > 600 && img.getHeight() > 300, img.getWidth() + "x" + img.getHeight());
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(gif)) {
            javax.imageio.ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(2 * 20 + 1, reader.getNumImages(true), "one frame per step of a length-20 copy");
            reader.dispose();
        }
    }

    @Test
    void headParamsAddFourPanelsPerHead(@TempDir File dir) throws Exception {
        File png = new File(dir, "params.png");
        String[] r = run("dashboard", "--length", "10", "--head-params", "--out", png.getPath());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("NTM on the copy task, length 10: "), r[1]);
        NtmLayer conf = (NtmLayer) ModelFiles.loadResource("/models/copy.zip", "copy").getLayer(0).conf().getLayer();
        int heads = conf.getReadHeads() + conf.getWriteHeads();
        assertEquals(3 + heads + 1 + 4 * heads, DashboardPixels.frames(ImageIO.read(png), DashboardPixels.frameColumn()),
                "beta, g, gamma and shift for every head");
    }

    @Test
    void repeatsDrawRepeatCopyBeyondItsTrainedRepeats(@TempDir File dir) throws Exception {
        File png = new File(dir, "rc.png");
        String[] r = run("dashboard", "--pretrained", "repeat-copy", "--length", "10", "--repeats", "10", "--out",
                png.getPath());
        assertEquals("0", r[0], r[2]);
        // 10 x 10 answer steps and the end marker, each scored on 8 bits and the end-marker channel
        assertTrue(r[1].startsWith("NTM on the repeat-copy task, 10 vectors x 10 repeats: ")
                && r[1].contains(" of " + (10 * 10 + 1) * 9 + " scored bits"), r[1]);
        assertNotNull(ImageIO.read(png));

        String[] one = run("dashboard", "--pretrained", "repeat-copy", "--length", "1", "--repeats", "1", "--out",
                new File(dir, "one.png").getPath());
        assertEquals("0", one[0], one[2]);
        assertTrue(one[1].startsWith("NTM on the repeat-copy task, 1 vector x 1 repeat: "), one[1]);

        String[] notRepeatCopy = run("dashboard", "--task", "copy", "--repeats", "2", "--out", png.getPath());
        assertEquals("2", notRepeatCopy[0]);
        assertTrue(notRepeatCopy[2].contains("--repeats applies to repeat-copy only, not copy"), notRepeatCopy[2]);
        assertEquals("2", run("dashboard", "--pretrained", "repeat-copy", "--repeats", "0", "--out", png.getPath())[0]);
    }

    @Test
    void demoWritesItsDashboard(@TempDir File dir) throws Exception {
        File png = new File(dir, "demo.png");
        String[] r = run("demo", "--length", "10", "--seed", "2", "--dashboard", png.getPath());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains(png.getAbsolutePath()), r[1]);
        assertNotNull(ImageIO.read(png));
    }

    @Test
    void badArguments(@TempDir File dir) throws Exception {
        String out = new File(dir, "x.png").getPath();
        String[] noOut = run("dashboard", "--length", "5");
        assertEquals("2", noOut[0]);
        assertTrue(noOut[2].startsWith("ntm4j: Missing required option: '--out=FILE'"), noOut[2]);

        String[] tooLong = run("dashboard", "--length", "100000", "--out", out);
        assertEquals("2", tooLong[0]);
        assertTrue(tooLong[2].contains("is longer than the model's memory of"), tooLong[2]);

        assertEquals("2", run("dashboard", "--task", "sorting", "--out", out)[0]);
        String[] noModel = run("dashboard", "--task", "reversed-copy", "--length", "5", "--out", out);
        assertEquals("2", noModel[0], "no shipped model for it");
        assertTrue(noModel[2].contains("no pretrained model of the reversed-copy task ships with ntm4j"), noModel[2]);
        assertEquals("2", run("dashboard", "--task", "associative-recall", "--length", "1", "--out", out)[0], "too few items");
        assertEquals("2", run("dashboard", "--out", out, "--frobnicate", "1")[0]);

        MultiLayerNetwork net = Networks.ntm(new CopyTask(CopyTask.Params.lasagne()),
                ControllerType.FEED_FORWARD, 1, 1e-3);
        File recall = new File(dir, "recall.zip");
        ModelFiles.save(net, "associative-recall", recall);
        String[] wrongTask = run("dashboard", "--model", recall.getPath(), "--task", "copy", "--out", out);
        assertEquals("1", wrongTask[0]);
        assertTrue(wrongTask[2].contains("was trained on the associative-recall task, not copy"), wrongTask[2]);
        assertEquals(1, wrongTask[2].strip().lines().count(), "one line: " + wrongTask[2]);
        String[] missing = run("dashboard", "--model", new File(dir, "nope.zip").getPath(), "--out", out);
        assertEquals("1", missing[0]);
        assertEquals(1, missing[2].strip().lines().count(), "one line: " + missing[2]);
        assertFalse(new File(out).exists(), "nothing written on a bad argument");
    }
}
