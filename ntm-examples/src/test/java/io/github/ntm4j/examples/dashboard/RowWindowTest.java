package io.github.ntm4j.examples.dashboard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The crop of the head and memory panels to the visited rows, including windows that wrap from row N-1 to 0. */
class RowWindowTest {
    static final int N = 12;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** One head with all its weight on {@code rows[t]} at step t, of N rows; memory row r holds r in column 0. */
    static DashboardData visiting(int... rows) {
        int steps = rows.length;
        double[][][] w = new double[1][N][steps];
        for (int t = 0; t < steps; t++) {
            w[0][rows[t]][t] = 1;
        }
        double[][] bits = new double[1][steps];
        double[][] memory = new double[N][2];
        for (int r = 0; r < N; r++) {
            memory[r][0] = r;
        }
        return new DashboardData("copy", steps, bits, bits, bits, new boolean[steps], List.of("read head 1"), w, memory);
    }

    static int[] window(int... rows) {
        return Dashboard.visitedRows(visiting(rows));
    }

    @Test
    void windowsThatDoNotWrapArePaddedWithinTheMemory() {
        assertArrayEquals(new int[]{1, 11}, window(3, 5, 8), "3..8 padded by 2");
        assertArrayEquals(new int[]{0, 5}, window(0, 1, 2), "padding does not wrap round to rows 10 and 11");
        assertArrayEquals(new int[]{0, 9}, window(0, 6), "a tie between the two gaps goes to the window that does not wrap");
        assertArrayEquals(new int[]{0, 11}, window(0, 4, 8), "three equal gaps: the window that does not wrap");
    }

    @Test
    void aHeadThatWrapsGetsTheSmallestCircularWindow() {
        // 0, 11, 10: the smallest window is rows 10, 11, 0; padded: 8-11 then 0-2
        assertArrayEquals(new int[]{8, 15}, window(0, 11, 10));
        assertArrayEquals(new int[]{6, 17}, window(0, 11, 10, 9, 8, 2), "rows 8-2 round the end, padded");
        assertArrayEquals(new int[]{0, N}, window(0, 11, 10, 2, 7), "rows 7-2 padded are the whole memory: all, unwrapped");
        Dashboard d = new Dashboard(visiting(0, 11, 10), false);
        Dashboard.Panel head = d.panels().get(3);
        assertEquals(8, head.firstRow);
        assertEquals(7, head.rows);
        assertEquals(List.of(8, 9, 10, 11, 0, 1, 2), List.of(head.rowAt(0), head.rowAt(1), head.rowAt(2), head.rowAt(3),
                head.rowAt(4), head.rowAt(5), head.rowAt(6)));
        assertTrue(head.title.endsWith("rows 8-11 and 0-2 of 12"), head.title);
        assertTrue(d.panels().get(4).title.endsWith("rows 8-11 and 0-2 of 12"), d.panels().get(4).title);
        BufferedImage img = d.render();
        int bright = Dashboard.viridis(1).getRGB();
        Point row0 = head.cellCentre(0, 0);
        Point row11 = head.cellCentre(11, 1);
        Point row10 = head.cellCentre(10, 2);
        assertEquals(bright, img.getRGB(row0.x, row0.y));
        assertEquals(bright, img.getRGB(row11.x, row11.y));
        assertEquals(bright, img.getRGB(row10.x, row10.y));
        assertTrue(row11.y < row0.y && row10.y < row11.y, "drawn in order 10, 11, 0 down the panel");
        assertEquals(head.plot.y + 4 * head.cellHeight + head.cellHeight / 2, row0.y, "row 0 is the fifth row shown");
        // the memory panel shows the same rows: row 11 (value 11, the largest shown) is the reddest
        Dashboard.Panel memory = d.panels().get(4);
        Point m11 = memory.cellCentre(11, 0);
        Point m0 = memory.cellCentre(0, 0);
        assertEquals(Dashboard.diverging(1).getRGB(), img.getRGB(m11.x, m11.y));
        Point m8 = memory.cellCentre(8, 0);
        assertEquals(Dashboard.diverging(8.0 / 11).getRGB(), img.getRGB(m8.x, m8.y),
                "the colour scale is the largest value shown (11), not that of the first row (8)");
        assertEquals(java.awt.Color.WHITE.getRGB(), img.getRGB(m0.x, m0.y), "row 0 holds 0");
    }
}
