package org.attentionworkbench.app.labs;


import java.util.List;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.HeatmapFigure;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.figure.Table;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;

/**
 * A lab for the tests of the CLI and the workspace (the real labs register in {@code Labs.all()}):
 * y = scale · xᵖ for x = 1 … steps on a log–log plot, a signed heatmap, a table, scalars and a note.
 * {@code --delay-ms} slows each step (for Cancel), {@code --fail} ends in a {@link LabException}.
 */
public final class DemoLab implements Lab {
    public static final String ID = "demo";

    @Override public String id() { return ID; }
    @Override public String title() { return "Demo: power laws"; }
    @Override public String summary() { return "Draws y = scale · x^power on log axes; a lab for the tests."; }

    @Override
    public List<LabOption> options() {
        return List.of(LabOption.integer("steps", 20, "points on the curve (1 … 10000)"),
                LabOption.real("scale", 1.0, "factor in front"),
                LabOption.choice("power", "2", List.of("1", "2", "3"), "exponent"),
                LabOption.flag("fail", false, "end with an error"),
                LabOption.integer("delay-ms", 0, "pause per step in milliseconds"),
                LabOption.text("label", "demo", "name of the curve"),
                LabOption.file("input", "", "an input file (only checked to exist)"));
    }

    @Override
    public FigureSet run(LabOptions o, LabProgress progress) throws LabException {
        int steps = o.getInt("steps", 1, 10_000);
        double scale = o.getDouble("scale");
        int power = Integer.parseInt(o.get("power"));
        int delay = o.getInt("delay-ms", 0, 10_000);
        o.getFile("input");
        double[] x = new double[steps];
        double[] y = new double[steps];
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            progress.checkCancelled();
            progress.update("step " + (i + 1) + " of " + steps, (i + 1) / (double) steps);
            x[i] = i + 1;
            y[i] = scale * Math.pow(x[i], power);
            sum += y[i];
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.util.concurrent.CancellationException("interrupted");
                }
            }
        }
        if (o.getFlag("fail")) {
            throw new LabException("lab demo: --fail was set, so the run fails");
        }
        float[] m = new float[4 * 5];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (scale * (i - 10));
        }
        double[] half = new double[steps];
        for (int i = 0; i < steps; i++) {
            half[i] = y[i] / 2;
        }
        return new FigureSet.Builder(title())
                .plot(new LinePlot("curve", "y = scale · x^" + power, "x", "y", true, true, LinePlot.Style.LINES_AND_POINTS,
                        List.of(new Series(o.get("label"), x, y), new Series("half", x, half))))
                .plot(LinePlot.lines("linear", "The same, linear axes", "x", "y", List.of(new Series(o.get("label"), x, y)))
                        .withStyle(LinePlot.Style.POINTS))
                .heatmap(new HeatmapFigure("signed", "Signed values", 4, 5, m, List.of("a", "b", "c", "d"), List.of(),
                        true))
                .table(new Table("summary", "Summary", List.of("quantity", "value"),
                        List.of(List.of("steps", Integer.toString(steps)), List.of("sum", Double.toString(sum)))))
                .scalar("sum", sum)
                .scalar("last", y[steps - 1])
                .note("A demo lab: nothing here is a claim.")
                .build();
    }
}
