/**
 * Attention on points: clouds made from depth maps with their source pixels ({@link
 * org.attentionworkbench.compute.pointcloud.attention.DepthToCloud}), an image model's patch attention
 * lifted onto them ({@link org.attentionworkbench.compute.pointcloud.attention.PatchAttentionLift}),
 * and attention matrices of point models read beside a cloud ({@link
 * org.attentionworkbench.compute.pointcloud.attention.PointAttention}).
 */
package org.attentionworkbench.compute.pointcloud.attention;
