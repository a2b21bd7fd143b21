package org.attentionworkbench.compute.labs;

import java.util.List;
import org.attentionworkbench.compute.figure.FigureSet;

/** One lab: what it checks, the options it takes, and a run that returns its figures. */
public interface Lab {
    /** Short id used by the CLI ({@code workbench lab ID}): lower case, no spaces. */
    String id();

    /** Title shown in the workspace. */
    String title();

    /** One or two sentences: the claim checked and the paper it comes from. */
    String summary();

    /** Every option the lab reads, with its default. */
    List<LabOption> options();

    /**
     * Runs the lab. Options not given take their defaults ({@link LabOptions} resolves and checks them);
     * long runs report through progress and stop with {@link java.util.concurrent.CancellationException}
     * when it says so.
     *
     * @throws LabException for bad options or input files, with a message naming the option or file
     */
    FigureSet run(LabOptions options, LabProgress progress) throws LabException;
}
