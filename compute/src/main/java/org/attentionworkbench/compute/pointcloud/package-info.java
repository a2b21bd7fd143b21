/**
 * Point clouds in memory: {@link PointCloud} (float positions around a double origin, optional RGB,
 * normals, named scalar fields, and where each point came from), and {@link PointClouds}, which
 * reads and writes them in every supported format, chosen by content.
 */
package org.attentionworkbench.compute.pointcloud;
