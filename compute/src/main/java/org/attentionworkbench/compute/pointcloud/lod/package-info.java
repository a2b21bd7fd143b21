/**
 * Level of detail for clouds over a point budget, as Potree does it: {@link
 * org.attentionworkbench.compute.pointcloud.lod.Octree} (grid-sampled nodes over one reordered array),
 * {@link org.attentionworkbench.compute.pointcloud.lod.LodSelection} (which nodes a view draws) and
 * {@link org.attentionworkbench.compute.pointcloud.lod.OctreeCache} (reopening without rebuilding).
 */
package org.attentionworkbench.compute.pointcloud.lod;
