package org.attentionworkbench.compute.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesJsonAndOneCsvPerFigureWithNaNAsEmpty() throws Exception {
        FigureSet set = new FigureSet.Builder("demo")
                .plot(LinePlot.lines("loss", "Loss", "step", "loss",
                        List.of(new Series("a,b", new double[] {1, 2}, new double[] {0.5, Double.NaN}))).withLogAxes(false, true))
                .heatmap(HeatmapFigure.of("w", "W", 2, 2, new float[] {1, -2, 3, 4}, true))
                .table(new Table("t", "T", List.of("k", "v"), List.of(List.of("x", "1"))))
                .scalar("maxAbsDiff", 1e-7)
                .note("parameter-free")
                .build();
        List<Path> files = FigureFiles.write(set, dir.resolve("out"));
        assertEquals(4, files.size());
        assertEquals("series,x,y\n\"a,b\",1.00000000,0.500000000\n\"a,b\",2.00000000,\n",
                Files.readString(dir.resolve("out/loss.csv")));
        assertEquals("1.00000000,-2.00000000\n3.00000000,4.00000000\n", Files.readString(dir.resolve("out/w.csv")));
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("out/figures.json"))).getAsJsonObject();
        assertEquals(1e-7, json.getAsJsonObject("scalars").get("maxAbsDiff").getAsDouble());
        assertTrue(json.getAsJsonArray("plots").get(0).getAsJsonObject().get("logY").getAsBoolean());
        assertTrue(json.getAsJsonArray("plots").get(0).getAsJsonObject().getAsJsonArray("series").get(0)
                .getAsJsonObject().getAsJsonArray("y").get(1).isJsonNull());
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Series("s", new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> HeatmapFigure.of("h", "H", 2, 3, new float[5], false));
    }
}
