package org.attentionworkbench.app.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowSizeTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 27, 1280, 773); // 1280x800 less a top bar

    @Test
    void aSizeThatFitsIsKept() {
        assertEquals(new WindowSize(1024, 700), WindowSize.fit(1024, 700, LAPTOP));
    }

    @Test
    void aSizeLargerThanTheScreenIsClampedToItsVisibleArea() {
        assertEquals(new WindowSize(1280, 773), WindowSize.fit(1e9, 1e9, LAPTOP));
        assertEquals(new WindowSize(1280, 700), WindowSize.fit(4000, 700, LAPTOP));
        assertEquals(new WindowSize(1000, 773), WindowSize.fit(1000, 801, LAPTOP));
    }

    @Test
    void aTinySizeGetsTheMinimum() {
        assertEquals(new WindowSize(WindowSize.MIN_WIDTH, WindowSize.MIN_HEIGHT), WindowSize.fit(10, 0, LAPTOP));
        assertEquals(new WindowSize(WindowSize.MIN_WIDTH, WindowSize.MIN_HEIGHT), WindowSize.fit(-5, -1e9, LAPTOP));
    }

    @Test
    void onAScreenSmallerThanTheMinimumTheScreenWins() {
        Rectangle2D small = new Rectangle2D(0, 0, 640, 480);
        assertEquals(new WindowSize(640, 480), WindowSize.minimum(small));
        assertEquals(new WindowSize(640, 480), WindowSize.fit(100, 100, small));
        assertEquals(new WindowSize(640, 480), WindowSize.fit(1280, 820, small));
    }

    @Test
    void aNonFiniteSizeTakesTheVisibleArea() {
        assertEquals(new WindowSize(1280, 773), WindowSize.fit(Double.NaN, Double.POSITIVE_INFINITY, LAPTOP));
        assertEquals(new WindowSize(1280, 773), WindowSize.fit(Double.NEGATIVE_INFINITY, Double.NaN, LAPTOP));
    }
}
