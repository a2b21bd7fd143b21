/**
 * A whole set of figures in JavaFX: {@link org.attentionworkbench.viewers.figure.FigureView} draws the
 * plain data of a {@link org.attentionworkbench.viewers.figure.FigureContent} (plots, heatmaps with a
 * colour scale, tables, scalars, notes) as a scrollable grid of small multiples with values on hover.
 */
package org.attentionworkbench.viewers.figure;
