package org.attentionworkbench.compute.pointcloud.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.junit.jupiter.api.Test;

class EditHistoryTest {
    private static final CropBox LEFT_HALF = CropBox.local(new double[] {0, 0, -1}, new double[] {5, 10, 1},
            Keep.INSIDE);
    private static final CropBox LOW_ROWS = CropBox.local(new double[] {0, 0, -1}, new double[] {10, 3, 1},
            Keep.OUTSIDE);

    /** The ids (the "id" field) of a cloud's points: which original points it holds, in order. */
    private static int[] ids(PointCloud c) {
        float[] f = c.field("id").values();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = (int) f[i];
        }
        return out;
    }

    /** Every attribute of each point still belongs to the same original point. */
    private static void assertAttributesFollow(PointCloud c, PointCloud original) {
        int[] ids = ids(c);
        for (int k = 0; k < ids.length; k++) {
            int i = ids[k];
            assertEquals(original.xyz()[3 * i], c.xyz()[3 * k]);
            assertEquals(original.xyz()[3 * i + 1], c.xyz()[3 * k + 1]);
            assertEquals(original.rgb()[3 * i], c.rgb()[3 * k]);
            assertEquals(original.normals()[3 * i + 2], c.normals()[3 * k + 2]);
            assertEquals(original.provenance().pixel()[i], c.provenance().pixel()[k]);
        }
        assertArrayEquals(original.origin(), c.origin());
    }

    @Test
    void undoRedoWalkTheSteps() {
        PointCloud g = SelectionTest.grid();
        EditHistory h = new EditHistory(g);
        assertFalse(h.canUndo());
        assertFalse(h.canRedo());
        assertEquals("opened: 100 points", h.currentDescription());

        PointCloud a = h.apply(LEFT_HALF); // columns 0..4 → 50 points
        assertEquals(50, a.size());
        assertEquals("crop box: kept 50 of 100 points", h.currentDescription());
        PointCloud b = h.apply(LOW_ROWS); // rows 3..9 of those → 35 points
        assertEquals(35, b.size());
        assertEquals("crop box (keep outside): kept 35 of 50 points", h.currentDescription());
        for (int id : ids(b)) {
            assertTrue(id % 10 < 5 && id / 10 >= 3, "point " + id + " should have been cut");
        }
        assertAttributesFollow(b, g);
        assertEquals("crop box (keep outside): kept 35 of 50 points", h.undoDescription());
        assertNull(h.redoDescription());

        assertArrayEquals(ids(a), ids(h.undo()));
        assertSame(g, h.undo());
        assertFalse(h.canUndo());
        assertThrows(IllegalStateException.class, h::undo);
        assertTrue(h.canRedo());
        assertEquals("crop box: kept 50 of 100 points", h.redoDescription());
        assertArrayEquals(ids(a), ids(h.redo()));
        assertArrayEquals(ids(b), ids(h.redo()));
        assertFalse(h.canRedo());
        assertThrows(IllegalStateException.class, h::redo);
        assertAttributesFollow(h.current(), g);
        assertEquals(List.of("opened: 100 points", "crop box: kept 50 of 100 points",
                "crop box (keep outside): kept 35 of 50 points"), h.descriptions());
    }

    @Test
    void aNewEditAfterUndoDropsTheRedoBranch() {
        PointCloud g = SelectionTest.grid();
        EditHistory h = new EditHistory(g);
        h.apply(LEFT_HALF);
        h.apply(LOW_ROWS);
        h.undo();
        PointCloud c = h.apply(Subsample.randomEdit(10, 3));
        assertEquals(10, c.size());
        assertFalse(h.canRedo());
        assertEquals(3, h.descriptions().size());
        assertEquals("random subsample to 10: kept 10 of 50 points", h.currentDescription());
        for (int id : ids(c)) {
            assertTrue(id % 10 < 5, "a subsample of the left half");
        }
        assertAttributesFollow(c, g);
        assertEquals(1, h.position() - 1);
    }

    @Test
    void resampleThenSelectThenUndoAcrossIt() {
        PointCloud g = SelectionTest.grid();
        EditHistory h = new EditHistory(g);
        h.apply(LEFT_HALF);
        // 2-unit voxels from min − 1: x 0.5 | 1.5 2.5 | 3.5 4.5 and y 0.5 | 1.5 2.5 | ... | 9.5 → 3 × 6
        PointCloud v = h.apply(Subsample.voxelEdit(2.0));
        assertEquals(18, v.size());
        assertEquals("voxel subsample (voxel 2.00000): 50 → 18 points", h.currentDescription());
        // centroid rows y = 0.5, 2, 4 lie in the box
        PointCloud c = h.apply(CropBox.local(new double[] {0, 0, -1}, new double[] {10, 4, 1}, Keep.INSIDE));
        assertEquals(9, c.size());
        assertEquals(18, h.undo().size());
        assertEquals(50, h.undo().size());
        assertEquals(18, h.redo().size());
        assertEquals(9, h.redo().size());
    }

    @Test
    void memoryStaysBoundedByForgettingTheOldestSteps() {
        PointCloud g = SelectionTest.grid();
        EditHistory few = new EditHistory(g, Long.MAX_VALUE, 3);
        for (int k = 0; k < 5; k++) {
            few.apply(CropBox.local(new double[] {0, 0, -1}, new double[] {10 - k, 10, 1}, Keep.INSIDE));
        }
        assertEquals(3, few.descriptions().size());
        assertEquals(3, few.forgotten());
        assertEquals(60, few.current().size()); // columns 0..5
        few.undo();
        few.undo();
        assertFalse(few.canUndo());
        assertEquals(80, few.current().size());

        // 4 bytes per kept point per step: a 450-byte budget holds steps of 50 + 40 points, not 50 + 40 + 35
        EditHistory tight = new EditHistory(g, 450, 100);
        tight.apply(LEFT_HALF); // 50 indices, 200 bytes
        tight.apply(CropBox.local(new double[] {0, 0, -1}, new double[] {10, 8, 1}, Keep.INSIDE)); // 40, 160 bytes
        assertEquals(0, tight.forgotten());
        tight.apply(CropBox.local(new double[] {0, 0, -1}, new double[] {10, 7, 1}, Keep.INSIDE)); // 35, 140 bytes
        assertEquals(2, tight.forgotten()); // the opened state, then the first crop
        assertEquals(300, tight.stepBytes());
        assertEquals(2, tight.descriptions().size());
        assertEquals(35, tight.current().size());
        assertAttributesFollow(tight.current(), g);
    }
}
