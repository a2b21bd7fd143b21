package org.attentionworkbench.compute.checkpoint;

import java.util.List;
import java.util.Map;

/** One node of an ONNX graph: operator, tensor names in and out, attributes by name. */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
        Map<String, OnnxAttribute> attributes) {
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    /** An attribute, or null. */
    public OnnxAttribute attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    @Override
    public String toString() {
        return opType + " '" + name + "' " + inputs + " -> " + outputs;
    }
}
