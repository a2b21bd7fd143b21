/**
 * Panorama depth as 3D points: an equirectangular image and its radial depth become a coloured
 * point cloud around the camera at the origin ({@link org.attentionworkbench.compute.panorama.cloud.ErpClouds}).
 */
package org.attentionworkbench.compute.panorama.cloud;
