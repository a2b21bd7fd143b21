package org.attentionworkbench.app.pointcloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/**
 * What the points are coloured by: their RGB, their height (z), one scalar field (a ramp, or a
 * categorical palette for labels such as classification), their normals, or attention values
 * lifted onto the points. {@code field} names the scalar field for {@link Kind#FIELD}.
 */
public record ColorBy(Kind kind, String field) {
    public enum Kind { RGB, HEIGHT, FIELD, NORMALS, ATTENTION }

    public static final ColorBy RGB = new ColorBy(Kind.RGB, null);
    public static final ColorBy HEIGHT = new ColorBy(Kind.HEIGHT, null);
    public static final ColorBy NORMALS = new ColorBy(Kind.NORMALS, null);
    public static final ColorBy ATTENTION = new ColorBy(Kind.ATTENTION, null);

    public static ColorBy field(String name) {
        return new ColorBy(Kind.FIELD, name);
    }

    /** What a cloud can be coloured by, in menu order. */
    public static List<ColorBy> choices(PointCloud cloud) {
        List<ColorBy> list = new ArrayList<>();
        if (cloud.hasRgb()) {
            list.add(RGB);
        }
        list.add(HEIGHT);
        for (ScalarField f : cloud.fields()) {
            list.add(field(f.name()));
        }
        if (cloud.normals() != null) {
            list.add(NORMALS);
        }
        return list;
    }

    /**
     * {@code rgb}, {@code height}, {@code normals} or a field's name (the CLI's {@code --color});
     * null when the cloud has no such thing.
     */
    public static ColorBy parse(String name, PointCloud cloud) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "rgb" -> cloud.hasRgb() ? RGB : null;
            case "height", "z" -> HEIGHT;
            case "normals", "normal" -> cloud.normals() != null ? NORMALS : null;
            default -> cloud.field(name) == null ? null : field(cloud.field(name).name());
        };
    }

    /** The best first look: RGB when there is colour, else height. */
    public static ColorBy initial(PointCloud cloud) {
        return cloud.hasRgb() ? RGB : HEIGHT;
    }

    /** Whether this colouring uses a colormap (and so a legend and a range). */
    public boolean usesColormap(PointCloud cloud) {
        return switch (kind) {
            case HEIGHT, ATTENTION -> true;
            case FIELD -> cloud.field(field) != null && !cloud.field(field).categorical();
            default -> false;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case RGB -> "RGB";
            case HEIGHT -> "Height (z)";
            case FIELD -> field;
            case NORMALS -> "Normals";
            case ATTENTION -> "Attention";
        };
    }
}
