package org.attentionworkbench.compute.anomaly.data;

/** What a dataset says about an image: good, defective, or nothing (an image to inspect). */
public enum AnomalyLabel { GOOD, DEFECT, UNKNOWN }
