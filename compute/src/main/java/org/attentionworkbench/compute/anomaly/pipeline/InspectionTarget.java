package org.attentionworkbench.compute.anomaly.pipeline;

import org.attentionworkbench.compute.anomaly.data.AnomalyItem;

/**
 * One image to score and its name in the outputs: the path below its dataset's root ('/' separated), or
 * the file name of a loose image. Names may repeat across inputs; output files are made unique by
 * {@link OutputNames}.
 */
public record InspectionTarget(AnomalyItem item, String name) {}
