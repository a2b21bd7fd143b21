/**
 * Views of the attention zoo over plain data: a token-mixing matrix with row hover
 * ({@link org.attentionworkbench.viewers.zoo.MatrixView}) and one head's queries and keys embedded in
 * 2-D (AttentionViz's view, {@link org.attentionworkbench.viewers.zoo.QkScatter}).
 */
package org.attentionworkbench.viewers.zoo;
