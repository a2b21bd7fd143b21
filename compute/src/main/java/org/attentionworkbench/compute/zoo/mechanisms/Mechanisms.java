package org.attentionworkbench.compute.zoo.mechanisms;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.zoo.Mixer;

/** Every mechanism of the zoo, softmax (the reference) first. Add a mechanism here when you write one. */
public final class Mechanisms {
    private Mechanisms() {}

    public static List<Mixer> all() {
        List<Mixer> all = new ArrayList<>();
        all.add(new SoftmaxAttention());
        all.add(new SigmoidAttention());
        // attention-like mechanisms (linear in V)
        // convolutional, state-space, channel and gated mixers
        all.add(new CasVitMixer());
        all.add(new DaVitChannelAttention());
        all.add(new DlgsaNetLocal());
        all.add(new DlgsaNetGsa());
        all.add(new UniFormerLocal());
        all.add(new MambaMixer());
        all.add(new VisionMamba());
        all.add(new HydraMixer());
        all.add(new ExtractorShe());
        return List.copyOf(all);
    }

    /** The reference every mechanism is compared with. */
    public static Mixer softmax() {
        return new SoftmaxAttention();
    }

    /** The mechanisms with these ids ("all" for every one), or an error listing the ids there are. */
    public static List<Mixer> byIds(List<String> ids) {
        if (ids.size() == 1 && ids.get(0).equals("all")) {
            return all();
        }
        List<Mixer> out = new ArrayList<>();
        for (String id : ids) {
            Mixer found = all().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no mechanism '" + id + "' (there are: "
                            + String.join(", ", all().stream().map(Mixer::id).toList()) + ")"));
            out.add(found);
        }
        return out;
    }
}
