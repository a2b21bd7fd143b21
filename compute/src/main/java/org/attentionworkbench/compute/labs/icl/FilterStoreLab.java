package org.attentionworkbench.compute.labs.icl;

import static org.attentionworkbench.compute.autograd.Autograd.add;
import static org.attentionworkbench.compute.autograd.Autograd.bmm;
import static org.attentionworkbench.compute.autograd.Autograd.matmul;
import static org.attentionworkbench.compute.autograd.Autograd.relu;
import static org.attentionworkbench.compute.autograd.Autograd.reshape;
import static org.attentionworkbench.compute.autograd.Autograd.scale;
import static org.attentionworkbench.compute.autograd.Autograd.slice;
import static org.attentionworkbench.compute.autograd.Autograd.softmaxRows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionworkbench.compute.autograd.Adam;
import org.attentionworkbench.compute.autograd.Losses;
import org.attentionworkbench.compute.autograd.Var;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.figure.HeatmapFigure;
import org.attentionworkbench.compute.figure.LinePlot;
import org.attentionworkbench.compute.figure.Series;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;

/**
 * Xu &amp; Chen, "Filtering with self-attention and storing with MLP" (arXiv 2508.00901): a one-layer transformer
 * (one attention head read at the answer position, residual, ReLU MLP, residual, answer read-out) pretrained on
 * synthetic facts "subject, filler, relation template → answer" (read at the template), then fine-tuned on
 * questions "subject, filler, question token → answer" for half the subjects; held-out subjects' facts are extracted only if pretraining stored them
 * (repetition) and fine-tuning reached their relation (coverage).
 */
public final class FilterStoreLab implements Lab {
    private static final int LEN = 3;

    @Override
    public String id() {
        return "filter-store";
    }

    @Override
    public String title() {
        return "Filtering with attention, storing with the MLP (Xu & Chen)";
    }

    @Override
    public String summary() {
        return "A one-layer transformer trained on synthetic facts: the answer position's attention learns to filter "
                + "the subject token, the MLP stores the facts, and held-out facts are extracted after Q&A fine-tuning "
                + "only with enough pretraining repetition and relation coverage. Xu & Chen, arXiv 2508.00901.";
    }

    @Override
    public List<LabOption> options() {
        return List.of(
                LabOption.integer("seed", 1, "random seed"),
                LabOption.integer("subjects", 16, "subjects (half are fine-tuned, half held out)"),
                LabOption.integer("relations", 4, "relations (each with its own templates, question token and answers)"),
                LabOption.integer("answers", 4, "possible answers per relation"),
                LabOption.integer("templates", 3, "pretraining templates per relation"),
                LabOption.integer("width", 32, "model width D"),
                LabOption.integer("hidden", 64, "MLP hidden width"),
                LabOption.integer("steps-per-repetition", 40, "pretraining steps per unit of repetition"),
                LabOption.text("repetitions", "1,2,4,8", "pretraining repetitions (phase-diagram rows)"),
                LabOption.integer("finetune-steps", 150, "fine-tuning steps"),
                LabOption.integer("batch", 32, "sequences per step"),
                LabOption.real("lr", 0.01, "Adam learning rate (pretraining)"),
                LabOption.real("finetune-lr", 0.001, "Adam learning rate (fine-tuning)"),
                LabOption.text("lora-ranks", "1,2,4", "LoRA ranks r compared with full fine-tuning (largest repetition, full coverage)"),
                LabOption.real("lora-lr", 0.01, "Adam learning rate of the LoRA factors"));
    }

    @Override
    public FigureSet run(LabOptions o, LabProgress progress) throws LabException {
        int seed = o.getInt("seed");
        World w = new World(o.getInt("subjects", 2, 1000), o.getInt("relations", 1, 64), o.getInt("answers", 2, 64),
                o.getInt("templates", 1, 16), 3, new Random(seed));
        int width = o.getInt("width", 4, 512);
        int hidden = o.getInt("hidden", 4, 2048);
        int perRep = o.getInt("steps-per-repetition", 1, 100_000);
        int[] reps = IclOptimalLab.parseList(o.get("repetitions"));
        int ftSteps = o.getInt("finetune-steps", 0, 1_000_000);
        int batch = o.getInt("batch", 1, 10_000);
        double lr = o.getDouble("lr", 1e-7, 1);
        double ftLr = o.getDouble("finetune-lr", 1e-7, 1);
        int[] ranks = IclOptimalLab.parseList(o.get("lora-ranks"));
        double loraLr = o.getDouble("lora-lr", 1e-7, 1);
        float[][] pretrained = null;
        FigureSet.Builder fig = new FigureSet.Builder(title());

        int covers = w.relations;
        float[] extract = new float[reps.length * covers];
        float[] stored = new float[reps.length * covers];
        float[] preStored = new float[reps.length * covers];
        List<double[]> trace = null;
        for (int ri = 0; ri < reps.length; ri++) {
            for (int c = 1; c <= covers; c++) {
                progress.checkCancelled();
                progress.update("repetition " + reps[ri] + ", coverage " + c + "/" + covers,
                        (double) (ri * covers + c - 1) / (reps.length * covers));
                Model m = new Model(w.vocab(), width, hidden, w.relations * w.answers, new Random(seed * 7L + ri * 31L + c));
                List<double[]> rows = new ArrayList<>();
                Random r = new Random(seed * 11L + ri * 13L + c);
                Adam adam = new Adam(m.parameters(), (float) lr);
                int pre = perRep * reps[ri];
                for (int s = 0; s < pre; s++) {
                    Batch b = w.pretrainBatch(batch, r);
                    double loss = m.step(adam, b);
                    if (s % 10 == 0) {
                        rows.add(new double[] {s, loss, m.subjectAttention(w.pretrainProbe(), 0), m.subjectAttention(w.questionProbe(), 0)});
                    }
                }
                preStored[ri * covers + c - 1] = (float) m.accuracy(w.heldOutPretrainFormat());
                if (ri == reps.length - 1 && c == covers) {
                    pretrained = m.snapshot();
                }
                Adam ft = new Adam(m.parameters(), (float) ftLr);
                for (int s = 0; s < ftSteps; s++) {
                    Batch b = w.finetuneBatch(batch, c, r);
                    double loss = m.step(ft, b);
                    if (s % 10 == 0) {
                        rows.add(new double[] {pre + s, loss, m.subjectAttention(w.pretrainProbe(), 0), m.subjectAttention(w.questionProbe(), 0)});
                    }
                }
                extract[ri * covers + c - 1] = (float) m.accuracy(w.heldOutQuestions());
                stored[ri * covers + c - 1] = (float) m.accuracy(w.heldOutPretrainFormat());
                if (ri == reps.length - 1 && c == covers) {
                    trace = rows;
                    fig.scalar("pretrain_steps_default", pre);
                }
            }
        }
        // full fine-tuning against LoRA: the same pretrained model, fine-tuned through W + A·B (W frozen)
        int fullAt = extract.length - 1;
        double[] rx = new double[ranks.length];
        double[] loraExtract = new double[ranks.length];
        double[] loraStored = new double[ranks.length];
        for (int k = 0; k < ranks.length; k++) {
            progress.update("LoRA rank " + ranks[k], 0.99);
            Model m = new Model(w.vocab(), width, hidden, w.relations * w.answers, new Random(0));
            m.restore(pretrained);
            m.addLora(ranks[k], new Random(seed * 5L + ranks[k]));
            Adam ft = new Adam(m.loraParameters(), (float) loraLr);
            Random r = new Random(seed * 11L + (reps.length - 1) * 13L + covers);
            for (int s = 0; s < ftSteps; s++) {
                progress.checkCancelled();
                m.step(ft, w.finetuneBatch(batch, covers, r));
            }
            rx[k] = ranks[k];
            loraExtract[k] = m.accuracy(w.heldOutQuestions());
            loraStored[k] = m.accuracy(w.heldOutPretrainFormat());
            fig.scalar("extraction_lora_r" + ranks[k], loraExtract[k]);
            fig.scalar("storage_lora_r" + ranks[k], loraStored[k]);
            fig.scalar("trainableParams_lora_r" + ranks[k], m.loraParameterCount());
        }
        double[] fullLine = new double[ranks.length];
        java.util.Arrays.fill(fullLine, extract[fullAt]);
        double[] chanceLine = new double[ranks.length];
        java.util.Arrays.fill(chanceLine, 1.0 / w.answers);
        fig.plot(LinePlot.lines("lora", "Held-out extraction after fine-tuning: LoRA rank r against full fine-tuning (repetition "
                        + reps[reps.length - 1] + ", full coverage)", "LoRA rank r", "held-out Q&A accuracy",
                List.of(new Series("LoRA, rank r", rx, loraExtract), new Series("LoRA: stored facts (pretraining format)", rx, loraStored),
                        new Series("full fine-tuning", rx, fullLine), new Series("chance", rx, chanceLine)))
                .withStyle(LinePlot.Style.LINES_AND_POINTS));
        List<String> rowLabels = new ArrayList<>();
        for (int rep : reps) {
            rowLabels.add("rep " + rep);
        }
        List<String> colLabels = new ArrayList<>();
        for (int c = 1; c <= covers; c++) {
            colLabels.add(c + "/" + covers + " rel.");
        }
        fig.heatmap(new HeatmapFigure("extraction-phase", "Held-out extraction accuracy (Q&A format): repetition × fine-tuning coverage",
                reps.length, covers, extract, rowLabels, colLabels, false));
        fig.heatmap(new HeatmapFigure("storage-phase", "Held-out facts stored (pretraining format accuracy, after fine-tuning)",
                reps.length, covers, stored, rowLabels, colLabels, false));
        fig.scalar("extraction_maxRep_fullCoverage", extract[extract.length - 1]);
        fig.scalar("extraction_minRep_fullCoverage", extract[covers - 1]);
        fig.scalar("extraction_maxRep_minCoverage", extract[(reps.length - 1) * covers]);
        fig.scalar("storage_maxRep_fullCoverage", stored[stored.length - 1]);
        fig.scalar("storageBeforeFinetune_maxRep", preStored[preStored.length - 1]);
        fig.scalar("storageBeforeFinetune_minRep", preStored[covers - 1]);
        fig.scalar("chance", 1.0 / w.answers);
        fig.plot(LinePlot.lines("loss", "Training loss (largest repetition, full coverage; fine-tuning after step "
                + (long) fig.build().scalars().get("pretrain_steps_default").doubleValue() + ")", "step", "cross-entropy",
                List.of(IclLab.column("loss", trace, 1))).withLogAxes(false, true));
        fig.plot(LinePlot.lines("subject-attention", "Answer position's attention on the subject token", "step", "attention weight",
                List.of(IclLab.column("pretraining prompts (subject first)", trace, 2),
                        IclLab.column("held-out question prompts", trace, 3),
                        new Series("uniform 1/3", new double[] {0, trace.get(trace.size() - 1)[0]}, new double[] {1.0 / 3, 1.0 / 3}))));
        double[] last = trace.get(trace.size() - 1);
        fig.scalar("subjectAttention_pretrainFormat_end", last[2]);
        fig.scalar("subjectAttention_questionFormat_end", last[3]);
        fig.note("Simplified setting (not the paper's exact model): tokens are one-hot subjects, relation templates, "
                + "question tokens (one per relation), fillers; the answer is read at the last position through one "
                + "softmax head, a residual, a ReLU MLP and a residual. 'Repetition' multiplies the pretraining steps (how "
                + "often each fact is seen); 'coverage' is how many relations the Q&A fine-tuning (on half the subjects) "
                + "includes. A relation never fine-tuned keeps an untrained question token, so coverage here is a "
                + "coarse stand-in for the paper's relation-template covering.");
        fig.note("LoRA: every weight matrix (embeddings, W_Q, W_K, W_V, MLP, readout) becomes W + A·B with W frozen, A "
                + "N(0, 1/rows) and B zero at the start, fine-tuned by Adam at --lora-lr (10× the full fine-tuning rate by default, as LoRA is usually run) on the same Q&A batches as the full "
                + "fine-tuning of the largest repetition with full coverage. Not done: learning-rate schedules; the MLP "
                + "storage probe is the pretraining-format accuracy on held-out subjects (storage-phase).");
        progress.update("done", 1.0);
        return fig.build();
    }

    /** Token ids and the fact table. */
    static final class World {
        final int subjects;
        final int relations;
        final int answers;
        final int templates;
        final int fillers;
        final int[][] fact; // [subject][relation] → answer index within the relation
        final int probeSeed;

        World(int subjects, int relations, int answers, int templates, int fillers, Random r) {
            this.subjects = subjects;
            this.relations = relations;
            this.answers = answers;
            this.templates = templates;
            this.fillers = fillers;
            fact = new int[subjects][relations];
            for (int s = 0; s < subjects; s++) {
                for (int q = 0; q < relations; q++) {
                    fact[s][q] = r.nextInt(answers);
                }
            }
            probeSeed = r.nextInt();
        }

        int vocab() {
            return subjects + relations * templates + relations + fillers;
        }

        int subject(int s) {
            return s;
        }

        int template(int rel, int k) {
            return subjects + rel * templates + k;
        }

        int question(int rel) {
            return subjects + relations * templates + rel;
        }

        int filler(int f) {
            return subjects + relations * templates + relations + f;
        }

        int label(int s, int rel) {
            return rel * answers + fact[s][rel];
        }

        Batch pretrainBatch(int n, Random r) {
            Batch b = new Batch(n);
            for (int i = 0; i < n; i++) {
                int s = r.nextInt(subjects);
                int rel = r.nextInt(relations);
                b.set(i, new int[] {subject(s), filler(r.nextInt(fillers)), template(rel, r.nextInt(templates))}, label(s, rel));
            }
            return b;
        }

        /** Q&A on the first half of the subjects, relations 0 … covered − 1. */
        Batch finetuneBatch(int n, int covered, Random r) {
            Batch b = new Batch(n);
            for (int i = 0; i < n; i++) {
                int s = r.nextInt(subjects / 2);
                int rel = r.nextInt(covered);
                b.set(i, new int[] {subject(s), filler(r.nextInt(fillers)), question(rel)}, label(s, rel));
            }
            return b;
        }

        /** Every held-out fact (second half of the subjects, all relations) as a question. */
        Batch heldOutQuestions() {
            int half = subjects - subjects / 2;
            Batch b = new Batch(half * relations);
            int i = 0;
            for (int s = subjects / 2; s < subjects; s++) {
                for (int rel = 0; rel < relations; rel++) {
                    b.set(i++, new int[] {subject(s), filler((s + rel) % fillers), question(rel)}, label(s, rel));
                }
            }
            return b;
        }

        Batch heldOutPretrainFormat() {
            int half = subjects - subjects / 2;
            Batch b = new Batch(half * relations);
            int i = 0;
            for (int s = subjects / 2; s < subjects; s++) {
                for (int rel = 0; rel < relations; rel++) {
                    b.set(i++, new int[] {subject(s), filler((s * 3 + rel) % fillers), template(rel, (s + rel) % templates)},
                            label(s, rel));
                }
            }
            return b;
        }

        Batch pretrainProbe() {
            return pretrainBatch(64, new Random(probeSeed));
        }

        Batch questionProbe() {
            return heldOutQuestions();
        }
    }

    /** Sequences of LEN token ids with one answer label each. */
    static final class Batch {
        final int[] tokens;
        final int[] labels;

        Batch(int n) {
            tokens = new int[n * LEN];
            labels = new int[n];
        }

        void set(int i, int[] t, int label) {
            System.arraycopy(t, 0, tokens, i * LEN, LEN);
            labels[i] = label;
        }

        int size() {
            return labels.length;
        }
    }

    /** The one-layer transformer. */
    static final class Model {
        final int vocab;
        final int width;
        final Var emb;
        final Var pos;
        final Var wq;
        final Var wk;
        final Var wv;
        final Var w1;
        final Var w2;
        final Var out;

        Model(int vocab, int width, int hidden, int classes, Random r) {
            this.vocab = vocab;
            this.width = width;
            emb = init(r, 1, vocab, width);
            pos = init(r, 1, LEN, width);
            wq = init(r, 1 / Math.sqrt(width), width, width);
            wk = init(r, 1 / Math.sqrt(width), width, width);
            wv = init(r, 1 / Math.sqrt(width), width, width);
            w1 = init(r, 1 / Math.sqrt(width), width, hidden);
            w2 = init(r, 1 / Math.sqrt(hidden), hidden, width);
            out = init(r, 1 / Math.sqrt(width), width, classes);
        }

        private Var[] loraA; // per parameter of parameters(), null without LoRA
        private Var[] loraB;

        List<Var> parameters() {
            return List.of(emb, pos, wq, wk, wv, w1, w2, out);
        }

        float[][] snapshot() {
            List<Var> ps = parameters();
            float[][] s = new float[ps.size()][];
            for (int i = 0; i < s.length; i++) {
                s[i] = ps.get(i).data().clone();
            }
            return s;
        }

        void restore(float[][] s) {
            List<Var> ps = parameters();
            for (int i = 0; i < s.length; i++) {
                System.arraycopy(s[i], 0, ps.get(i).data(), 0, s[i].length);
            }
        }

        /** Adds rank-r factors to every matrix but the position table: W → W + A·B, B = 0 so nothing changes yet. */
        void addLora(int rank, Random r) {
            List<Var> ps = parameters();
            loraA = new Var[ps.size()];
            loraB = new Var[ps.size()];
            for (int i = 0; i < ps.size(); i++) {
                Var p = ps.get(i);
                if (p == pos) {
                    continue;
                }
                loraA[i] = init(r, 1 / Math.sqrt(p.dim(0)), p.dim(0), rank);
                loraB[i] = Var.param(new float[rank * p.dim(1)], rank, p.dim(1));
            }
        }

        List<Var> loraParameters() {
            List<Var> l = new ArrayList<>();
            for (int i = 0; i < loraA.length; i++) {
                if (loraA[i] != null) {
                    l.add(loraA[i]);
                    l.add(loraB[i]);
                }
            }
            return l;
        }

        int loraParameterCount() {
            int n = 0;
            for (Var v : loraParameters()) {
                n += v.size();
            }
            return n;
        }

        /** The weight as used: with LoRA, W + A·B. */
        private Var w(Var p) {
            if (loraA == null) {
                return p;
            }
            int i = parameters().indexOf(p);
            return loraA[i] == null ? p : add(p, matmul(loraA[i], loraB[i]));
        }

        private static Var init(Random r, double std, int rows, int cols) {
            float[] a = new float[rows * cols];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (std * r.nextGaussian());
            }
            return Var.param(a, rows, cols);
        }

        /** Logits [B, classes] and the answer position's attention [B, 1, LEN]. */
        Var[] forward(Batch b) {
            int n = b.size();
            float[] tok = new float[n * LEN * vocab];
            float[] ps = new float[n * LEN * LEN];
            for (int i = 0; i < n * LEN; i++) {
                tok[i * vocab + b.tokens[i]] = 1;
                ps[i * LEN + i % LEN] = 1;
            }
            Var h = add(matmul(Var.constant(tok, n * LEN, vocab), w(emb)), matmul(Var.constant(ps, n * LEN, LEN), pos));
            Var h3 = reshape(h, n, LEN, width);
            Var last = reshape(slice(h3, 1, LEN - 1, LEN), n, width);
            Var q = reshape(matmul(last, w(wq)), n, 1, width);
            Var k = reshape(matmul(h, w(wk)), n, LEN, width);
            Var v = reshape(matmul(h, w(wv)), n, LEN, width);
            Var att = softmaxRows(scale(bmm(q, k, true), (float) (1 / Math.sqrt(width))));
            Var x = add(last, reshape(bmm(att, v, false), n, width));
            x = add(x, matmul(relu(matmul(x, w(w1))), w(w2)));
            return new Var[] {matmul(x, w(out)), att};
        }

        double step(Adam adam, Batch b) {
            adam.zeroGrad();
            Var loss = Losses.crossEntropy(forward(b)[0], b.labels);
            loss.backward();
            adam.step();
            return loss.item();
        }

        double accuracy(Batch b) {
            float[] logits = forward(b)[0].data();
            int classes = logits.length / b.size();
            int right = 0;
            for (int i = 0; i < b.size(); i++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (logits[i * classes + c] > logits[i * classes + best]) {
                        best = c;
                    }
                }
                right += best == b.labels[i] ? 1 : 0;
            }
            return (double) right / b.size();
        }

        /** Mean attention of the answer position on the token at {@code subjectPos}. */
        double subjectAttention(Batch b, int subjectPos) {
            float[] a = forward(b)[1].data();
            double s = 0;
            for (int i = 0; i < b.size(); i++) {
                s += a[i * LEN + subjectPos];
            }
            return s / b.size();
        }
    }
}
