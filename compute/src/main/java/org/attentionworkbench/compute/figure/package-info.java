/**
 * Figures as plain data: line plots, heatmaps, tables and scalars that a lab, the zoo or a benchmark
 * produces once and that are drawn three ways — JSON and CSV here ({@link FigureFiles}), PNG in the
 * CLI (app, through JFreeChart) and JavaFX charts in the workspaces. No drawing code lives here.
 */
package org.attentionworkbench.compute.figure;
