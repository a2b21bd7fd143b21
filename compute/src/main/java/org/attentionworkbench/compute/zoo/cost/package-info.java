/**
 * The zoo's cost curves: every mechanism's forward (not its N×N matrix) timed as N grows, with analytic
 * FLOPs, a stated logical-bytes model and allocation, fitted log-log exponents, as a FigureSet.
 */
package org.attentionworkbench.compute.zoo.cost;
