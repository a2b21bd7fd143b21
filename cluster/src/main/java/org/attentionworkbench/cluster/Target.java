package org.attentionworkbench.cluster;

import java.io.Serializable;

/** One image to score: its path as Hadoop reads it and its heatmap's name below heatmaps/. */
record Target(String path, String heatmapName) implements Serializable {}
