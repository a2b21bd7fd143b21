/**
 * Editing a cloud with undo and redo: selections ({@link
 * org.attentionworkbench.compute.pointcloud.edit.CropBox}, {@link
 * org.attentionworkbench.compute.pointcloud.edit.PolygonSelection}, random {@link
 * org.attentionworkbench.compute.pointcloud.edit.Subsample}), the voxel subsample, and {@link
 * org.attentionworkbench.compute.pointcloud.edit.EditHistory} over them. Every edit keeps every attribute.
 */
package org.attentionworkbench.compute.pointcloud.edit;
