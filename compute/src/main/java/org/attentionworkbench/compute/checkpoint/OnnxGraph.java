package org.attentionworkbench.compute.checkpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The main graph of an ONNX model: nodes in file (topological) order, graph inputs and outputs, and
 * lookups to follow tensors from node to node (exporters often name weights "onnx::MatMul_123", so a
 * loader finds them by where they are used).
 */
public final class OnnxGraph {
    private final String name;
    private final List<OnnxNode> nodes;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();

    OnnxGraph(String name, List<OnnxNode> nodes, List<String> inputs, List<String> outputs) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (OnnxNode n : nodes) {
            for (String out : n.outputs()) {
                producers.put(out, n);
            }
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
    }

    public String name() {
        return name;
    }

    public List<OnnxNode> nodes() {
        return nodes;
    }

    /** Graph input names (newer exporters do not list initializers here). */
    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** The node that outputs a tensor, or null for graph inputs and initializers. */
    public OnnxNode producer(String tensor) {
        return producers.get(tensor);
    }

    /** The nodes that read a tensor, in graph order. */
    public List<OnnxNode> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** All nodes of one operator type, in graph order. */
    public List<OnnxNode> nodesOfType(String opType) {
        return nodes.stream().filter(n -> n.opType().equals(opType)).toList();
    }
}
