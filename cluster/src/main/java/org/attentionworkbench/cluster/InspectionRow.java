package org.attentionworkbench.cluster;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of scores.parquet / scores.csv: as the CLI's scores.csv, without the labels (a plant's images
 * have none). A failed image has only its path and the error; {@code heatmap} is relative to the output.
 */
record InspectionRow(String path, Float score, Float normalised, Boolean flagged, String heatmap, String error)
        implements Serializable {

    static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("score", DataTypes.FloatType, true)
            .add("normalised", DataTypes.FloatType, true)
            .add("flagged", DataTypes.BooleanType, true)
            .add("heatmap", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true);

    Row toRow() {
        return RowFactory.create(path, score, normalised, flagged, heatmap, error);
    }
}
