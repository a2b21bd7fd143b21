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
        all.add(new CombinerFixed());
        all.add(new CombinerAxial());
        all.add(new RoutingAttention());
        all.add(new AxialAttention(AxialAttention.Variant.SUM));
        all.add(new AxialAttention(AxialAttention.Variant.STACKED));
        all.add(new Ppma(Ppma.Variant.FULL));
        all.add(new Ppma(Ppma.Variant.CHUNK));
        all.add(new DualTokenGlobal());
        all.add(new Sparsifiner());
        all.add(new HiLo(HiLo.Branch.HI_FI));
        all.add(new HiLo(HiLo.Branch.LO_FI));
        all.add(new GcVitGlobalQuery());
        all.add(new S2aFormerStrip());
        all.add(new ConvitGpsa());
        all.add(new ConvShareVit());
        all.add(new LowRankLama());
        all.add(new Linformer());
        all.add(new SoftNystrom());
        all.add(SoftNystrom.exactKernel());
        all.add(new AutoCorrelation());
        all.add(new LeanAttention());
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

    /** The same mixers, the gated ones ({@link LiveGate}) with their matrix taken with the gate live. */
    public static List<Mixer> withLiveGate(List<Mixer> mixers) {
        return mixers.stream().map(LiveGate::live).toList();
    }
}
