package org.attentionworkbench.compute.anomaly.data;

/** The folder layouts {@link AnomalyDatasets} reads. */
public enum DatasetLayout {
    /** {@code <cat>/train/good, <cat>/test/<defect|good>, <cat>/ground_truth/<defect>/<name>_mask.png}. */
    MVTEC,
    /** {@code <id>/train/ok, <id>/test/{ok,ko}, <id>/ground_truth/ko/<name>.png|.bmp}. */
    BTAD,
    /** {@code <root>/split_csv/1cls.csv} with columns object,split,label,image,mask. */
    VISA,
    /** Subfolders good|normal|ok vs any other name, or a flat folder of X.jpg + X_mask.jpg. */
    FOLDERS
}
