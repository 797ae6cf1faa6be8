package io.github.ntm4j.examples.dashboard;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Pixel probes shared by the dashboard tests. */
public final class DashboardPixels {
    private DashboardPixels() {
    }

    /** The number of panel frames crossing column x: runs of the frame colour (the renderer draws frames in dark grey). */
    public static int frames(BufferedImage img, int x) {
        int runs = 0;
        boolean in = false;
        for (int y = 0; y < img.getHeight(); y++) {
            boolean frame = img.getRGB(x, y) == Color.DARK_GRAY.getRGB();
            runs += frame && !in ? 1 : 0;
            in = frame;
        }
        return runs;
    }

    /** The column one pixel left of every plot, where each panel's frame is drawn. */
    public static int frameColumn() {
        return Dashboard.LEFT - 1;
    }
}
