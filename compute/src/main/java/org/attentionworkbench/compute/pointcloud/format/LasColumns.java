package org.attentionworkbench.compute.pointcloud.format;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/**
 * The per-point arrays a LAS, LAZ or Potree node reader fills, and the cloud made of them. Columns
 * that are 0 for every point are left out of the cloud: LAS writers fill the fields of a record they
 * have no value for with 0, and an all-zero "user_data" costs 4 bytes per point for nothing.
 */
final class LasColumns {
    final int size;
    final float[] xyz;
    /** 16-bit colour, 3 per point, or null. */
    final char[] rgb16;
    float[] normals;
    private final List<Column> columns = new ArrayList<>();

    /** One scalar per point, stored relative to {@code offset} (set before filling, e.g. from the first GPS time). */
    static final class Column {
        final String name;
        final boolean categorical;
        final float[] values;
        double offset;

        Column(String name, boolean categorical, int size) {
            this.name = name;
            this.categorical = categorical;
            this.values = new float[size];
        }
    }

    LasColumns(int size, boolean rgb) {
        this.size = size;
        this.xyz = new float[3 * size];
        this.rgb16 = rgb ? new char[3 * size] : null;
    }

    Column add(String name, boolean categorical) {
        Column c = new Column(name, categorical, size);
        columns.add(c);
        return c;
    }

    /** Bytes per point a reader holds while filling: xyz, 16-bit colour, normals and {@code fields} columns. */
    static int bytesPerPoint(boolean rgb, boolean normals, int fields) {
        return 12 + (rgb ? 6 + 3 : 0) + (normals ? 12 : 0) + 4 * fields;
    }

    /** The cloud, with 16-bit colours turned into bytes and all-zero columns dropped. */
    PointCloud build(double[] origin) {
        List<ScalarField> fields = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            Column c = columns.get(k);
            if (c.offset != 0 || !allZero(c.values)) {
                fields.add(new ScalarField(PointTable.fieldName(c.name, k), c.values, c.offset, c.categorical));
            }
        }
        return new PointCloud(origin, xyz, rgb16 == null ? null : rgbBytes(rgb16), normals, fields, null);
    }

    /**
     * LAS stores colour as 16 bits per channel, and writers disagree on the scale: most (LAStools,
     * PDAL, PotreeConverter, CloudCompare) multiply 8-bit colour by 256 or 257, but some write the
     * 8-bit values as they are. So when any channel of any point exceeds 255 the file is taken as
     * 16-bit and the high byte kept; otherwise the values are 8-bit already and kept as they are.
     */
    static byte[] rgbBytes(char[] rgb16) {
        int all = 0;
        for (char c : rgb16) {
            all |= c;
        }
        int shift = all > 255 ? 8 : 0;
        byte[] rgb = new byte[rgb16.length];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (rgb16[i] >> shift);
        }
        return rgb;
    }

    private static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
